"""Demo and benchmark data for the organisation.

Hemsedal's services and positions follow Vedlegg 1 of its plan for preventive work (seeds/002_…); Tynset's
follow its health station's answers (seeds/000_…). The two share one inter-municipal PPT, hosted by Hemsedal.
People are fictional: Faker's Norwegian names from a fixed seed, and e-mail addresses under `.demo`, a domain
that does not exist.
"""

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker
from simple_history.utils import bulk_create_with_history

from organisation.groups import service_groups_sync_all
from organisation.models import Municipality, Position, Service, User

DEMO_PASSWORD = "laget-demo-2026"  # noqa: S105 (printed for the demo; fictional accounts)

Role = Position.Role
Kind = Service.Kind


@dataclass(frozen=True)
class DemoPosition:
    title: str
    role: str = Role.STAFF
    login: str = ""  # a memorable e-mail for the people the README lists as demo logins


HEMSEDAL_MUNICIPAL = [
    DemoPosition("Kommunalsjef oppvekst og kultur", Role.LEADERSHIP, "ledelse@hemsedal.demo"),
    DemoPosition("Kommunalsjef helse og omsorg", Role.LEADERSHIP),
    DemoPosition("Systemansvarlig for Laget", Role.ADMINISTRATOR, "admin@hemsedal.demo"),
    DemoPosition("Personvernombud", Role.PRIVACY_OFFICER),
]

