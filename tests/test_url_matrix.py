"""The project-wide URL × persona × method matrix: every named URL of every app, with GET and POST, for every
persona. A named URL that is not in the table fails the test, so a new page cannot ship without its rule.

Outcomes: a persona allowed a method gets a page or a redirect (200 or 302, never 403, 404 or 500); any other
logged-in persona gets 404, exactly as for an object that does not exist; anonymous visitors and deactivated
people are sent to the login page; a method a view does not take answers 405, whoever asks. Django admin
(`/django-admin/`) is the platform operator's and is covered by tests/organisation/test_admin_pages.py; here
we check that it registers no model holding meeting or case content.
"""

import pytest
from django.contrib import admin
from django.urls import URLResolver, get_resolver, reverse

from measures.models import CataloguePartner
from organisation.models import Position
from reports.models import AnnualReport, Competence, Indicator
from tests.factories import PositionFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTIVE = [
    "staff_a",
    "leader_a",
    "leadership_a",
    "admin_a",
    "privacy_officer",
    "ppt_shared",
    "staff_b",
    "admin_b",
    "no_position",
    "superuser",
]
PERSONAS = ["anonymous", "deactivated", *ACTIVE]
IN_A = {"staff_a", "leader_a", "leadership_a", "admin_a", "privacy_officer", "ppt_shared"}
IN_ANY = IN_A | {"staff_b", "admin_b"}
ADMINS = {"admin_a", "admin_b"}
PUBLIC = "public"  # anonymous visitors too
LOGGED_IN = set(ACTIVE)
NOT_ALLOWED = None  # the view does not take this method: 405
NOBODY = "nobody"  # 404 to everyone, anonymous visitors too (a secret address that does not exist)
IN_SERVICES = {"staff_a", "leader_a", "ppt_shared", "staff_b"}  # only service positions work on cases
CASE_WORKERS = {"staff_a", "leader_a", "ppt_shared"}  # holder, the owning service's leader, a service let in
CASE_MANAGERS = {"staff_a", "leader_a"}  # the holder and the owning service's leader
REPORT_READERS_A = {"leadership_a", "admin_a"}  # leadership and administrators of A
REPORT_READERS_ANY = {*REPORT_READERS_A, "admin_b"}  # each sees their own municipality's


def _all_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return {name for name in names if not name.startswith("admin:")}


