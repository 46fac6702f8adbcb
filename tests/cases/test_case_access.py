"""Who sees a child's case at each level, and that a hand-over or a level change moves access on the very next
request. Everyone else gets 404, including leadership, administrators and a superuser."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import services
from cases.access import case_access_sync, visible_cases
from cases.models import AccessLog, Case
from tests.cases.conftest import CANARY_NAME, move, register

pytestmark = pytest.mark.django_db

EVERYONE = (
    "teacher",
    "teacher2",
    "principal",
    "nurse",
    "health_leader",
    "ppt_adviser",
    "other_teacher",
    "leadership",
    "administrator",
    "superuser",
)


def _status(client, user, case) -> int:
    client.force_login(user)
    return client.get(reverse("cases:detail", args=[case.pk])).status_code


def _who_sees(client, world, case) -> set[str]:
    return {name for name in EVERYONE if _status(client, getattr(world, name), case) == 200}


def test_level_0_is_seen_by_the_registrant_and_the_service_leader_only(client, world):
    case = register(world)
    assert _who_sees(client, world, case) == {"teacher", "principal"}


def test_level_1_is_seen_by_the_owning_service(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_1)
    assert _who_sees(client, world, case) == {"teacher", "teacher2", "principal"}


@pytest.mark.parametrize("level", [Case.Level.LEVEL_2, Case.Level.LEVEL_3])
def test_level_2_and_3_add_the_services_let_in_on_consent(client, world, level):
    case = register(world)
    move(case, world.principal, level, services=[world.health])
    assert _who_sees(client, world, case) == {"teacher", "teacher2", "principal", "nurse", "health_leader"}


def test_a_level_change_down_takes_access_away_on_the_next_request(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_2, services=[world.health])
    client.force_login(world.nurse)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    move(case, world.principal, Case.Level.LEVEL_1)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases:list")).content.decode().count(CANARY_NAME) == 0


def test_a_hand_over_moves_access_when_the_receiver_accepts(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_2, services=[world.health])
    handover = services.handover_request(case=case, by=world.teacher, to_user=world.nurse)
    case.refresh_from_db()
    assert case.holder == world.teacher  # the sender keeps the baton until the receiver accepts
    client.force_login(world.nurse)
    response = client.post(reverse("cases:handover-answer", args=[case.pk, handover.pk]), {"svar": "ja"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.holder == world.nurse
    # The health station's access cannot end while the baton is there: it would leave the holder outside.
    with pytest.raises(ValidationError, match="stafettholderen"):
        services.grant_end(grant=case.grants.get(), by=world.principal)
    with pytest.raises(ValidationError, match="stafettholderen"):
        move(case, world.principal, Case.Level.LEVEL_1)
    assert _status(client, world.nurse, case) == 200


def test_a_holder_who_leaves_their_position_leaves_the_case_with_it(client, world):
    from organisation.services import position_save

    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_2, services=[world.health])
    services.handover_answer(
        handover=services.handover_request(case=case, by=world.teacher, to_user=world.nurse),
        by=world.nurse,
        accept=True,
    )
    assert _status(client, world.nurse, case) == 200
    position = world.nurse.positions.get()
    position.holder = None
    position_save(position=position, by=world.administrator)
    assert _status(client, world.nurse, case) == 404
    assert _status(client, world.principal, case) == 200  # the owning service's leader hands the baton on


def test_going_below_level_2_ends_every_grant_and_going_up_again_needs_consent_again(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_2, services=[world.health])
    move(case, world.principal, Case.Level.LEVEL_1)
    assert not case.grants.filter(ended_at__isnull=True).exists()
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="Registrer samtykket"):
        services.level_change(case=case, by=world.teacher, level=2, reason="Igjen", version=case.version)
    move(case, world.principal, Case.Level.LEVEL_2)
    assert _status(client, world.nurse, case) == 404  # nobody is let back in by the old consent


def test_closing_ends_the_shared_access(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_2, services=[world.health])
    case.refresh_from_db()
    services.case_close(case=case, by=world.teacher, reason="consent_withdrawn", note="", version=case.version)
    assert _status(client, world.nurse, case) == 404
    assert _status(client, world.teacher2, case) == 200  # the owning service keeps the closed case


def test_the_child_coordinator_sees_the_case(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_3, services=[world.health])
    case.refresh_from_db()
    services.case_plan_save(
        case=case,
        by=world.principal,
        version=case.version,
        child_goals="",
        has_right_to_child_coordinator=True,
        child_coordinator=world.nurse,
        individual_plan_started_on=None,
        responsibility_group="",
    )
    services.grant_add(case=case, by=world.principal, service=world.ppt, consent_basis="Samtykke")
    with pytest.raises(ValidationError, match="barnekoordinatoren"):
        services.grant_end(grant=case.grants.get(service=world.health), by=world.principal)


def test_a_hand_over_to_someone_who_cannot_receive_it_is_refused_in_norwegian(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_1)
    client.force_login(world.teacher)
    response = client.post(reverse("cases:handover", args=[case.pk]), {"to_user": world.nurse.pk, "note": "Hei"})
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()  # the list offers only those who can receive it
    with pytest.raises(Exception, match="kan ikke ta imot stafettpinnen"):
        services.handover_request(case=case, by=world.teacher, to_user=world.nurse)


def test_a_deactivated_person_sees_nothing(client, world):
    case = register(world, by=world.teacher)
    world.teacher.is_active = False
    world.teacher.save()
    assert not visible_cases(world.teacher).exists()
    client.force_login(world.teacher)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code in (302, 404)


def test_a_superuser_or_a_global_permission_grants_no_case(world):
    case = register(world)
    permission = Permission.objects.get(codename="view_case", content_type__app_label="cases")
    world.leadership.user_permissions.add(permission)
    group = Group.objects.create(name="alle saker")
    group.permissions.add(permission)
    world.administrator.groups.add(group)
    for person in (world.superuser, world.leadership, world.administrator):
        assert case not in visible_cases(person)


def test_no_group_or_person_holds_a_model_wide_case_permission(world):
    register(world)
    assert not Permission.objects.filter(content_type__app_label="cases", group__isnull=False).exists()
    assert not Permission.objects.filter(content_type__app_label="cases", user__isnull=False).exists()


def test_a_staff_change_moves_access_with_the_position(client, world):
    """A new holder of a position in the owning service sees the service's cases; the old one no longer does."""
    from organisation.services import position_save

    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_1)
    position = world.teacher2.positions.get()
    newcomer = type(world.teacher2).objects.create_user("ny@test.demo", "x", full_name="Ny Lærer")
    position.holder = newcomer
    position_save(position=position, by=world.administrator)
    assert _status(client, newcomer, case) == 200
    assert _status(client, world.teacher2, case) == 404