HEMSEDAL_SERVICES: list[tuple[str, str, bool, list[DemoPosition]]] = [
    (
        "Helse og forebygging – Familiens hus",
        Kind.FAMILY_HOUSE,
        True,
        [
            DemoPosition("Virksomhetsleder helse og forebygging", Role.SERVICE_LEADER),
            DemoPosition("Avdelingsleder helse og forebygging – helsestasjon", Role.SERVICE_LEADER),
            DemoPosition("Avdelingsleder helse og forebygging – psykisk helse og rus", Role.SERVICE_LEADER),
            DemoPosition("Teamleder Familiens hus", login="teamleder@hemsedal.demo"),
            # Vedlegg 1 names "Teamledere Familiens hus" (plural) as conveners of the tverrfaglige møtene.
            DemoPosition("Teamleder Familiens hus – hjelpetilbud"),
            DemoPosition("Helsesykepleier skolehelsetjenesten", login="helsesykepleier@hemsedal.demo"),
            DemoPosition("Helsesykepleier småbarn (0–5 år)"),
            DemoPosition("Familieterapeut, hjelpetilbud Familiens hus"),
            DemoPosition("Jordmor"),
            DemoPosition("Folkehelsekoordinator"),
            DemoPosition("Fysioterapeut"),
            DemoPosition("Ergoterapeut"),
        ],
    ),
    (
        "Hemsedal skole",
        Kind.SCHOOL,
        True,
        [
            DemoPosition("Rektor Hemsedal skole", Role.SERVICE_LEADER),
            DemoPosition("Avdelingsleder 1.–7. trinn", Role.SERVICE_LEADER),
            DemoPosition("Avdelingsleder 8.–10. trinn", Role.SERVICE_LEADER),
            DemoPosition("Sosialrådgiver", login="sosialradgiver@hemsedal.demo"),
            DemoPosition("Kontaktlærer 4. trinn"),
            DemoPosition("Kontaktlærer 9. trinn"),
        ],
    ),
    (
        "Hemsedal barnehage",
        Kind.KINDERGARTEN,
        True,
        [
            DemoPosition("Styrer barnehage", Role.SERVICE_LEADER),
            DemoPosition("Pedagogisk leder, avdeling Småtroll", login="pedleder@hemsedal.demo"),
            DemoPosition("Pedagogisk leder, avdeling Storfjell"),
            DemoPosition("Pedagogisk leder, avdeling Trollstua"),
        ],
    ),
    (
        "Barneverntjenesten",
        Kind.CHILD_WELFARE,
        True,
        [DemoPosition("Barnevernleder", Role.SERVICE_LEADER), DemoPosition("Barnevernkonsulent")],
    ),
    (
        "NAV Hemsedal",
        Kind.NAV,
        True,
        [DemoPosition("NAV-leder", Role.SERVICE_LEADER), DemoPosition("Veileder ungdom")],
    ),
    ("Kommunepsykolog", Kind.MUNICIPAL_PSYCHOLOGIST, True, [DemoPosition("Kommunepsykolog", Role.SERVICE_LEADER)]),
    ("SLT", Kind.SLT, True, [DemoPosition("SLT-koordinator", Role.SERVICE_LEADER)]),
    ("Politiet – politikontakt", Kind.POLICE, False, [DemoPosition("Politikontakt", Role.SERVICE_LEADER)]),
    ("BUP Hallingdal", Kind.BUP, False, [DemoPosition("Spesialist i klinisk psykologi", Role.SERVICE_LEADER)]),
    ("Ulsåk barnehage", Kind.KINDERGARTEN, True, [DemoPosition("Styrer Ulsåk barnehage", Role.SERVICE_LEADER)]),
    ("Kultur", Kind.CULTURE, True, [DemoPosition("Kultursjef", Role.SERVICE_LEADER)]),
    (
        "Frivilligsentralen",
        Kind.VOLUNTARY,
        True,
        [DemoPosition("Daglig leder frivilligsentralen", Role.SERVICE_LEADER)],
    ),
    # Named with Familiens hus in the "Ansvarlig" column of the plan's §11 (joint responsibility, as
    # measure partners). Their people sit in Familiens hus in this demo, so the services have no seats.
    ("Jordmortjenesten", Kind.MIDWIFE, True, []),
    ("Fysio- og ergoterapitjenesten", Kind.OTHER, True, []),
    ("Legetjenesten", Kind.GP, True, []),
    ("Psykisk helse", Kind.MENTAL_HEALTH, True, []),
    # Partners named in the plan's §11.5 and §11.1: in the catalogue, without seats in Laget.
    ("Lag og organisasjoner", Kind.VOLUNTARY, False, []),
    ("Hallingdal familie- og krisesenter", Kind.OTHER, False, []),
    ("Hallinglos", Kind.OTHER, False, []),
    ("FACT-ung", Kind.OTHER, False, []),
    ("Familievernkontoret", Kind.OTHER, False, []),
    ("Ung invest", Kind.OTHER, False, []),
    ("Habiliteringstjenesten", Kind.OTHER, False, []),
    ("NOK.drammen", Kind.OTHER, False, []),
    ("Konfliktrådet i Hallingdal", Kind.OTHER, False, []),
]

SHARED_PPT = (
    "Interkommunal PPT og OT",
    Kind.PPT,
    True,
    [
        DemoPosition("Leder PPT", Role.SERVICE_LEADER),
        DemoPosition("PPT-rådgiver Hemsedal", login="ppt@interkommunal.demo"),
        DemoPosition("PPT-rådgiver Tynset"),
        DemoPosition("Koordinator oppfølgingstjenesten (OT)"),
    ],
)

TYNSET_MUNICIPAL = [
    DemoPosition("Kommunalsjef oppvekst", Role.LEADERSHIP, "ledelse@tynset.demo"),
    DemoPosition("Rådgiver oppvekst (administrator)", Role.ADMINISTRATOR, "admin@tynset.demo"),
]