# name: (arguments, who may GET, who may POST)
def _table(world):
    org, structures, meeting, catalogue = world["org"], world["structures"], world["meeting"], world["catalogue"]
    staff_a_position = Position.objects.get(holder=org.users["staff_a"])
    individual = world["individual_meeting"]
    cases = world["cases"]
    case, second = cases["case"], cases["second"]
    return {
        "home": ([], LOGGED_IN, LOGGED_IN),
        "login": ([], PUBLIC, PUBLIC),
        "logout": ([], NOT_ALLOWED, PUBLIC),
        "password_reset": ([], PUBLIC, PUBLIC),
        "password_reset_done": ([], PUBLIC, NOT_ALLOWED),
        "password_reset_confirm": (["MQ", "velg-passord"], PUBLIC, PUBLIC),
        "password_reset_complete": ([], PUBLIC, NOT_ALLOWED),
        "password_change": ([], LOGGED_IN, LOGGED_IN),
        "password_change_done": ([], LOGGED_IN, NOT_ALLOWED),
        "set_language": ([], PUBLIC, PUBLIC),
        "organisation:staff-home": ([], LOGGED_IN, LOGGED_IN),
        "organisation:leadership-home": ([], {"leadership_a"}, {"leadership_a"}),
        "organisation:municipality-list": ([], LOGGED_IN, LOGGED_IN),
        "organisation:service-detail": ([org.health_a.pk], IN_A, IN_A),
        "organisation:admin-home": ([], ADMINS, ADMINS),
        "organisation:municipality-edit": ([org.a.pk], {"admin_a"}, {"admin_a"}),
        "organisation:service-list": ([], ADMINS, ADMINS),
        "organisation:service-create": ([], ADMINS, ADMINS),
        "organisation:service-edit": ([org.health_a.pk], {"admin_a"}, {"admin_a"}),
        "organisation:person-list": ([], ADMINS, ADMINS),
        "organisation:person-create": ([], ADMINS, ADMINS),
        "organisation:person-edit": ([org.users["staff_a"].pk], {"admin_a"}, {"admin_a"}),
        "organisation:person-invite": ([org.users["staff_a"].pk], NOT_ALLOWED, {"admin_a"}),
        "organisation:position-list": ([], ADMINS, ADMINS),
        "organisation:position-create": ([], ADMINS, ADMINS),
        "organisation:position-edit": ([staff_a_position.pk], {"admin_a"}, {"admin_a"}),
        "measures:pyramid": ([], IN_ANY, IN_ANY),
        "measures:measure-list": ([], IN_ANY, IN_ANY),
        "measures:measure-export": ([], IN_ANY, IN_ANY),
        "measures:measure-create": ([], {"leader_a", "admin_a", "admin_b"}, {"leader_a", "admin_a", "admin_b"}),
        "measures:catalogue-import": ([], ADMINS, ADMINS),
        "measures:partner-create": ([], ADMINS, ADMINS),
        "measures:partner-edit": ([world["partner"].pk], {"admin_a"}, {"admin_a"}),
        "measures:partner-delete": ([world["partner_to_delete"].pk], NOT_ALLOWED, {"admin_a"}),
        "measures:measure-detail": ([catalogue["a"].pk], IN_A, IN_A),
        "measures:measure-edit": ([catalogue["a"].pk], {"leader_a", "admin_a"}, {"leader_a", "admin_a"}),
        "measures:measure-end": ([catalogue["a"].pk], NOT_ALLOWED, {"leader_a", "admin_a"}),
        "measures:evaluation-create": ([catalogue["a"].pk], {"leader_a", "admin_a"}, {"leader_a", "admin_a"}),
        "measures:public-index": ([], PUBLIC, PUBLIC),
        "measures:public-help": ([org.a.number], PUBLIC, PUBLIC),
        "collaboration:structure-list": ([], LOGGED_IN, LOGGED_IN),
        "collaboration:structure-create": ([], {"leadership_a", *ADMINS}, {"leadership_a", *ADMINS}),
        # Seats see the meetings; leadership and administrators the set-up only (tests/collaboration/test_seats).
        "collaboration:structure-detail": (
            [structures["individual"].pk],
            {"staff_a", "leader_a", "leadership_a", "admin_a"},
            {"staff_a", "leader_a", "leadership_a", "admin_a"},
        ),
        "collaboration:structure-edit": (
            [structures["individual"].pk],
            {"leadership_a", "admin_a"},
            {"leadership_a", "admin_a"},
        ),
        "collaboration:structure-propose": ([structures["individual"].pk], NOT_ALLOWED, {"leader_a"}),
        "collaboration:structure-meeting-add": ([structures["individual"].pk], {"leader_a"}, {"leader_a"}),
        "collaboration:year-wheel": ([], IN_ANY, IN_ANY),
        "collaboration:meeting-detail": ([individual.pk], {"staff_a", "leader_a"}, {"staff_a", "leader_a"}),
        "collaboration:meeting-convene": ([individual.pk], {"leader_a"}, {"leader_a"}),
        "collaboration:meeting-cancel": ([individual.pk], {"leader_a"}, {"leader_a"}),
        "collaboration:meeting-restore": ([individual.pk], NOT_ALLOWED, {"leader_a"}),
        "collaboration:agenda-add": ([individual.pk], NOT_ALLOWED, {"leader_a"}),
        "collaboration:agenda-remove": ([individual.pk, world["agenda_item"].pk], NOT_ALLOWED, {"leader_a"}),
        "collaboration:meeting-ics": ([individual.pk], {"staff_a", "leader_a"}, {"staff_a", "leader_a"}),
        "collaboration:minutes-edit": ([individual.pk], {"staff_a", "leader_a"}, {"staff_a", "leader_a"}),
        "collaboration:minutes-approve": ([individual.pk], NOT_ALLOWED, {"leader_a"}),
        "collaboration:minutes-correct": ([individual.pk], NOT_ALLOWED, {"staff_a", "leader_a"}),
        # The approved minutes of a system-level meeting: everyone in A reads them; the writers rebuild the PDF.
        "collaboration:minutes-pdf": ([meeting.pk], IN_A, NOT_ALLOWED),
        # Any reader asks for a PDF not made yet; only the writers retry a failed one (test_minutes_pdf).
        "collaboration:minutes-pdf-retry": ([meeting.pk], NOT_ALLOWED, IN_A),
        "collaboration:attendance-edit": ([individual.pk], {"staff_a", "leader_a"}, {"staff_a", "leader_a"}),
        "collaboration:action-item-add": ([individual.pk], NOT_ALLOWED, {"staff_a", "leader_a"}),
        # The owner (staff_a), the minute writers, and anyone in the owning service with a seat.
        "collaboration:action-item-list": ([], LOGGED_IN, NOT_ALLOWED),
        "collaboration:action-item-reopen": ([world["action_item"].pk], NOT_ALLOWED, {"staff_a", "leader_a"}),
        # The world's item is owned by a person, not a service: nobody hands it on (tests/collaboration).
        "collaboration:action-item-assign": ([world["action_item"].pk], NOT_ALLOWED, set()),
        "collaboration:action-item-close": ([world["action_item"].pk], NOT_ALLOWED, {"staff_a", "leader_a"}),
        "collaboration:seat-accept": ([structures["individual"].pk, staff_a_position.pk], NOT_ALLOWED, set()),
        "collaboration:calendar": ([], LOGGED_IN, LOGGED_IN),
        "collaboration:calendar-feed": (["no-such-token"], NOBODY, NOBODY),
        # Cases: a level-2 case registered and held by staff_a in A's health station, led by leader_a, shared
        # with the PPT on consent; a second one, shared with A's school, with the baton offered to leader_a.
        "reminders:list": ([], LOGGED_IN, NOT_ALLOWED),
        "reminders:mark-read": ([], NOT_ALLOWED, LOGGED_IN),
        "reminders:preferences": ([], LOGGED_IN, LOGGED_IN),
        "reminders:municipality-settings": ([org.a.pk], {"admin_a"}, {"admin_a"}),
        "cases:list": ([], IN_SERVICES, IN_SERVICES),
        "cases:register": ([], IN_SERVICES, IN_SERVICES),
        "cases:detail": ([case.pk], CASE_WORKERS, NOT_ALLOWED),
        "cases:log-add": ([case.pk], CASE_WORKERS, CASE_WORKERS),
        "cases:log-correct": ([case.pk, cases["entry"].pk], CASE_WORKERS, CASE_WORKERS),
        "cases:guardians-contacted": ([case.pk], CASE_WORKERS, CASE_WORKERS),
        "cases:level": ([case.pk], CASE_MANAGERS, CASE_MANAGERS),
        "cases:grant-add": ([case.pk], {"leader_a"}, {"leader_a"}),
        "cases:grant-end": ([second.pk, cases["grant"].pk], NOT_ALLOWED, {"leader_a"}),
        "cases:handover": ([case.pk], CASE_MANAGERS, CASE_MANAGERS),
        "cases:handover-answer": ([second.pk, cases["handover"].pk], NOT_ALLOWED, {"leader_a"}),
        "cases:handover-withdraw": ([second.pk, cases["handover"].pk], NOT_ALLOWED, CASE_MANAGERS),
        "cases:report": ([case.pk], CASE_WORKERS, CASE_WORKERS),
        "cases:referral-add": ([case.pk], CASE_WORKERS, CASE_WORKERS),
        "cases:referral-answer": ([case.pk, cases["referral"].pk], CASE_WORKERS, CASE_WORKERS),
        "cases:measure-add": ([case.pk], CASE_WORKERS, CASE_WORKERS),
        "cases:measure-evaluate": ([case.pk, cases["measure"].pk], CASE_WORKERS, CASE_WORKERS),
        "cases:plan": ([case.pk], CASE_MANAGERS, CASE_MANAGERS),
        "cases:child-edit": ([case.pk], CASE_WORKERS, CASE_WORKERS),
        "cases:guardian-add": ([case.pk], CASE_WORKERS, CASE_WORKERS),
        "cases:guardian-edit": ([case.pk, cases["guardian"].pk], CASE_WORKERS, CASE_WORKERS),
        "cases:close": ([case.pk], CASE_MANAGERS, CASE_MANAGERS),
        "cases:reopen": ([case.pk], CASE_MANAGERS, CASE_MANAGERS),
        # The annual report: leadership and administrators of the municipality (tests/reports/).
        "reports:report-index": ([], REPORT_READERS_ANY, REPORT_READERS_ANY),
        "reports:report-detail": ([world["report"].pk], REPORT_READERS_A, NOT_ALLOWED),
        "reports:report-download": ([world["report"].pk], REPORT_READERS_A, NOT_ALLOWED),
        "reports:report-retry": ([world["report"].pk], NOT_ALLOWED, REPORT_READERS_A),
        "reports:report-preview": ([org.a.pk, "calendar", 2025], REPORT_READERS_A, NOT_ALLOWED),
        "reports:report-texts": ([org.a.pk, "calendar", 2025], REPORT_READERS_A, REPORT_READERS_A),
        "reports:report-attach": ([world["report"].pk], NOT_ALLOWED, REPORT_READERS_A),
        "reports:report-data": ([org.a.pk], REPORT_READERS_A, REPORT_READERS_A),
        "reports:indicator-edit": ([org.a.pk, world["indicator"].pk], REPORT_READERS_A, REPORT_READERS_A),
        "reports:competence-edit": ([org.a.pk, world["competence"].pk], REPORT_READERS_A, REPORT_READERS_A),
        "reports:indicator-delete": ([org.a.pk, world["indicator_to_delete"].pk], NOT_ALLOWED, REPORT_READERS_A),
        "reports:competence-delete": ([org.a.pk, world["competence_to_delete"].pk], NOT_ALLOWED, REPORT_READERS_A),
    }


