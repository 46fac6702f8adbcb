"""Who sees a child's case, and who may change what in it: the one place for these rules.

Who sees a case (everyone else gets 404, so a stranger cannot learn that it exists):
- level 0: the person who registered the concern and the leaders of the owning service;
- level 1: everyone who holds a position in the owning service;
- level 2 and 3: also every service the owning service's leader has granted access (each grant records the
  consent it rests on; the consent issue will require a consent in force), and
- always the stafettholder (the case's holder).
Leadership, administrators and privacy officers see no case through these roles, and neither does a
superuser or a platform operator: only service positions carry case access.

The rule is kept as django-guardian object permissions on each case (`case_access_sync` writes them with every
change, in the change's transaction), granted to each service's groups (organisation/groups.py, which follow
the positions) and to single people. Reading them goes through `visible_cases`, which refuses guardian's
defaults that would let global permissions or a superuser see every child. Nothing is cached beyond the user
object of one request, so a hand-over or a level change holds on the very next request.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from guardian.shortcuts import get_objects_for_user

from cases.models import Case, CaseGroupObjectPermission, CaseUserObjectPermission, Handover, ServiceGrant
from organisation.access import scope_for
from organisation.groups import service_group_ids
from organisation.models import Service, User

VIEW_CASE = "cases.view_case"


def visible_cases(user) -> QuerySet[Case]:
    """The cases `user` works on. A superuser or a global permission grants nothing here: guardian's and Django's
    defaults would give a superuser every child."""
    if not (user and user.is_authenticated and user.is_active):
        return Case.objects.none()
    return get_objects_for_user(user, VIEW_CASE, klass=Case, accept_global_perms=False, with_superuser=False)


def access_case(user, case_id: int) -> Case:
    """The case if `user` works on it, else Http404."""
    case = (
        visible_cases(user)
        .select_related("child", "owning_service", "holder", "child_coordinator")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


@dataclass(frozen=True)
class CaseRole:
    """What one person is to one case, read once per request."""

    is_holder: bool
    registered_it: bool
    leads_owning_service: bool
    in_owning_service: bool
    granted_service_ids: frozenset[int]

    @property
    def may_manage(self) -> bool:
        """Change the level, decide, hand the baton on, close and reopen."""
        return self.is_holder or self.leads_owning_service

    @property
    def may_grant(self) -> bool:
        return self.leads_owning_service

    def basis(self) -> str:
        """Why the person sees the case, for the access log."""
        if self.is_holder:
            return _("stafettholder")
        if self.leads_owning_service:
            return _("leder for ansvarlig tjeneste")
        if self.registered_it:
            return _("registrerte bekymringen")
        if self.in_owning_service:
            return _("ansatt i ansvarlig tjeneste")
        if self.granted_service_ids:
            return _("tjeneste med tilgang etter samtykke")
        return _("ingen")


def case_role(user, case: Case) -> CaseRole:
    scope = scope_for(user)
    granted = set()
    if case.level >= Case.Level.LEVEL_2:
        granted = set(
            case.grants.filter(ended_at__isnull=True, service_id__in=scope.service_ids).values_list(
                "service_id", flat=True
            )
        )
    return CaseRole(
        is_holder=case.holder_id == user.pk,
        registered_it=case.registered_by_id == user.pk,
        leads_owning_service=case.owning_service_id in scope.led_service_ids,
        in_owning_service=case.owning_service_id in scope.service_ids,
        granted_service_ids=frozenset(granted),
    )


def registering_services(user) -> QuerySet[Service]:
    """The services in which `user` may register a concern: those where they hold a service position."""
    return Service.objects.filter(pk__in=scope_for(user).service_ids)


def acting_service_id(user, case: Case) -> int | None:
    """The service through which `user` works on `case`, for the log: the owning one first."""
    scope = scope_for(user)
    if case.owning_service_id in scope.service_ids:
        return case.owning_service_id
    granted = case.grants.filter(ended_at__isnull=True, service_id__in=scope.service_ids).values_list(
        "service_id", flat=True
    )
    return next(iter(granted), None) or (min(scope.service_ids) if scope.service_ids else None)


def handover_receivers(case: Case) -> QuerySet[User]:
    """Who may take over the baton: an active person who holds a position in the owning service or, at level 2
    and 3, in a service granted access; not the present holder."""
    services = {case.owning_service_id}
    if case.level >= Case.Level.LEVEL_2:
        services |= set(case.grants.filter(ended_at__isnull=True).values_list("service_id", flat=True))
    return (
        User.objects.filter(is_active=True, positions__service_id__in=services)
        .exclude(pk=case.holder_id)
        .distinct()
        .order_by("full_name")
    )


def case_workers(case: Case) -> QuerySet[User]:
    """Who may follow the child up, own a measure or be barnekoordinator: the holder and everyone who could take
    the baton."""
    return User.objects.filter(Q(pk__in=handover_receivers(case).values("pk")) | Q(pk=case.holder_id))


def may_answer_handover(user, handover: Handover) -> bool:
    return handover.answered_at is None and handover.to_user_id == user.pk


def waiting_handovers(user) -> QuerySet[Handover]:
    """Hand-overs waiting for `user` to accept, on cases they may see."""
    return Handover.objects.filter(to_user=user, answered_at__isnull=True, case__in=visible_cases(user)).select_related(
        "case", "from_user"
    )


def grantable_services(case: Case) -> QuerySet[Service]:
    """Services the owning service's leader may let in: services serving the case's municipality, other than the
    owning one and those already in."""
    already = case.grants.filter(ended_at__isnull=True).values_list("service_id", flat=True)
    return (
        Service.objects.serving([case.municipality_id])
        .exclude(pk=case.owning_service_id)
        .exclude(pk__in=already)
        .order_by("name")
    )


def _view_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="cases", codename="view_case")


def case_access_sync(case: Case) -> None:
    """Write the guardian object permissions the rule above gives `case`, removing any others. Called by every
    service that changes the level, the owning service, the holder or the grants, in its transaction, and when
    a person's positions change (cases/apps.py listens to organisation's service_membership_changed)."""
    # From the row as this transaction sees it, not from an instance a caller may hold from before the change.
    case = Case.objects.only("level", "holder_id", "registered_by_id", "owning_service_id", "child_coordinator_id").get(
        pk=case.pk
    )
    permission = _view_permission()
    services = {case.owning_service_id}
    if case.level >= Case.Level.LEVEL_2:
        services |= set(
            ServiceGrant.objects.filter(case=case, ended_at__isnull=True).values_list("service_id", flat=True)
        )
    people = {case.holder_id, case.child_coordinator_id}
    if case.level == Case.Level.LEVEL_0:
        people.add(case.registered_by_id)
        groups = set(service_group_ids([case.owning_service_id], leaders=True).values())
    else:
        groups = set(service_group_ids([case.owning_service_id]).values())
    if case.level >= Case.Level.LEVEL_2:
        groups |= set(service_group_ids(list(services - {case.owning_service_id})).values())
    # A person sees the case as its holder, coordinator or registrant only while they still work in one of its
    # services: someone who leaves their position leaves the case with it.
    users = set(
        User.objects.filter(pk__in=people - {None}, is_active=True, positions__service_id__in=services).values_list(
            "pk", flat=True
        )
    )
    have_users = set(CaseUserObjectPermission.objects.filter(content_object=case).values_list("user_id", flat=True))
    have_groups = set(CaseGroupObjectPermission.objects.filter(content_object=case).values_list("group_id", flat=True))
    CaseUserObjectPermission.objects.filter(content_object=case, user_id__in=have_users - users).delete()
    CaseGroupObjectPermission.objects.filter(content_object=case, group_id__in=have_groups - groups).delete()
    CaseUserObjectPermission.objects.bulk_create(
        [CaseUserObjectPermission(content_object=case, user_id=u, permission=permission) for u in users - have_users]
    )
    CaseGroupObjectPermission.objects.bulk_create(
        [
            CaseGroupObjectPermission(content_object=case, group_id=g, permission=permission)
            for g in groups - have_groups
        ]
    )
