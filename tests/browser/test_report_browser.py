"""A leader asks for the annual report, waits for it and downloads it, in a real browser; the pages pass axe
(WCAG 2.1 A/AA)."""

import re

import pytest

from tests.browser.test_login_and_start_pages import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_asks_for_waits_for_and_downloads_the_report(
    live_server, page, axe_check, settings, tmp_path, request
):
    from django.utils import timezone

    from tests.conftest import Organisation
    from tests.factories import MeasureFactory

    settings.MEDIA_ROOT = tmp_path
    # The build runs in the live server's thread, as `make demo` would run it at once. Celery's own config, not
    # Django's setting: an earlier test in the run may have read the app's config already.
    from config.celery import app

    eager_before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    request.addfinalizer(lambda: setattr(app.conf, "task_always_eager", eager_before))
    org = Organisation()
    MeasureFactory(name="Foreldreveiledning COS-P", municipality=org.a, responsible_service=org.health_a)
    _log_in(page, live_server, org.users["leadership_a"].email)
    page.get_by_role("link", name="Lag eller last ned årsrapporten").click()
    page.get_by_role("heading", name="Årsrapport Hemsedal").wait_for()
    assert axe_check(page) == []
    page.get_by_role("link", name=f"Se rapporten for {timezone.localdate().year - 1}", exact=True).click()
    page.get_by_role("heading", name=re.compile("forhåndsvisning")).wait_for()
    assert page.get_by_text("Foreldreveiledning COS-P").is_visible()
    assert axe_check(page) == []
    page.go_back()
    page.get_by_role("spinbutton", name=re.compile("^År")).fill(str(timezone.localdate().year - 1))
    page.get_by_role("button", name="Lag rapporten").click()
    page.wait_for_url(re.compile(r"/arsrapport/\d+/$"))
    status = page.get_by_role("status")
    status.get_by_text("Rapporten er klar.").wait_for(timeout=60_000)
    assert axe_check(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned rapporten (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("arsrapport-3324-")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