@pytest.fixture
def world(org, structures, meeting, catalogue):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import ActionItem, AgendaItem, Meeting
    from collaboration.services import meeting_convene, minutes_approve, minutes_save

    users = org.users
    users["privacy_officer"] = UserFactory(email="privacy@test.demo", municipality=org.a)
    PositionFactory(
        holder=users["privacy_officer"], service=None, municipality=org.a, role="privacy_officer", title="Personvern"
    )
    users["superuser"] = UserFactory(email="root@test.demo", is_superuser=True, is_staff=True)
    users["deactivated"] = UserFactory(email="gone@test.demo", municipality=org.a, is_active=False)
    PositionFactory(holder=users["deactivated"], service=org.health_a, title="Sluttet")
    structures["individual"].members.add(Position.objects.get(holder=users["deactivated"]))
    individual = Meeting.objects.create(
        structure=structures["individual"],
        starts_at=meeting.starts_at + timedelta(days=1),
        ends_at=meeting.ends_at + timedelta(days=1),
        place="Skolen",
    )
    agenda_item = AgendaItem.objects.create(meeting=individual, title="Elevsak", kind="case")
    action_item = ActionItem.objects.create(
        structure=individual.structure,
        meeting=individual,
        what="Følge opp",
        owner_person=users["staff_a"],
        due_on="2030-01-01",
    )
    # Held yesterday: only a convened meeting that has started gets approved minutes.
    yesterday = timezone.now() - timedelta(days=1)
    meeting_convene(
        meeting=meeting,
        starts_at=yesterday,
        ends_at=yesterday + timedelta(hours=2),
        place="Rådhuset",
        video_link="",
        by=None,
    )
    meeting.refresh_from_db()
    minutes = minutes_save(meeting=meeting, revision=0, entries={}, by=users["leader_a"])
    minutes_approve(minutes=minutes, approved_by=users["leader_a"])  # its PDF is queued (never built here)
    report = AnnualReport.objects.create(
        municipality=org.a,
        kind="calendar",
        year=2025,
        period_start="2025-01-01",
        period_end="2025-12-31",
        requested_by=users["leadership_a"],
        status="failed",  # a retry queues its build (never run here)
    )
    indicator = Indicator.objects.create(
        municipality=org.a, name="Barn i lavinntektsfamilier", source="folkehelseprofil", year=2024, value=8
    )
    competence = Competence.objects.create(municipality=org.a, service=org.health_a, training="COS-P", people=3)
    partner = CataloguePartner.objects.create(municipality=org.a, name="BUP Hallingdal")
    partner_to_delete = CataloguePartner.objects.create(municipality=org.a, name="Krisesenteret")
    # Deleting runs before editing in the table's order: each has its own row.
    indicator_to_delete = Indicator.objects.create(
        municipality=org.a, name="Mobbing", source="elevundersokelsen", year=2024, value=6
    )
    competence_to_delete = Competence.objects.create(
        municipality=org.a, service=org.health_a, training="PMTO", people=1
    )
    return {
        "report": report,
        "indicator": indicator,
        "competence": competence,
        "indicator_to_delete": indicator_to_delete,
        "partner": partner,
        "partner_to_delete": partner_to_delete,
        "competence_to_delete": competence_to_delete,
        "cases": _cases(org),
        "org": org,
        "structures": structures,
        "meeting": meeting,
        "catalogue": catalogue,
        "individual_meeting": individual,
        "agenda_item": agenda_item,
        "action_item": action_item,
    }