TYNSET_SERVICES: list[tuple[str, str, bool, list[DemoPosition]]] = [
    (
        "Tynset helsestasjon",
        Kind.HEALTH_STATION,
        True,
        [
            DemoPosition("Leder helsestasjon", Role.SERVICE_LEADER),
            DemoPosition("Helsesykepleier barneskole", login="helsesykepleier@tynset.demo"),
            DemoPosition("Helsesykepleier videregående skole og HFU"),
            DemoPosition("Jordmor"),
            DemoPosition("Helsestasjonslege"),
        ],
    ),
    (
        "Psykisk helsetjeneste barn og unge",
        Kind.MENTAL_HEALTH,
        True,
        [DemoPosition("Fagleder psykisk helse barn og unge", Role.SERVICE_LEADER), DemoPosition("Kommunepsykolog")],
    ),
    (
        "Tynset barneskole",
        Kind.SCHOOL,
        True,
        [DemoPosition("Rektor Tynset barneskole", Role.SERVICE_LEADER), DemoPosition("Kontaktlærer 3. trinn")],
    ),
    (
        "Tynset ungdomsskole",
        Kind.SCHOOL,
        True,
        [DemoPosition("Rektor Tynset ungdomsskole", Role.SERVICE_LEADER), DemoPosition("Sosiallærer")],
    ),
    (
        "Tynset barnehage",
        Kind.KINDERGARTEN,
        True,
        [DemoPosition("Styrer", Role.SERVICE_LEADER), DemoPosition("Pedagogisk leder")],
    ),
    (
        "Barneverntjenesten i Nord-Østerdal",
        Kind.CHILD_WELFARE,
        True,
        [DemoPosition("Barnevernleder", Role.SERVICE_LEADER), DemoPosition("Barnevernkonsulent")],
    ),
]


# Public contacts (issue 10: a worried parent must reach a person). All invented: the numbers, hours and
# addresses are made up for the demo, and the web addresses lie under `.demo`, a domain that does not exist.
_WEEKDAYS = "Mandag–fredag kl. 08.00–15.30"
PUBLIC_CONTACTS: dict[str, dict[str, str]] = {
    "Helse og forebygging – Familiens hus": {
        "public_phone": "32 99 12 00",
        "public_opening_hours": "Mandag–fredag kl. 08.00–15.30, drop-in for ungdom onsdag kl. 14.00–16.00",
        "public_address": "Trøimsvegen 10, 3560 Hemsedal",
        "public_url": "https://hemsedal.kommune.demo/familiens-hus",
    },
    "Hemsedal skole": {
        "public_phone": "32 99 13 00",
        "public_opening_hours": "Skoledager kl. 08.00–15.00",
        "public_address": "Skolevegen 4, 3560 Hemsedal",
        "public_url": "https://hemsedal.kommune.demo/skole",
    },
    "Hemsedal barnehage": {
        "public_phone": "32 99 14 00",
        "public_opening_hours": "Mandag–fredag kl. 07.00–16.30",
        "public_address": "Tuvegen 2, 3560 Hemsedal",
    },
    "Barneverntjenesten": {
        "public_phone": "32 99 15 00",
        "public_opening_hours": _WEEKDAYS + "; ellers barnevernvakten",
        "public_address": "Rådhuset, Trøimsvegen 1, 3560 Hemsedal",
        "public_url": "https://hemsedal.kommune.demo/barnevern",
    },
    "NAV Hemsedal": {
        "public_phone": "32 99 18 00",
        "public_opening_hours": "Mandag–fredag kl. 09.00–14.00",
        "public_address": "Trøimsvegen 1, 3560 Hemsedal",
    },
    "Kommunepsykolog": {"public_phone": "32 99 12 00", "public_opening_hours": _WEEKDAYS},
    "Ulsåk barnehage": {"public_phone": "32 99 14 50", "public_opening_hours": "Mandag–fredag kl. 07.00–16.30"},
    "Kultur": {"public_phone": "32 99 16 00", "public_url": "https://hemsedal.kommune.demo/kultur"},
    "Frivilligsentralen": {"public_phone": "32 99 16 50", "public_opening_hours": "Tirsdag–torsdag kl. 10.00–15.00"},
    "Interkommunal PPT og OT": {
        "public_phone": "32 99 17 00",
        "public_opening_hours": _WEEKDAYS,
        "public_address": "Trøimsvegen 1, 3560 Hemsedal",
        "public_url": "https://ppt.interkommunal.demo",
    },
    "Tynset helsestasjon": {
        "public_phone": "62 99 21 00",
        "public_opening_hours": "Mandag–fredag kl. 08.00–15.00, helsestasjon for ungdom tirsdag kl. 15.00–17.00",
        "public_address": "Brugata 2, 2500 Tynset",
        "public_url": "https://tynset.kommune.demo/helsestasjon",
    },
    "Psykisk helsetjeneste barn og unge": {"public_phone": "62 99 22 00", "public_opening_hours": _WEEKDAYS},
    "Tynset barneskole": {"public_phone": "62 99 23 00", "public_address": "Skolegata 1, 2500 Tynset"},
    "Tynset ungdomsskole": {"public_phone": "62 99 24 00", "public_address": "Skolegata 5, 2500 Tynset"},
    "Tynset barnehage": {"public_phone": "62 99 25 00", "public_opening_hours": "Mandag–fredag kl. 06.45–16.30"},
    "Barneverntjenesten i Nord-Østerdal": {
        "public_phone": "62 99 26 00",
        "public_opening_hours": _WEEKDAYS + "; ellers barnevernvakten",
        "public_address": "Rådhuset, 2500 Tynset",
        "public_url": "https://tynset.kommune.demo/barnevern",
    },
}


