"""Login, lockout, logout, password reset, session lifetime, and where each role lands."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisation.middleware import SESSION_REFRESH_SECONDS, SESSION_REFRESHED_KEY, SESSION_STARTED_KEY
from tests.conftest import run_queued
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/logg-inn/"


def _post_login(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_staff_log_in_with_email_and_password_in_any_case(client, org):
    response = _post_login(client, "STAFF_A@Test.Demo", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).url == reverse("organisation:staff-home")


def test_a_wrong_password_gives_a_norwegian_message_and_keeps_the_email(client, org):
    response = _post_login(client, "staff_a@test.demo", "feil")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Feil e-post eller passord" in content
    assert 'value="staff_a@test.demo"' in content
    assert "_auth_user_id" not in client.session


def test_an_empty_form_marks_each_field_in_norwegian(client, org):
    response = client.post(LOGIN, {"username": "", "password": ""})
    content = response.content.decode()
    assert content.count("Feltet er påkrevet.") >= 2
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_username_error"' in content


@pytest.mark.parametrize(
    ("who", "landing"),
    [
        ("staff_a", "organisation:staff-home"),
        ("no_position", "organisation:staff-home"),
        ("leadership_a", "organisation:leadership-home"),
        ("admin_a", "organisation:admin-home"),
    ],
)
def test_each_role_lands_on_its_own_start_page(client, org, who, landing):
    client.force_login(org.users[who])
    assert client.get(reverse("home")).url == reverse(landing)


def test_repeated_failures_lock_out_that_email_from_that_address_only(client, org, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post_login(client, "staff_a@test.demo", "feil").status_code == 200
    assert _post_login(client, "staff_a@test.demo", "feil").status_code == 429  # the limit-th failure locks
    locked = _post_login(client, "staff_a@test.demo", PASSWORD)  # …even with the right password
    assert locked.status_code == 429
    assert "For mange mislykkede innlogginger" in locked.content.decode()
    # A colleague behind the same NAT address, and the same person elsewhere, are not locked out.
    assert _post_login(client, "leader_a@test.demo", PASSWORD).status_code == 302
    client.logout()
    assert _post_login(client, "staff_a@test.demo", PASSWORD, ip="10.9.9.9").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, org, settings):
    import time_machine

    with time_machine.travel("2026-11-23 10:00 +0000", tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _post_login(client, "staff_a@test.demo", "feil")
        assert _post_login(client, "staff_a@test.demo", PASSWORD).status_code == 429
        traveller.shift(settings.AXES_COOLOFF_TIME.total_seconds() + 1)
        assert _post_login(client, "staff_a@test.demo", PASSWORD).status_code == 302


def test_every_login_attempt_is_logged(client, org):
    from axes.models import AccessAttempt, AccessLog

    _post_login(client, "staff_a@test.demo", "feil")
    _post_login(client, "staff_a@test.demo", PASSWORD)
    assert AccessLog.objects.filter(username="staff_a@test.demo", ip_address="10.0.0.1").count() == 1
    # Axes keeps failures until a successful login resets them; the failure itself is in the failure log.
    from axes.models import AccessFailureLog

    assert AccessFailureLog.objects.filter(username="staff_a@test.demo").count() == 1
    assert not AccessAttempt.objects.filter(username="staff_a@test.demo").exists()


def test_logout_is_a_post_and_ends_the_session(client, org):
    client.force_login(org.users["staff_a"])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
    assert client.get(reverse("organisation:staff-home")).status_code == 302


def _reset(client, email, ip="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def reset(org, queued_tasks, empty_cache):
    return queued_tasks


def test_password_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(client, reset):
    unknown = _reset(client, "ingen@finnes.demo")
    known = _reset(client, "staff_a@test.demo")
    assert unknown.status_code == known.status_code == 302
    assert unknown.url == known.url == reverse("password_reset_done")
    run_queued(reset)
    assert [message.to for message in mail.outbox] == [["staff_a@test.demo"]]


def test_password_reset_sends_nothing_in_the_request_and_queues_no_address(client, reset):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    work = []
    for email in ("ingen@finnes.demo", "staff_a@test.demo"):
        with CaptureQueriesContext(connection) as queries:
            assert _reset(client, email).status_code == 302
        work.append(len(queries))
    # The same work for a known and an unknown address (the lookup is the task's), and no mail yet.
    assert work == [0, 0]
    assert not mail.outbox
    assert [task.name for task, _args, _kwargs in reset] == ["organisation.tasks.send_password_reset"] * 2
    message = repr([(args, kwargs) for _task, args, kwargs in reset])
    assert "@" not in message and "staff_a" not in message and "passord" not in message


def test_password_reset_is_throttled_per_address_and_per_client(client, reset, settings):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 2):
        assert _reset(client, "staff_a@test.demo", ip="10.0.0.1").url == reverse("password_reset_done")
    assert len(reset) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    # Look-alike spellings are the same address; another client asking for it is throttled too.
    _reset(client, "STAFF_A@teſt.demo", ip="10.0.0.2")
    assert len(reset) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    run_queued(reset)
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    # One client asking for many addresses is throttled by its address.
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_IP + 2):
        _reset(client, f"person{n}@test.demo", ip="10.0.0.3")
    assert len(reset) == settings.PASSWORD_RESET_LIMIT_PER_IP
    _reset(client, "leader_a@test.demo", ip="10.0.0.4")
    assert len(reset) == settings.PASSWORD_RESET_LIMIT_PER_IP + 1


def test_a_reset_request_is_sent_once_even_if_the_task_runs_twice(client, reset):
    _reset(client, "staff_a@test.demo")
    task, args, kwargs = reset[0]
    task(*args, **kwargs)
    task(*args, **kwargs)
    assert len(mail.outbox) == 1


def test_without_a_broker_the_reset_email_is_sent_at_once_as_in_the_demo(client, org, empty_cache):
    from config.celery import app

    app.conf.task_always_eager = True  # what the settings choose without a broker (make demo)
    try:
        _reset(client, "staff_a@test.demo")
    finally:
        app.conf.task_always_eager = False
    assert [message.to for message in mail.outbox] == [["staff_a@test.demo"]]


def test_password_reset_link_sets_a_new_password(client, reset):
    _reset(client, "staff_a@test.demo")
    run_queued(reset)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/passord/nytt/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new = "et-helt-nytt-passord-2026"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.url == reverse("password_reset_complete")
    assert _post_login(client, "staff_a@test.demo", new).status_code == 302


def test_a_malformed_reset_email_is_refused_in_norwegian(client, org):
    response = client.post(reverse("password_reset"), {"email": "ikke-en-adresse"})
    assert response.status_code == 200
    assert "Oppgi en gyldig e-postadresse" in response.content.decode()
    assert 'value="ikke-en-adresse"' in response.content.decode()


def test_sessions_expire_after_the_idle_time(client, org, settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 30 * 60
    client.force_login(org.users["staff_a"])
    assert client.get(reverse("organisation:staff-home")).status_code == 200
    row = Session.objects.get(session_key=client.session.session_key)
    assert row.expire_date > timezone.now() + timedelta(minutes=29)
    # Thirty minutes without a request: the session is gone, and the next page asks for a login.
    Session.objects.filter(pk=row.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("organisation:staff-home")).status_code == 302


def test_activity_moves_the_idle_timeout_on_at_most_once_a_minute(client, org):
    client.force_login(org.users["staff_a"])
    client.get(reverse("organisation:staff-home"))
    key = client.session.session_key
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.filter(pk=key).update(expire_date=soon)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("organisation:staff-home"))
    assert not [q for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]
    assert Session.objects.get(pk=key).expire_date == soon  # refreshed less than a minute ago: no write
    session = client.session
    session[SESSION_REFRESHED_KEY] = time.time() - SESSION_REFRESH_SECONDS
    session.save()
    Session.objects.filter(pk=key).update(expire_date=soon)
    client.get(reverse("organisation:staff-home"))
    assert Session.objects.get(pk=key).expire_date > timezone.now() + timedelta(minutes=29)


def test_a_session_ends_after_its_absolute_lifetime(client, org, settings):
    client.force_login(org.users["staff_a"])
    assert client.get(reverse("organisation:staff-home")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.SESSION_ABSOLUTE_HOURS * 3600 - 1
    session.save()
    response = client.get(reverse("organisation:staff-home"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_deactivating_a_person_ends_their_sessions(client, org):
    user = org.users["staff_a"]
    client.force_login(user)
    assert client.get(reverse("organisation:staff-home")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("organisation:staff-home")).status_code == 302


def test_english_can_be_chosen(client, org):
    client.force_login(org.users["staff_a"])
    assert "Mine stillinger" in client.get(reverse("organisation:staff-home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/start/"})
    content = client.get(reverse("organisation:staff-home")).content.decode()
    assert "My positions" in content
    assert '<html lang="en"' in content


def test_case_variants_of_an_email_share_one_failure_counter(client, org, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        email = "STAFF_A@test.demo" if attempt % 2 else "staff_a@test.demo"
        assert _post_login(client, email, "feil").status_code == 200
    assert _post_login(client, "Staff_A@Test.Demo", "feil").status_code == 429


def test_norwegian_is_the_default_whatever_the_browser_asks_for(client, org):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Logg inn i Laget" in response.content.decode()
    assert '<html lang="nb"' in response.content.decode()


def test_empty_choices_are_labelled_in_norwegian(client, org):
    client.force_login(org.users["admin_a"])
    content = client.get(reverse("organisation:position-create")).content.decode()
    assert "– Velg –" in content
    assert "Select an option" not in content


# "ſ" (long s) and "K" (the Kelvin sign) fold to "s" and "k"; PostgreSQL's UPPER() folds them the same way.
LOOK_ALIKES = ["ſtaff_a@teſt.demo", "STAFF_A@TEST.DEMO", "staff_a@test.demo ", "ſtaff_a@test.demo"]


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_look_alike_spellings_of_a_locked_email_are_locked_too(client, org, settings, look_alike):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "staff_a@test.demo", "feil")
    response = _post_login(client, look_alike, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_look_alike_spelling_that_does_not_fold_logs_nobody_in(client, org):
    # PostgreSQL's UPPER() turns the dotless "ı" into "I"; the exact match on the normalised address does not.
    from organisation.models import User

    User.objects.filter(pk=org.users["staff_a"].pk).update(email="kristin@test.demo")
    for look_alike in ("krıstın@test.demo", "ＫＲＩＳＴＩＮ@test.demo"):
        assert _post_login(client, look_alike, PASSWORD).status_code == 200
        assert "_auth_user_id" not in client.session
    assert _post_login(client, "Kristin@test.demo", PASSWORD).status_code == 302


def test_emails_are_stored_normalised(org):
    from organisation.auth import normalize_email
    from organisation.models import User

    assert normalize_email("  ＫARI@Teſt.Demo ") == "kari@test.demo"
    person = User.objects.create_user("ＫARI@Teſt.Demo", full_name="Kari")
    assert person.email == "kari@test.demo"
    person.email = "Kari.Nordmann@TEST.demo"
    person.save()
    person.refresh_from_db()
    assert person.email == "kari.nordmann@test.demo"
    assert User.objects.get_by_natural_key("KARI.nordmann@teſt.demo") == person


def test_the_migration_normalises_stored_emails_and_leaves_clashes(org):
    import importlib

    from django.apps import apps

    from organisation.models import User

    migration = importlib.import_module("organisation.migrations.0002_normalise_emails")
    User.objects.filter(pk=org.users["staff_a"].pk).update(email="Staff_A@Teſt.Demo")
    User.objects.filter(pk=org.users["staff_b"].pk).update(email="LEADER_A@test.demo")  # leader_a has it
    migration.normalise_emails(apps, None)
    assert User.objects.get(pk=org.users["staff_a"].pk).email == "staff_a@test.demo"
    assert User.objects.get(pk=org.users["staff_b"].pk).email == "LEADER_A@test.demo"


PROXY = "10.0.0.254"


def _post_via_proxy(client, email, password, forwarded_for):
    return client.post(
        LOGIN, {"username": email, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    )


def test_behind_a_proxy_each_client_is_counted_and_logged_by_its_own_address(client, org, settings):
    from axes.models import AccessFailureLog, AccessLog

    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_via_proxy(client, "staff_a@test.demo", "feil", "203.0.113.1")
    assert _post_via_proxy(client, "staff_a@test.demo", PASSWORD, "203.0.113.1").status_code == 429
    # Another client behind the same proxy is not locked out by the first one's failures…
    assert _post_via_proxy(client, "staff_a@test.demo", PASSWORD, "203.0.113.2").status_code == 302
    assert AccessLog.objects.get(username="staff_a@test.demo").ip_address == "203.0.113.2"
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {"203.0.113.1"}
    client.logout()
    # …and a client cannot pick its address by sending its own X-Forwarded-For: the proxy appends the real one.
    assert _post_via_proxy(client, "staff_a@test.demo", PASSWORD, "203.0.113.2, 203.0.113.1").status_code == 429


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, org, settings):
    from axes.models import AccessLog

    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _post_via_proxy(client, "staff_a@test.demo", "feil", f"203.0.113.{attempt}")
    assert _post_via_proxy(client, "staff_a@test.demo", PASSWORD, "198.51.100.9").status_code == 429
    assert _post_login(client, "leader_a@test.demo", PASSWORD, ip=PROXY).status_code == 302
    assert AccessLog.objects.get(username="leader_a@test.demo").ip_address == PROXY


def test_a_malformed_x_forwarded_for_falls_back_to_the_proxy_address(rf, settings):
    from organisation.auth import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-ip")) == PROXY
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY)) == PROXY
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5, 10.0.0.9")) == (
        "203.0.113.5"
    )


def test_a_session_from_before_deactivation_stays_dead_after_reactivation(client, org):
    user = org.users["staff_a"]
    client.force_login(user)
    assert client.get(reverse("organisation:staff-home")).status_code == 200
    user.is_active = False
    user.save()
    user.is_active = True
    user.save()
    assert client.get(reverse("organisation:staff-home")).status_code == 302
    assert "_auth_user_id" not in client.session
    client.force_login(user)  # a new login works as before
    assert client.get(reverse("organisation:staff-home")).status_code == 200


def test_an_administrator_deactivating_a_person_ends_their_sessions_for_good(client, org):
    from django.test import Client

    person = org.users["staff_a"]
    their_browser = Client()
    their_browser.force_login(person)
    client.force_login(org.users["admin_a"])
    fields = {"full_name": person.full_name, "email": person.email, "municipality": org.a.pk}
    assert client.post(reverse("organisation:person-edit", args=[person.pk]), fields).status_code == 302
    assert client.post(reverse("organisation:person-edit", args=[person.pk]), fields | {"is_active": "on"}).url
    person.refresh_from_db()
    assert person.is_active
    assert their_browser.get(reverse("organisation:staff-home")).status_code == 302


def test_saving_an_active_person_keeps_their_sessions(client, org):
    user = org.users["staff_a"]
    client.force_login(user)
    user.full_name = "Nytt Navn"
    user.save()
    assert client.get(reverse("organisation:staff-home")).status_code == 200


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 2 * 1024 * 1024
    # A 200 MB upload announced by its Content-Length: refused without reading a byte of it.
    response = client.post(LOGIN, data=b"x", content_type="application/octet-stream", CONTENT_LENGTH="209715200")
    assert response.status_code == 413
    assert "for stor" in response.content.decode()


def test_a_multipart_upload_over_the_limit_gets_413_and_one_under_it_goes_through(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_REQUEST_BYTES = 10_000
    big = SimpleUploadedFile("tiltak.csv", b"a;b\n" * 5000, content_type="text/csv")
    assert client.post(LOGIN, {"username": "x@test.demo", "file": big}).status_code == 413
    small = SimpleUploadedFile("tiltak.csv", b"a;b\n" * 100, content_type="text/csv")
    assert client.post(LOGIN, {"username": "x@test.demo", "file": small}).status_code == 200


def test_upload_limits_are_set(settings):
    assert settings.MAX_REQUEST_BYTES == 2 * 1024 * 1024  # room for the 1 MB measure import
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.MAX_REQUEST_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.MAX_REQUEST_BYTES
    assert settings.MIDDLEWARE.index("organisation.middleware.RequestSizeLimitMiddleware") <= 1
