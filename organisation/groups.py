"""Each service as two django-guardian groups: everyone who holds a position in it, and its leaders.

Cases grant their object permissions to these groups (a case at level 1 to its owning service's members), so
who sees a case follows the positions: when a position changes holder, `service_groups_sync` moves the
memberships in the same transaction, and the next request sees the change. The groups hold no model-wide
permissions; they exist only to carry object permissions.
"""

from django.contrib.auth.models import Group
from django.db import transaction

from organisation.models import Position, Service, User
from organisation.signals import service_membership_changed

GROUP_PREFIX = "tjeneste:"


def service_group_name(service_id: int, *, leaders: bool = False) -> str:
    return f"{GROUP_PREFIX}{service_id}:{'ledere' if leaders else 'alle'}"


def service_group(service: Service | int, *, leaders: bool = False) -> Group:
    service_id = service if isinstance(service, int) else service.pk
    group, _created = Group.objects.get_or_create(name=service_group_name(service_id, leaders=leaders))
    return group


def service_group_ids(service_ids, *, leaders: bool = False) -> dict[int, int]:
    """The groups of these services, created where missing: service id → group id."""
    names = {service_group_name(pk, leaders=leaders): pk for pk in service_ids}
    existing = dict(Group.objects.filter(name__in=names).values_list("name", "pk"))
    missing = [Group(name=name) for name in names if name not in existing]
    if missing:
        Group.objects.bulk_create(missing, ignore_conflicts=True)
        existing = dict(Group.objects.filter(name__in=names).values_list("name", "pk"))
    return {names[name]: pk for name, pk in existing.items()}


@transaction.atomic
def service_groups_sync(user: User | None) -> None:
    """Make `user`'s service groups what their positions say: none for an inactive person."""
    if user is None:
        return
    wanted: set[int] = set()
    if user.is_active:
        held = list(Position.objects.held_by(user).in_service().values_list("service_id", "role"))
        wanted |= set(service_group_ids({service_id for service_id, _role in held}).values())
        leads = {service_id for service_id, role in held if role == Position.Role.SERVICE_LEADER}
        wanted |= set(service_group_ids(leads, leaders=True).values())
    current = set(user.groups.filter(name__startswith=GROUP_PREFIX).values_list("pk", flat=True))
    if current - wanted:
        user.groups.remove(*(current - wanted))
    if wanted - current:
        user.groups.add(*(wanted - current))
    service_membership_changed.send(sender=User, user_ids=[user.pk])


def service_groups_sync_all() -> None:
    """Rebuild every membership from the positions (after a bulk load, or to repair)."""
    members = Group.user_set.through
    held = list(
        Position.objects.in_service()
        .filter(holder__isnull=False, holder__is_active=True)
        .values_list("holder_id", "service_id", "role")
    )
    everyone = service_group_ids({service_id for _u, service_id, _r in held})
    leaders = service_group_ids(
        {service_id for _u, service_id, role in held if role == Position.Role.SERVICE_LEADER}, leaders=True
    )
    wanted = {(user_id, everyone[service_id]) for user_id, service_id, _r in held}
    wanted |= {
        (user_id, leaders[service_id])
        for user_id, service_id, role in held
        if service_id in leaders and role == Position.Role.SERVICE_LEADER
    }
    with transaction.atomic():
        members.objects.filter(group__name__startswith=GROUP_PREFIX).delete()
        members.objects.bulk_create([members(user_id=u, group_id=g) for u, g in wanted], batch_size=5000)