def _cases(org):
    from datetime import date

    from django.utils import timezone

    from cases import services
    from cases.models import CaseMeasure, Child, Concern, Guardian, Referral

    users = org.users

    def register(name):
        child = Child(municipality=org.a, full_name=name, birth_date=date(2014, 5, 1))
        guardians = [Guardian(full_name=f"Forelder til {name}")]
        concern = Concern(observed_at=timezone.now(), place="Helsestasjonen", noticed_by="Helsesykepleier", event="Uro")
        case = services.concern_register(
            by=users["staff_a"], service=org.health_a, child=child, guardians=guardians, concern=concern
        )
        return services.level_change(
            case=case,
            by=users["leader_a"],
            level=2,
            reason="Trenger samarbeid",
            version=case.version,
            consent_recorded_on=timezone.localdate(),
            consent_note="Foresatte samtykket skriftlig.",
        )

    case = register("Matrise Barnsen")
    services.grant_add(case=case, by=users["leader_a"], service=org.shared_ppt, consent_basis="Skriftlig samtykke")
    second = register("Matrise Toersen")
    grant = services.grant_add(case=second, by=users["leader_a"], service=org.school_a, consent_basis="Samtykke")
    handover = services.handover_request(case=second, by=users["staff_a"], to_user=users["leader_a"])
    today = timezone.localdate()
    referral = services.referral_add(
        case=case,
        by=users["staff_a"],
        referral=Referral(
            to_service=org.shared_ppt, reason="Utredning", sent_on=today, follow_up_while_waiting=users["staff_a"]
        ),
    )
    measure = services.case_measure_add(
        case=case,
        by=users["staff_a"],
        measure=CaseMeasure(title="Samtaler", owner=users["staff_a"], starts_on=today, evaluate_on=today),
    )
    return {
        "case": case,
        "second": second,
        "entry": case.log_entries.first(),
        "guardian": case.child.guardians.get(),
        "grant": grant,
        "handover": handover,
        "referral": referral,
        "measure": measure,
    }