def test_the_permissions_written_match_the_rule_after_every_change(world):
    """guardian's rows are what case_access_sync computes: syncing again changes nothing."""
    from cases.models import CaseGroupObjectPermission, CaseUserObjectPermission

    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_2, services=[world.health, world.ppt])
    before = (
        set(CaseUserObjectPermission.objects.filter(content_object=case).values_list("user_id", flat=True)),
        set(CaseGroupObjectPermission.objects.filter(content_object=case).values_list("group_id", flat=True)),
    )
    case_access_sync(case)
    after = (
        set(CaseUserObjectPermission.objects.filter(content_object=case).values_list("user_id", flat=True)),
        set(CaseGroupObjectPermission.objects.filter(content_object=case).values_list("group_id", flat=True)),
    )
    assert before == after
    assert len(after[1]) == 3  # school, health, PPT


def test_refused_attempts_are_logged_as_denied(client, world):
    case = register(world)
    client.force_login(world.nurse)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    denied = AccessLog.objects.get(user=world.nurse)
    assert denied.action == AccessLog.Action.DENIED and denied.case_id == case.pk


def test_leadership_and_administrators_may_not_register_concerns(client, world):
    for person in (world.leadership, world.administrator, world.superuser):
        client.force_login(person)
        assert client.get(reverse("cases:register")).status_code == 404


def test_a_stranger_gets_laget_s_own_404_page_in_norwegian(client, world):
    case = register(world)
    client.force_login(world.ppt_adviser)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    content = response.content.decode()
    assert response.status_code == 404
    assert "Fant ikke siden" in content and 'lang="nb"' in content and CANARY_NAME not in content
