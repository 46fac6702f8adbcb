"""Query counts that stay flat as cases and logs grow, and canaries: every response that shows a canary child has
an access-log row, and leadership, administrators and a superuser never meet one."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import AccessLog, Case
from tests.cases.conftest import CANARY_ID, CANARY_NAME, move, register

pytestmark = pytest.mark.django_db


def test_the_case_list_and_the_start_page_stay_flat_as_cases_grow(client, world, count_queries):
    _queries = count_queries
    for n in range(3):
        register(world, name=f"Barn Nummer{n}", national_id="")
    client.force_login(world.teacher)
    few = (_queries(client, reverse("cases:list")), _queries(client, reverse("organisation:staff-home")))
    for n in range(3, 25):
        register(world, name=f"Barn Nummer{n}", national_id="")
    many = (_queries(client, reverse("cases:list")), _queries(client, reverse("organisation:staff-home")))
    assert few == many


def test_the_case_page_stays_flat_as_its_log_grows(client, world, count_queries):
    _queries = count_queries
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_2, services=[world.health])
    client.force_login(world.teacher)
    url = reverse("cases:detail", args=[case.pk])
    few = _queries(client, url)
    today = timezone.localdate()
    for n in range(30):
        entry = services.log_entry_add(
            case=case, by=world.nurse, kind="conversation", occurred_on=today, text=f"Samtale {n}"
        )
        if n % 5 == 0:
            services.log_entry_add(
                case=case, by=world.teacher, kind="correction", occurred_on=today, text="Rettet", corrects=entry
            )
    assert _queries(client, url) == few


def _every_get_url(case) -> list[str]:
    urls = [
        reverse("home"),
        reverse("organisation:staff-home"),
        reverse("organisation:leadership-home"),
        reverse("organisation:admin-home"),
        reverse("cases:list"),
        reverse("collaboration:year-wheel"),
        reverse("measures:pyramid"),
    ]
    for name in (
        "detail",
        "log-add",
        "guardians-contacted",
        "level",
        "handover",
        "report",
        "referral-add",
        "measure-add",
        "close",
    ):
        urls.append(reverse(f"cases:{name}", args=[case.pk]))
    return urls


def test_every_response_that_shows_the_canary_has_an_access_log_row(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_2, services=[world.health])
    for person in world.people().values():
        client.force_login(person)
        for url in _every_get_url(case):
            before = AccessLog.objects.exclude(action="denied").count()
            response = client.get(url)
            body = response.content.decode()
            if CANARY_NAME in body or CANARY_ID in body:
                assert AccessLog.objects.exclude(action="denied").count() > before, f"{url} as {person} not logged"


def test_leadership_administrators_and_a_superuser_never_meet_the_canary(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_3, services=[world.health, world.ppt])
    for person in (world.leadership, world.administrator, world.superuser):
        client.force_login(person)
        for url in _every_get_url(case):
            body = client.get(url).content.decode()
            assert CANARY_NAME not in body and CANARY_ID not in body, f"{url} as {person}"
        assert not AccessLog.objects.filter(user=person).exclude(action="denied").exists()


def test_no_canary_reaches_the_logs_or_an_error_report(client, world, caplog, monkeypatch):
    import logging

    from django.views.debug import SafeExceptionReporterFilter

    caplog.set_level(logging.DEBUG)
    case = register(world)
    client.force_login(world.teacher)
    client.get(reverse("cases:detail", args=[case.pk]))
    client.post(reverse("cases:list"), {"q": CANARY_NAME, "status": "all"})
    client.post(
        reverse("cases:log-add", args=[case.pk]),
        {"kind": "observation", "occurred_on": "2099-01-01", "text": CANARY_NAME},
    )
    assert CANARY_NAME not in caplog.text and CANARY_ID not in caplog.text

    # A server error in a case view: the report a developer or an e-mail would get hides what was posted.
    from django.test import RequestFactory

    request = RequestFactory().post("/saker/ny/", {"barn-full_name": CANARY_NAME, "barn-national_id": CANARY_ID})
    request.user = world.teacher
    from cases import views

    monkeypatch.setattr(views, "registering_services", lambda user: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        views.case_register(request)
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert CANARY_NAME not in str(dict(cleaned)) and CANARY_ID not in str(dict(cleaned))


def test_the_start_pages_cases_panel_reads_in_three_queries_and_logs_in_one(world, django_assert_num_queries):
    from django.test import RequestFactory

    from cases.panels import staff_panels
    from organisation.access import scope_for

    case = register(world)
    request = RequestFactory().get(reverse("organisation:staff-home"))
    request.user = world.teacher
    scope_for(request.user)  # read once per request by the header already
    staff_panels(request)  # content types, which guardian looks up, are cached once per process
    # The held, to-decide and guardians lists with the held count in one query; hand-overs; measures; the log.
    with django_assert_num_queries(4):
        panel = staff_panels(request)[0]
    assert [c.pk for c in panel.context["held"]] == [case.pk] and panel.context["held_count"] == 1
    assert AccessLog.objects.filter(user=world.teacher, child=case.child_id).exists()