def test_every_named_url_is_in_the_matrix(world):
    assert set(_table(world)) == _all_url_names()


def test_django_admin_holds_no_meeting_or_case_content():
    apps = {model._meta.app_label for model in admin.site._registry}
    assert apps.isdisjoint({"collaboration", "cases", "consent"})


def _expected(allowed, persona):
    if allowed is NOT_ALLOWED:
        return {405} if persona in ACTIVE else {302, 405}
    if allowed == PUBLIC:
        return {200, 302}
    if allowed == NOBODY:
        return {404}
    if persona in ("anonymous", "deactivated"):
        return {302}
    return {200, 302} if persona in allowed else {404}


@pytest.mark.parametrize("method", ["get", "post"])
def test_url_persona_method_matrix(client, world, method):
    table = _table(world)
    failures = []
    # Personas that must be refused go first, so an allowed POST cannot change what they would meet.
    for name, (args, get_rule, post_rule) in sorted(table.items()):
        rule = get_rule if method == "get" else post_rule
        url = reverse(name, args=args)
        ordered = sorted(PERSONAS, key=lambda persona: isinstance(rule, set) and persona in rule)
        for persona in ordered:
            client.logout()
            if persona != "anonymous":
                client.force_login(world["org"].users[persona])
            response = getattr(client, method)(url)
            expected = _expected(rule, persona)
            if response.status_code not in expected:
                failures.append(f"{method.upper()} {name} as {persona}: {response.status_code}, expected {expected}")
            elif (
                response.status_code == 302
                and persona in ("anonymous", "deactivated")
                and isinstance(rule, set)
                and not response.url.startswith(reverse("login"))
            ):
                failures.append(f"{method.upper()} {name} as {persona}: redirected to {response.url}")
    assert not failures, "\n".join(failures)
