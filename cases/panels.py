"""Cases' panel on the start page (ui/panels.py): the cases the person holds and what waits for them. It names
children, so it writes its access-log rows before the page renders."""

from datetime import timedelta
from itertools import chain

from django.db import connection
from django.db.models import Count, Q, Value, Window
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import visible_cases, waiting_handovers
from cases.audit import log_access
from cases.models import AccessLog, CaseMeasure
from organisation.access import scope_for
from ui.panels import Panel

SHOWN = 10
_HELD, _TO_DECIDE, _GUARDIANS = "held", "to_decide", "guardians"


def staff_panels(request) -> list[Panel]:
    user = request.user
    scope = scope_for(user)
    if not scope.service_ids:
        return []
    today = timezone.localdate()
    mine = visible_cases(user).open().select_related("child")
    # The three lists of cases in one query (UNION ALL of three short ones, each marked with its list), and the
    # count of held cases with them as a window over the held ones: there used to be four queries.
    held = mine.filter(holder=user).annotate(panel_list=Value(_HELD), held_count=Window(Count("pk")))
    to_decide = (
        mine.filter(level=0, decided_on__isnull=True)
        .filter(Q(holder=user) | Q(owning_service__in=scope.led_service_ids))
        .annotate(panel_list=Value(_TO_DECIDE), held_count=Value(0))
    )
    guardians = (
        mine.filter(holder=user, guardians_contacted_on__isnull=True)
        .exclude(concern__guardians_contacted="no")
        .annotate(panel_list=Value(_GUARDIANS), held_count=Value(0))
    )
    parts = [
        held.order_by("-registered_at", "-pk")[:SHOWN],
        to_decide.order_by("decision_due", "pk")[:SHOWN],
        guardians.order_by("guardians_contact_due", "pk")[:SHOWN],
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        rows = parts[0].union(*parts[1:], all=True)
    else:  # SQLite (the demo's embedded database) takes no LIMIT inside a UNION: three queries there
        rows = chain(*parts)
    lists: dict[str, list] = {_HELD: [], _TO_DECIDE: [], _GUARDIANS: []}
    for case in rows:
        lists[case.panel_list].append(case)
    held = sorted(lists[_HELD], key=lambda case: (case.registered_at, case.pk), reverse=True)
    held_count = held[0].held_count if held else 0
    to_decide = sorted(lists[_TO_DECIDE], key=lambda case: (case.decision_due, case.pk))
    guardians = sorted(lists[_GUARDIANS], key=lambda case: (case.guardians_contact_due, case.pk))
    handovers = list(waiting_handovers(user).select_related("case__child")[:SHOWN])
    measures = list(
        CaseMeasure.objects.filter(
            owner=user, case__in=mine, evaluate_on__lte=today + timedelta(days=7), case__closed_at__isnull=True
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))
        .select_related("case__child")
        .order_by("evaluate_on")[:SHOWN]
    )
    shown = [*held, *(h.case for h in handovers), *to_decide, *guardians, *(m.case for m in measures)]
    log_access(request, shown, action=AccessLog.Action.LIST, basis=_("startsiden"))
    return [
        Panel(
            "cases/staff_panel.html",
            {
                "held": held,
                "held_count": held_count,
                "handovers": handovers,
                "to_decide": to_decide,
                "guardians": guardians,
                "measures": measures,
                "today": today,
            },
        )
    ]
