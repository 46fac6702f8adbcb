"""Nobody widens their own access to individual cases: seats that count, acceptance across municipalities, and
administrators who set structures up without seeing their meetings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import ActionItem, Meeting, MeetingStructure, SeatAcceptance
from collaboration.services import structure_save
from organisation.models import Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def tynset_team(org):
    """Tynset's individual-case team, with a seat for the shared PPT's adviser (a position Hemsedal administers)
    whose current holder Tynset accepted when it set the team up."""
    convener = Position.objects.get(holder=org.users["staff_b"])
    ppt_seat = Position.objects.create(
        title="PPT-rådgiver Tynset", service=org.shared_ppt, holder=org.users["ppt_shared"]
    )
    team = MeetingStructure(
        municipality=org.b,
        name="TST",
        level="individual",
        cadence="monthly",
        mandate="Enkeltsaker i Tynset",
        no_consent_policy="anonymous",
    )
    structure_save(
        structure=team, members=[ppt_seat], conveners=[convener], minute_takers=[convener], by=org.users["admin_b"]
    )
    starts = timezone.now() + timedelta(days=3)
    meeting = Meeting.objects.create(structure=team, starts_at=starts, ends_at=starts + timedelta(hours=1))
    return {"team": team, "seat": ppt_seat, "meeting": meeting}


def _meeting_status(client, user, meeting) -> int:
    client.force_login(user)
    return client.get(reverse("collaboration:meeting-detail", args=[meeting.pk])).status_code


def _set_holder(client, org, position, holder):
    client.force_login(org.users["admin_a"])
    return client.post(
        reverse("organisation:position-edit", args=[position.pk]),
        {"title": position.title, "role": position.role, "service": position.service_id, "holder": holder.pk},
    )


def test_a_seat_given_by_the_structures_own_municipality_counts_at_once(client, org, tynset_team):
    assert _meeting_status(client, org.users["ppt_shared"], tynset_team["meeting"]) == 200


def test_a_new_holder_placed_by_another_municipality_waits_for_acceptance(client, org, tynset_team):
    newcomer = org.users["no_position"]  # employed by Hemsedal, administered by admin_a
    assert _set_holder(client, org, tynset_team["seat"], newcomer).status_code == 302
    # Hemsedal's administrator changed who holds the seat; Tynset's cases stay closed to the newcomer ...
    assert _meeting_status(client, newcomer, tynset_team["meeting"]) == 404
    assert _meeting_status(client, org.users["ppt_shared"], tynset_team["meeting"]) == 404  # and the old holder
    # ... and the change is on record with who made it.
    change = tynset_team["seat"].history.first()
    assert change.holder_id == newcomer.pk and change.history_user == org.users["admin_a"]
    # Tynset's administrator is told on the structure's page and accepts.
    client.force_login(org.users["admin_b"])
    page = client.get(reverse("collaboration:structure-detail", args=[tynset_team["team"].pk])).content.decode()
    assert "Plasser som venter på godkjenning" in page and newcomer.full_name in page
    accept = reverse("collaboration:seat-accept", args=[tynset_team["team"].pk, tynset_team["seat"].pk])
    assert client.post(accept).status_code == 302
    assert SeatAcceptance.objects.get(person=newcomer).accepted_by == org.users["admin_b"]
    assert _meeting_status(client, newcomer, tynset_team["meeting"]) == 200


@pytest.mark.parametrize("who", ["admin_a", "ppt_shared", "staff_a", "leadership_a"])
def test_only_the_structures_convener_or_administrator_accepts(client, org, tynset_team, who):
    _set_holder(client, org, tynset_team["seat"], org.users["no_position"])
    client.force_login(org.users[who])
    accept = reverse("collaboration:seat-accept", args=[tynset_team["team"].pk, tynset_team["seat"].pk])
    assert client.post(accept).status_code == 404
    assert not SeatAcceptance.objects.filter(person=org.users["no_position"]).exists()


def test_the_convener_accepts_too_but_nobody_accepts_their_own_seat(client, org, tynset_team):
    _set_holder(client, org, tynset_team["seat"], org.users["no_position"])
    client.force_login(org.users["staff_b"])  # the convener
    accept = reverse("collaboration:seat-accept", args=[tynset_team["team"].pk, tynset_team["seat"].pk])
    assert client.post(accept).status_code == 302
    assert _meeting_status(client, org.users["no_position"], tynset_team["meeting"]) == 200
    # The convener's own seat is not theirs to accept.
    convener_seat = tynset_team["team"].conveners.get()
    assert (
        client.post(reverse("collaboration:seat-accept", args=[tynset_team["team"].pk, convener_seat.pk])).status_code
        == 404
    )


def test_an_administrator_cannot_place_themselves_in_a_position(client, org, tynset_team):
    response = _set_holder(client, org, tynset_team["seat"], org.users["admin_a"])
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode() or "deg selv" in response.content.decode()
    tynset_team["seat"].refresh_from_db()
    assert tynset_team["seat"].holder == org.users["ppt_shared"]
    assert _meeting_status(client, org.users["admin_a"], tynset_team["meeting"]) == 404


def test_the_service_refuses_a_self_placement_whatever_the_form_offers(org, tynset_team):
    from django.core.exceptions import ValidationError

    from organisation.services import position_save

    seat = tynset_team["seat"]
    seat.holder = org.users["admin_a"]
    with pytest.raises(ValidationError, match="deg selv"):
        position_save(position=seat, by=org.users["admin_a"])


def test_an_administrator_cannot_change_a_position_they_hold(client, org):
    own = Position.objects.get(holder=org.users["admin_a"])
    client.force_login(org.users["admin_a"])
    response = client.get(reverse("organisation:position-edit", args=[own.pk]), follow=True)
    assert "Du har denne stillingen selv" in response.content.decode()


def test_leadership_cannot_seat_a_municipal_role_in_an_individual_case_structure(client, org, structures):
    leadership_seat = Position.objects.get(holder=org.users["leadership_a"])
    admin_seat = Position.objects.get(holder=org.users["admin_a"])
    individual = structures["individual"]
    data = {
        "name": individual.name,
        "level": "individual",
        "mandate": individual.mandate,
        "members": [structures["seats"]["staff_a"].pk, leadership_seat.pk],
        "conveners": list(individual.conveners.values_list("pk", flat=True)),
        "minute_takers": list(individual.minute_takers.values_list("pk", flat=True)),
        "cadence": "monthly",
        "usual_weekday": 1,
        "usual_time": "13:00",
        "duration_minutes": 90,
        "no_consent_policy": "anonymous",
    }
    for who in ("leadership_a", "admin_a"):
        client.force_login(org.users[who])
        response = client.post(reverse("collaboration:structure-edit", args=[individual.pk]), data)
        assert response.status_code == 200
        assert "kommunal rolle" in response.content.decode()
    data["members"] = [structures["seats"]["staff_a"].pk, admin_seat.pk]
    client.force_login(org.users["leadership_a"])
    assert (
        "kommunal rolle"
        in client.post(reverse("collaboration:structure-edit", args=[individual.pk]), data).content.decode()
    )
    assert set(individual.members.all()) == {structures["seats"]["staff_a"]}


def test_nobody_gives_themselves_a_seat(client, org, structures):
    """The service leader who also administers? No: here leadership adds its own position to a system forum."""
    system = structures["system"]
    own = Position.objects.get(holder=org.users["leadership_a"])
    client.force_login(org.users["leadership_a"])
    response = client.post(
        reverse("collaboration:structure-edit", args=[system.pk]),
        {
            "name": system.name,
            "level": "system",
            "mandate": system.mandate,
            "members": [*system.members.values_list("pk", flat=True), own.pk],
            "conveners": list(system.conveners.values_list("pk", flat=True)),
            "minute_takers": list(system.minute_takers.values_list("pk", flat=True)),
            "cadence": "semester",
            "usual_weekday": 2,
            "usual_time": "13:00",
            "duration_minutes": 90,
            "evaluates_plan": "on",
        },
    )
    assert "Du kan ikke gi deg selv plass" in response.content.decode()
    assert own not in system.members.all()


def test_a_municipal_role_seat_put_in_the_database_still_opens_nothing(client, org, structures, meeting):
    individual = structures["individual"]
    individual.members.add(Position.objects.get(holder=org.users["leadership_a"]))
    starts = timezone.now() + timedelta(days=2)
    case_meeting = Meeting.objects.create(structure=individual, starts_at=starts, ends_at=starts + timedelta(hours=1))
    assert _meeting_status(client, org.users["leadership_a"], case_meeting) == 404


def test_administrators_see_the_set_up_of_an_individual_case_structure_but_not_its_meetings(client, org, structures):
    individual = structures["individual"]
    starts = timezone.now() + timedelta(days=2)
    case_meeting = Meeting.objects.create(structure=individual, starts_at=starts, ends_at=starts + timedelta(hours=1))
    ActionItem.objects.create(
        structure=individual, meeting=case_meeting, what="Elevsak X", owner_service=org.health_a, due_on=starts.date()
    )
    for who in ("admin_a", "leadership_a"):
        client.force_login(org.users[who])
        page = client.get(reverse("collaboration:structure-detail", args=[individual.pk])).content.decode()
        assert individual.mandate in page
        assert case_meeting.get_absolute_url() not in page
        assert "Elevsak X" not in page
        assert client.get(case_meeting.get_absolute_url()).status_code == 404
    client.force_login(org.users["admin_b"])
    assert client.get(reverse("collaboration:structure-detail", args=[individual.pk])).status_code == 404


def test_both_municipalities_are_told_on_their_start_pages(client, org, tynset_team):
    newcomer = org.users["no_position"]
    _set_holder(client, org, tynset_team["seat"], newcomer)
    client.force_login(org.users["admin_b"])  # the structure's municipality: asked to accept
    page = client.get(reverse("organisation:admin-home")).content.decode()
    assert "Plasser som venter på godkjenning" in page and newcomer.full_name in page
    client.force_login(org.users["staff_b"])  # the convener
    assert newcomer.full_name in client.get(reverse("organisation:staff-home")).content.decode()
    client.force_login(org.users["admin_a"])  # the host municipality: waiting
    page = client.get(reverse("organisation:admin-home")).content.decode()
    assert "De får plassen når den andre kommunen godtar det" in page and newcomer.full_name in page


def test_nobody_makes_their_own_member_seat_a_convener(client, org, structures):
    """The rule holds per duty: a seat one holds as a member is not made a convener or minute-taker by oneself."""
    system = structures["system"]
    own = Position.objects.get(holder=org.users["leadership_a"])
    system.members.add(own)  # given by someone else
    client.force_login(org.users["leadership_a"])
    data = {
        "name": system.name,
        "level": "system",
        "mandate": system.mandate,
        "members": list(system.members.values_list("pk", flat=True)),
        "conveners": [*system.conveners.values_list("pk", flat=True), own.pk],
        "minute_takers": [*system.minute_takers.values_list("pk", flat=True), own.pk],
        "cadence": "semester",
        "usual_weekday": 2,
        "usual_time": "13:00",
        "duration_minutes": 90,
        "evaluates_plan": "on",
    }
    response = client.post(reverse("collaboration:structure-edit", args=[system.pk]), data)
    # Both duties refused: each in the error summary and at its field.
    assert response.content.decode().count("Du kan ikke gi deg selv plass") == 4
    assert own not in system.conveners.all() and own not in system.minute_takers.all()
