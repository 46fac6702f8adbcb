"""Cases' panel on the start page (ui/panels.py): the cases the person holds and what waits for them. It names
children, so it writes its access-log rows before the page renders."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import visible_cases, waiting_handovers
from cases.audit import log_access
from cases.models import AccessLog, CaseMeasure
from organisation.access import scope_for
from ui.panels import Panel

SHOWN = 10


def staff_panels(request) -> list[Panel]:
    user = request.user
    scope = scope_for(user)
    if not scope.service_ids:
        return []
    today = timezone.localdate()
    mine = visible_cases(user).open().select_related("child")
    held = list(mine.filter(holder=user).order_by("-registered_at")[:SHOWN])
    held_count = mine.filter(holder=user).count()
    handovers = list(waiting_handovers(user).select_related("case__child")[:SHOWN])
    to_decide = list(
        mine.filter(level=0, decided_on__isnull=True)
        .filter(Q(holder=user) | Q(owning_service__in=scope.led_service_ids))
        .order_by("decision_due")[:SHOWN]
    )
    guardians = list(
        mine.filter(holder=user, guardians_contacted_on__isnull=True)
        .exclude(concern__guardians_contacted="no")
        .order_by("guardians_contact_due")[:SHOWN]
    )
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