class DemoBuilder:
    """Creates or updates the demo organisation. Every step is keyed on natural keys, so it can run again."""

    def __init__(self, seed: int = 2026) -> None:
        self.faker = Faker("no_NO")
        self.faker.seed_instance(seed)
        self.logins: list[tuple[str, str, str]] = []
        self._password_hash = ""

    def municipality(self, number: str, name: str) -> Municipality:
        municipality, _ = Municipality.objects.update_or_create(number=number, defaults={"name": name})
        return municipality

    def person(self, municipality: Municipality, slug: str, email: str = "") -> User:
        name = self.faker.name()  # drawn for every seat, so names stay the same from run to run
        email = email or f"{slug}@{municipality.name.lower()}.demo"
        person = User.objects.filter(email=email).first()
        if person is None:
            # Hashed once for everybody: PBKDF2 per person would make the demo take half a minute.
            self._password_hash = self._password_hash or make_password(DEMO_PASSWORD)
            person = User(email=email, full_name=name, municipality=municipality, password=self._password_hash)
            person.save()
        return person

    def seat(self, municipality: Municipality, spec: DemoPosition, *, service=None, holder_municipality=None):
        place = {"service": service} if service else {"municipality": municipality}
        position, _ = Position.objects.get_or_create(title=spec.title, role=spec.role, **place)
        slug = f"{(service.pk if service else 'k')}-{position.pk}"
        holder = self.person(holder_municipality or municipality, slug, spec.login)
        if position.holder_id != holder.pk:
            position.holder = holder
            position.save(update_fields=["holder"])
        if spec.login:
            self.logins.append((spec.login, position.title, str(service or municipality)))
        return position

    def service(self, host: Municipality, served: list[Municipality], spec) -> Service:
        name, kind, is_municipal, positions = spec
        service, _ = Service.objects.update_or_create(
            host_municipality=host,
            name=name,
            defaults={"kind": kind, "is_municipal": is_municipal, **PUBLIC_CONTACTS.get(name, {})},
        )
        service.municipalities.set(served)
        for position in positions:
            self.seat(host, position, service=service)
        return service

    @transaction.atomic
    def build(self) -> list[tuple[str, str, str]]:
        hemsedal = self.municipality("3324", "Hemsedal")
        tynset = self.municipality("3427", "Tynset")
        for spec in HEMSEDAL_MUNICIPAL:
            self.seat(hemsedal, spec)
        for spec in HEMSEDAL_SERVICES:
            self.service(hemsedal, [hemsedal], spec)
        self.service(hemsedal, [hemsedal, tynset], SHARED_PPT)
        for spec in TYNSET_MUNICIPAL:
            self.seat(tynset, spec)
        for spec in TYNSET_SERVICES:
            self.service(tynset, [tynset], spec)
        service_groups_sync_all()
        return self.logins


