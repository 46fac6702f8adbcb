from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from ui.panels import staff_panels

pytestmark = pytest.mark.django_db


def _overdue(measure):
    measure.next_evaluation_on = timezone.localdate() - timedelta(days=1)
    measure.save()


def test_the_apps_contribute_start_page_panels_in_installed_apps_order(org, catalogue, settings):
    _overdue(catalogue["a"])
    request = RequestFactory().get("/")
    request.user = org.users["leader_a"]
    templates = [panel.template for panel in staff_panels(request)]
    assert templates == ["measures/staff_panel.html", "cases/staff_panel.html", "collaboration/staff_panel.html"]
    order = [app for app in settings.INSTALLED_APPS if app in {"measures", "cases", "collaboration"}]
    assert order == ["measures", "cases", "collaboration"]


def test_an_app_with_nothing_to_show_contributes_no_panel(org, catalogue):
    request = RequestFactory().get("/")
    request.user = org.users["leader_a"]  # responsible for a measure, none overdue
    assert [panel.template for panel in staff_panels(request)] == [
        "cases/staff_panel.html",
        "collaboration/staff_panel.html",
    ]


def test_the_start_page_shows_every_apps_panel(client, org, catalogue):
    _overdue(catalogue["a"])
    client.force_login(org.users["leader_a"])
    content = client.get(reverse("organisation:staff-home")).content.decode()
    headings = ["Mine stillinger", "Tiltak du har ansvar for som skulle vært evaluert", "Mine neste møter"]
    headings += ["Mine oppgaver", 'aria-labelledby="tjeneste-']  # then each of their services
    positions = [content.index(heading) for heading in headings]
    assert positions == sorted(positions)
