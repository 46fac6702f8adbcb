"""Who may open and run which meeting structure and meeting, for every view and role."""

import pytest
from django.urls import resolve, reverse

pytestmark = pytest.mark.django_db

ROLES = ["staff_a", "leader_a", "leadership_a", "admin_a", "ppt_shared", "staff_b", "admin_b", "no_position"]
OK, NO = 200, 404


def _only(*allowed):
    return {role: (OK if role in allowed else NO) for role in ROLES}


def _url(structures, meeting, individual_meeting, page):
    return {
        "structure-list": reverse("collaboration:structure-list"),
        "structure-create": reverse("collaboration:structure-create"),
        "structure-system": reverse("collaboration:structure-detail", args=[structures["system"].pk]),
        "structure-individual": reverse("collaboration:structure-detail", args=[structures["individual"].pk]),
        "structure-edit": reverse("collaboration:structure-edit", args=[structures["system"].pk]),
        "year-wheel": reverse("collaboration:year-wheel"),
        "meeting-system": reverse("collaboration:meeting-detail", args=[meeting.pk]),
        "meeting-individual": reverse("collaboration:meeting-detail", args=[individual_meeting.pk]),
        "meeting-convene": reverse("collaboration:meeting-convene", args=[meeting.pk]),
        "meeting-ics": reverse("collaboration:meeting-ics", args=[meeting.pk]),
        "calendar": reverse("collaboration:calendar"),
        "minutes-edit": reverse("collaboration:minutes-edit", args=[meeting.pk]),
        "attendance-edit": reverse("collaboration:attendance-edit", args=[meeting.pk]),
    }[page]


IN_A = ("staff_a", "leader_a", "leadership_a", "admin_a", "ppt_shared")
EVERYONE = tuple(ROLES)
EXPECTED = {
    "structure-list": _only(*EVERYONE),
    "structure-create": _only("leadership_a", "admin_a", "admin_b"),
    "structure-system": _only(*IN_A),
    # Seats see the meetings; leadership and administrators the set-up only (tested below).
    "structure-individual": _only("staff_a", "leader_a", "leadership_a", "admin_a"),
    "structure-edit": _only("leadership_a", "admin_a"),
    "year-wheel": _only(*IN_A, "staff_b", "admin_b"),
    "meeting-system": _only(*IN_A),
    "meeting-individual": _only("staff_a", "leader_a"),
    "meeting-convene": _only("leader_a"),
    "meeting-ics": _only(*IN_A),
    "calendar": _only(*EVERYONE),
    "minutes-edit": _only("leader_a", "staff_a"),  # the chair and the minute-taker
    "attendance-edit": _only("leader_a", "staff_a"),
}
MATRIX = [(page, role, status) for page, by_role in EXPECTED.items() for role, status in by_role.items()]


@pytest.fixture
def meeting(meeting):
    """A meeting convened for this morning: every page of a meeting has something to offer (a proposed meeting
    sends its writer back to the meeting page: tests/collaboration/test_meeting_state.py)."""
    from datetime import timedelta

    from django.utils import timezone

    starts = timezone.now() - timedelta(hours=3)
    meeting.starts_at, meeting.ends_at, meeting.status = starts, starts + timedelta(hours=2), "convened"
    meeting.save()
    return meeting


@pytest.fixture
def individual_meeting(structures, meeting):
    from collaboration.models import Meeting

    return Meeting.objects.create(
        structure=structures["individual"], starts_at=meeting.starts_at, ends_at=meeting.ends_at, place="Skolen"
    )


@pytest.mark.parametrize(("page", "role", "status"), MATRIX)
def test_collaboration_page_access(client, org, structures, meeting, individual_meeting, page, role, status):
    client.force_login(org.users[role])
    assert client.get(_url(structures, meeting, individual_meeting, page)).status_code == status


@pytest.mark.parametrize("page", list(EXPECTED))
def test_anonymous_visitors_are_sent_to_login(client, org, structures, meeting, individual_meeting, page):
    response = client.get(_url(structures, meeting, individual_meeting, page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("name", "args"),
    [("meeting-cancel", "meeting"), ("agenda-add", "meeting"), ("structure-propose", "structure")],
)
@pytest.mark.parametrize(("role", "allowed"), [("leader_a", True), ("staff_a", False), ("admin_b", False)])
def test_only_the_convener_runs_a_meeting(client, org, structures, meeting, name, args, role, allowed):
    client.force_login(org.users[role])
    target = meeting.pk if args == "meeting" else structures["system"].pk
    response = client.post(
        reverse(f"collaboration:{name}", args=[target]), {"title": "Ny sak", "school_year": 2026, "reason": "Sykdom"}
    )
    assert (response.status_code == 302) == allowed
    if not allowed:
        assert response.status_code == 404


def test_every_collaboration_url_is_covered(structures, meeting, individual_meeting):
    from collaboration.urls import urlpatterns

    covered = {resolve(_url(structures, meeting, individual_meeting, page)).url_name for page in EXPECTED}
    tested_elsewhere = {
        "meeting-cancel",
        "meeting-restore",
        "agenda-add",
        "agenda-remove",
        "structure-propose",
        "calendar-feed",  # above, test_meetings
        "minutes-approve",
        "minutes-correct",
        "minutes-pdf",
        "minutes-pdf-retry",  # test_minutes_pdf
        "action-item-add",
        "action-item-close",  # test_minutes
        "action-item-list",
        "action-item-assign",
        "structure-meeting-add",
        "action-item-reopen",  # test_action_items
        "seat-accept",  # test_seats
    }
    assert {pattern.name for pattern in urlpatterns} - tested_elsewhere == covered