LARGE_NUMBER = "9901"
LARGE_NAME = "Storvik (syntetisk)"


def build_large_municipality(*, staff: int, services: int, seed: int = 7) -> dict[str, int]:
    """Create a synthetic municipality for benchmarks with bulk inserts (history rows included).

    Reuses it when it is already there with at least the asked size. Returns what it holds.
    """
    municipality, _ = Municipality.objects.get_or_create(number=LARGE_NUMBER, defaults={"name": LARGE_NAME})
    have_people = User.objects.filter(municipality=municipality).count()
    if have_people >= staff:
        return _large_counts(municipality)
    rng = random.Random(seed)
    faker = Faker("no_NO")
    faker.seed_instance(seed)
    kinds = [
        Kind.SCHOOL,
        Kind.KINDERGARTEN,
        Kind.HEALTH_STATION,
        Kind.CHILD_WELFARE,
        Kind.PPT,
        Kind.NAV,
        Kind.MENTAL_HEALTH,
        Kind.AFTER_SCHOOL,
        Kind.CULTURE,
    ]
    with transaction.atomic():
        Position.objects.filter(service__host_municipality=municipality).delete()
        Position.objects.filter(municipality=municipality).delete()
        User.objects.filter(municipality=municipality).delete()
        Service.objects.filter(host_municipality=municipality).delete()
        new_services = bulk_create_with_history(
            [
                Service(
                    name=f"Tjeneste {n:03d}",
                    kind=kinds[n % len(kinds)],
                    host_municipality=municipality,
                    # Invented, like the rest: the public page shows every service's contact.
                    public_phone=f"99 90 {n // 100:02d} {n % 100:02d}",
                    public_opening_hours=_WEEKDAYS,
                    public_address=f"Storvikvegen {n}, 9990 Storvik",
                    public_url=f"https://storvik.kommune.demo/tjeneste-{n:03d}",
                )
                for n in range(1, services + 1)
            ],
            Service,
            batch_size=1000,
        )
        new_services = list(Service.objects.filter(host_municipality=municipality).order_by("pk"))
        Service.municipalities.through.objects.bulk_create(
            [Service.municipalities.through(service_id=s.pk, municipality_id=municipality.pk) for s in new_services]
        )
        password = make_password(DEMO_PASSWORD)
        people = [
            User(
                email=f"ansatt{n:05d}@storvik.demo",
                full_name=faker.name(),
                municipality=municipality,
                password=password,
            )
            for n in range(1, staff + 1)
        ]
        bulk_create_with_history(people, User, batch_size=1000)
        people = list(User.objects.filter(municipality=municipality).order_by("pk").values_list("pk", flat=True))
        positions = []
        for index, person_id in enumerate(people):
            service = new_services[index % len(new_services)]
            leader = index < len(new_services)
            positions.append(
                Position(
                    title="Leder" if leader else rng.choice(["Lærer", "Helsesykepleier", "Rådgiver", "Konsulent"]),
                    role=Role.SERVICE_LEADER if leader else Role.STAFF,
                    service=service,
                    holder_id=person_id,
                )
            )
        # Some vacancies, as in any real municipality.
        positions += [
            Position(title="Ledig stilling", role=Role.STAFF, service=rng.choice(new_services))
            for _ in range(max(1, staff // 50))
        ]
        positions += [
            Position(title="Kommunalsjef", role=Role.LEADERSHIP, municipality=municipality, holder_id=people[0]),
            Position(title="Administrator", role=Role.ADMINISTRATOR, municipality=municipality, holder_id=people[1]),
        ]
        bulk_create_with_history(positions, Position, batch_size=1000)
        service_groups_sync_all()
    return _large_counts(municipality)


def _large_counts(municipality: Municipality) -> dict[str, int]:
    return {
        "services": Service.objects.filter(host_municipality=municipality).count(),
        "people": User.objects.filter(municipality=municipality).count(),
        "positions": Position.objects.filter(service__host_municipality=municipality).count(),
    }
