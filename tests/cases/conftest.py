"""A small municipality with the people every case test needs, and a helper that registers a concern the way
the registration page does (through cases.services)."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import Case, Child, Concern, Guardian
from organisation.models import Municipality, Position, Service, User
from tests.factories import MunicipalityFactory, PositionFactory, ServiceFactory, UserFactory

Role = Position.Role

# A canary: a name and a synthetic identity number that occur nowhere else in the code or the demo.
CANARY_NAME = "Kanarifugl Testbarnsen"
CANARY_ID = "01021550066"  # valid check digits, born 01.02.2015


@dataclass
class World:
    municipality: Municipality
    other_municipality: Municipality
    school: Service
    health: Service
    ppt: Service
    other_school: Service
    teacher: User
    teacher2: User
    principal: User
    nurse: User
    health_leader: User
    ppt_adviser: User
    other_teacher: User
    leadership: User
    administrator: User
    superuser: User
    deactivated: User

    def people(self) -> dict[str, User]:
        return {name: value for name, value in vars(self).items() if isinstance(value, User)}


def _staff(service, role=Role.STAFF, **user):
    return PositionFactory(service=service, role=role, holder=UserFactory(**user)).holder


@pytest.fixture
def world(db) -> World:
    municipality = MunicipalityFactory(name="Bekkdal", number="5901")
    other = MunicipalityFactory(name="Fjellvik", number="5902")
    school = ServiceFactory(name="Bekkdal skole", kind=Service.Kind.SCHOOL, host_municipality=municipality)
    health = ServiceFactory(
        name="Bekkdal helsestasjon", kind=Service.Kind.HEALTH_STATION, host_municipality=municipality
    )
    ppt = ServiceFactory(name="PPT Bekkdal", kind=Service.Kind.PPT, host_municipality=municipality)
    other_school = ServiceFactory(name="Fjellvik skole", kind=Service.Kind.SCHOOL, host_municipality=other)
    leadership = UserFactory()
    Position.objects.create(title="Kommunalsjef", role=Role.LEADERSHIP, municipality=municipality, holder=leadership)
    administrator = UserFactory()
    Position.objects.create(title="Admin", role=Role.ADMINISTRATOR, municipality=municipality, holder=administrator)
    superuser = User.objects.create_superuser("drift@test.demo", "riktig-passord-123", full_name="Drift")
    deactivated = _staff(school)
    deactivated.is_active = False
    deactivated.save()
    return World(
        municipality=municipality,
        other_municipality=other,
        school=school,
        health=health,
        ppt=ppt,
        other_school=other_school,
        teacher=_staff(school, full_name="Lærer Lien"),
        teacher2=_staff(school, full_name="Lærer To"),
        principal=_staff(school, Role.SERVICE_LEADER, full_name="Rektor Ruud"),
        nurse=_staff(health, full_name="Helsesykepleier Hauge"),
        health_leader=_staff(health, Role.SERVICE_LEADER),
        ppt_adviser=_staff(ppt),
        other_teacher=_staff(other_school),
        leadership=leadership,
        administrator=administrator,
        superuser=superuser,
        deactivated=deactivated,
    )


def register(world: World, *, by=None, name: str = CANARY_NAME, national_id: str = CANARY_ID) -> Case:
    by = by or world.teacher
    child = Child(
        municipality=world.municipality,
        full_name=name,
        birth_date=date(2015, 2, 1),
        national_id=national_id,
        school_or_kindergarten=world.school,
        grade="5. trinn",
    )
    concern = Concern(
        observed_at=timezone.now() - timedelta(days=1),
        place="Skolegården",
        noticed_by="Kontaktlærer",
        event="Barnet sa: «Jeg vil ikke hjem i dag.»",
        own_assessment="Jeg ble urolig fordi barnet virket redd.",
    )
    guardians = [Guardian(full_name="Mor Testbarnsen", relation="mor")]
    return services.concern_register(by=by, service=world.school, child=child, guardians=guardians, concern=concern)


def move(case: Case, by: User, level: int, **extra) -> Case:
    case.refresh_from_db()
    if level >= Case.Level.LEVEL_2 and "consent_recorded_on" not in extra:
        extra |= {
            "consent_recorded_on": timezone.localdate(),
            "consent_note": "Mor samtykket skriftlig til skole og helsestasjon.",
        }
    return services.level_change(
        case=case, by=by, level=level, reason="Vurdert sammen med leder.", version=case.version, **extra
    )
