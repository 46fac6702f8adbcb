"""Demo children in Hemsedal and Tynset, and the benchmark's many cases in the synthetic municipality.

The demo children are made through cases/services.py, step by step as staff would have made them, so their
stafettlogg, history and access permissions are what the app itself writes. A story that spans months or years
(Tanja's starts nine years ago) runs each step on its story date: the services take their dates from the clock
(a level change is logged "today", a case closes "now"), so `_on(day)` sets the clock to that day for the step.
Every history row still names the person who acted; only its date is the story's. Deadlines come out overdue
the honest way: a concern registered 30 days ago had its decision due 14 days after that.

Every demo case is registered with a fixed one-time key (`_marker`), the same key a double-clicked form would
carry, so running the demo again finds the case and leaves the child alone.

All children are fictional. Names and identity numbers come from Faker's `no_NO` locale, seeded per child, and
python-stdnum accepts them; the canary children's are written out below and occur nowhere else.
"""

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from time import perf_counter

import time_machine
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone
from faker import Faker
from simple_history.utils import bulk_create_with_history

from cases import services
from cases.models import (
    Case,
    CaseGroupObjectPermission,
    CaseMeasure,
    CaseUserObjectPermission,
    Child,
    Concern,
    Guardian,
    Handover,
    LogEntry,
    Referral,
    ServiceGrant,
)
from measures.models import Measure
from organisation.groups import service_group_ids
from organisation.models import Municipality, Position, Service, User

HEMSEDAL, TYNSET = "3324", "3427"
# Hemsedal's services (organisation/demo.py)
FAMILY_HOUSE = "Helse og forebygging – Familiens hus"
SCHOOL = "Hemsedal skole"
KINDERGARTEN = "Hemsedal barnehage"
CHILD_WELFARE = "Barneverntjenesten"
PSYCHOLOGIST = "Kommunepsykolog"
BUP = "BUP Hallingdal"
PPT = "Interkommunal PPT og OT"
# Tynset's
T_HEALTH = "Tynset helsestasjon"
T_MENTAL = "Psykisk helsetjeneste barn og unge"
T_SCHOOL = "Tynset barneskole"
T_LOWER_SECONDARY = "Tynset ungdomsskole"
T_KINDERGARTEN = "Tynset barnehage"

# Children whose names and identity numbers occur nowhere else in the code or the demo: a test that finds one of
# them in a response, a log line or a task message has found a leak. (name, fødselsnummer)
CANARY_CHILDREN = (
    ("Tuva Kanarbakken", "14062170841"),
    ("Sverre Gulspurvli", "09021367149"),
    ("Ylva Trostevik", "27091671226"),
)

_MARKER_NAMESPACE = uuid.UUID("5a1e7c3e-6d2b-4c8e-9f0a-1b2c3d4e5f60")


def _marker(key: str) -> uuid.UUID:
    """The fixed one-time key a demo case is registered with: the same on every run."""
    return uuid.uuid5(_MARKER_NAMESPACE, f"laget-demo-case:{key}")


@contextmanager
def _on(day: date, hour: int = 10) -> Iterator[None]:
    """Run the block as if it were `day` (see the module docstring); today runs on the real clock."""
    if day > timezone.localdate():
        raise ValueError(f"A demo step cannot happen in the future: {day}")
    if day == timezone.localdate():
        yield
        return
    with time_machine.travel(timezone.make_aware(datetime.combine(day, time(hour))), tick=False):
        yield


# --- Texts -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConcernText:
    place: str
    noticed_by: str
    event: str
    clarification: str
    assessment: str
    child_voice: str
    actions: str = ""
    gender: str = "F"  # the pronouns in the text


SCHOOL_CONCERNS = [
    ConcernText(
        "Skolegården, storefri",
        "Kontaktlærer",
        "Sto alene ved gjerdet hele storefri. Sa da jeg spurte: «Ingen vil være med meg. Jeg venter bare på at "
        "det ringer inn.»",
        "Tredje gang denne måneden. Medelever sier at de ikke inviterer med fordi «hun er så stille». Hun har "
        "også sagt at hun har vondt i magen om morgenen.",
        "Jeg opplevde at hun ble lettet da jeg spurte. Barnet virket trist og slitent. Jeg ble urolig fordi "
        "det har vart over tid og magevondtet kan ha sammenheng.",
        "Jeg vil ha noen å være sammen med i friminuttene.",
    ),
    ConcernText(
        "Klasserommet, første time",
        "Kontaktlærer",
        "Har 14 dager fravær dette halvåret, mest mandager. Sa i dag: «Jeg orker ikke når det er mye folk.»",
        "Foresatte har meldt sykdom hver gang. Han kommer ofte for sent og går rett til plassen sin uten å hilse.",
        "Jeg opplevde at han ble flau da fraværet kom opp. Barnet virket engstelig. Jeg ble urolig fordi "
        "fraværet øker og han trekker seg fra klassen.",
        "Det er lettere når jeg vet hva som skal skje i timen.",
        gender="M",
    ),
    ConcernText(
        "Klasserommet, matematikk",
        "Faglærer",
        "Kastet en stol i gulvet etter en beskjed om å rydde pulten. Sa etterpå: «Alle er alltid sure på meg.»",
        "Det skjedde etter en urolig morgen der han hadde kranglet med en medelev i garderoben. Ingen ble "
        "skadet. Han satt lenge alene på grupperommet etterpå.",
        "Jeg opplevde at han angret med en gang. Barnet virket sint og lei seg samtidig. Jeg ble urolig fordi "
        "slike episoder har kommet oftere siden jul.",
        "Jeg vil ikke være den som alltid får kjeft.",
        gender="M",
    ),
    ConcernText(
        "Klasserommet",
        "Kontaktlærer",
        "Kommer ofte uten matpakke og sovnet i andre time. Sa: «Det var så mye bråk hjemme i går.»",
        "Hun har fortalt om bråk hjemme to ganger før. Hun sier selv at hun legger seg sent fordi hun ikke får sove.",
        "Jeg opplevde at hun ville fortelle mer, men stoppet seg selv. Barnet virket sliten og sulten. Jeg ble "
        "urolig fordi jeg ikke vet hva «bråk» betyr hjemme hos henne.",
        "Jeg vil sove ordentlig.",
    ),
    ConcernText(
        "Norsktimen, høytlesing",
        "Kontaktlærer",
        "Rev i stykker arket da det var hans tur til å lese høyt. Sa: «Jeg er dum, jeg skjønner ingenting.»",
        "Han unngår lesing og skriving og har lenge ligget langt etter klassen i lesing. Leser med mye gjetting.",
        "Jeg opplevde at han skammet seg. Barnet virket motløst. Jeg ble urolig fordi han begynner å gi opp skolen.",
        "Jeg vil lære å lese uten at alle hører på.",
        gender="M",
    ),
    ConcernText(
        "Første time",
        "Sosialrådgiver",
        "Sovner i første time flere dager i uka. Sa: «Jeg sitter med mobilen til klokka tre, ellers tenker jeg "
        "for mye.»",
        "Hun sier at tankene kverner om kvelden. Karakterene har falt dette året, og hun har sluttet på håndball.",
        "Jeg opplevde at hun var åpen om det. Barnet virket nedstemt. Jeg ble urolig fordi hun har sluttet med "
        "det hun likte.",
        "Jeg vil slutte å tenke så mye om kvelden.",
    ),
]

KINDERGARTEN_CONCERNS = [
    ConcernText(
        "Avdelingen, frilek",
        "Pedagogisk leder",
        "Bruker få ord og peker i stedet for å si hva han vil. Bet en annen gutt i armen da han ikke ble forstått.",
        "Han har vært hos oss i ett år. Ordforrådet har ikke økt som vi ventet, og han trekker seg fra "
        "samlingsstunden.",
        "Jeg opplevde at han ble fortvilet når vi ikke forsto. Barnet virket frustrert. Jeg ble urolig fordi "
        "språket ikke kommer, og konfliktene øker.",
        "(Tre år, sier få ord.) Han viser med hele seg at han vil være med de store.",
        gender="M",
    ),
    ConcernText(
        "Garderoben ved henting",
        "Pedagogisk leder",
        "Sitter ofte alene i garderoben og gråter når mor kommer. Sa i dag: «Pappa er lei seg hele tiden.»",
        "Mor virker sliten ved henting. Barnet har vært mer stille de siste ukene og spiser lite til lunsj.",
        "Jeg opplevde at barnet var redd for å gå hjem. Barnet virket utrygg. Jeg ble urolig fordi hun sier "
        "noe om hjemmet hun ikke har sagt før.",
        "«Jeg vil være her lenger.»",
    ),
    ConcernText(
        "Ute, frilek",
        "Barnehagelærer",
        "Faller mye, klarer ikke å klatre i klatrestativet som de andre femåringene. Slår seg ofte og vil ikke "
        "være med ut.",
        "Han unngår tegning og klipping. Foreldrene har sagt at han var sen til å gå.",
        "Jeg opplevde at han skjønner at han ikke henger med. Barnet virket lei seg. Jeg ble urolig fordi han "
        "begynner på skolen til høsten.",
        "«Jeg liker ikke å være ute.»",
        gender="M",
    ),
    ConcernText(
        "Levering om morgenen",
        "Pedagogisk leder",
        "Har kommet i de samme klærne fire dager på rad, og er svært sulten ved ankomst.",
        "Hun spør ofte om mer mat. Far leverer sent og sier lite.",
        "Jeg opplevde at hun lettet da hun fikk frokost. Barnet virket sulten og slitent. Jeg ble urolig fordi "
        "dette gjentar seg.",
        "«Kan jeg få en brødskive til?»",
    ),
]

HEALTH_CONCERNS = [
    ConcernText(
        "Helsesykepleiers kontor på skolen",
        "Helsesykepleier",
        "Viste kutt på underarmen under en samtale om søvn. Sa: «Det hjelper når alt blir for mye.»",
        "Kuttene er overfladiske og flere uker gamle. Hun har kommet innom kontoret flere ganger med hodepine.",
        "Jeg opplevde at hun ville bli sett. Barnet virket nedstemt. Jeg ble urolig fordi selvskading kan "
        "øke, og hun sier at ingen hjemme vet om det.",
        "Jeg vil ikke at mamma skal bli lei seg.",
    ),
    ConcernText(
        "Helsesykepleiers kontor",
        "Helsesykepleier",
        "Kommer innom flere ganger i uka med vondt i magen og puster fort. Sa: «Jeg blir redd for å bli redd.»",
        "Plagene kommer før prøver og før kroppsøving. Hun har begynt å be om å få gå hjem.",
        "Jeg opplevde at hun ble roligere av å snakke. Barnet virket engstelig. Jeg ble urolig fordi angsten "
        "styrer mer av dagen hennes.",
        "Jeg vil klare å være på skolen hele dagen.",
    ),
    ConcernText(
        "Helsestasjonen, 12-månederskontroll",
        "Helsesykepleier småbarn",
        "Vektkurven har flatet ut. Mor forteller at hun sover lite, er alene med barnet og gruer seg til nettene.",
        "Far jobber turnus i Oslo. Mor har ikke familie i kommunen. Barnet er blidt og har god kontakt.",
        "Jeg opplevde at mor var lettet over å si det høyt. Barnet virket trygt med mor. Jeg ble urolig fordi "
        "mor er sliten og alene.",
        "(Ett år.) Smiler og søker blikket til mor.",
    ),
    ConcernText(
        "Helsestasjon for ungdom",
        "Helsesykepleier",
        "Kom på HFU og sa: «Jeg har ikke vært på skolen på tre uker, og jeg vet ikke hvordan jeg skal begynne igjen.»",
        "Han har vært mye alene på rommet, spiller om natta og har sluttet på fotball. Foreldrene vet om fraværet.",
        "Jeg opplevde at han hadde tenkt lenge på å komme. Barnet virket nedstemt. Jeg ble urolig fordi han "
        "isolerer seg.",
        "Jeg vil tilbake på skolen, men ikke i klasserommet med en gang.",
        gender="M",
    ),
]

CONVERSATIONS = [
    ("Samtale med barnet om hvordan skoledagen er.", "Det er best når jeg vet hvem jeg skal være sammen med."),
    ("Samtale med barnet alene, etter avtale med foresatte.", "Jeg vil at de voksne skal spørre meg først."),
    ("Samtale med barnet på grupperommet.", "Det er lettere å snakke når vi går tur."),
    ("Oppfølgingssamtale.", "Det har vært litt bedre. Jeg har fått en venn i klassen."),
    ("Samtale med barnet om ønsker framover.", "Jeg vil slippe å fortelle alt på nytt til nye voksne."),
]

GUARDIAN_TALKS = [
    (
        "Samtale med foresatte på skolen. Bekymringen ble lagt fram slik den er beskrevet.",
        "Vi har sett det samme hjemme og er glade for at skolen sier fra.",
    ),
    (
        "Telefonsamtale med mor, deretter møte med begge foresatte.",
        "Mor: Vi har hatt en tøff periode etter samlivsbruddet. Far: Vi vil gjerne ha hjelp.",
    ),
    (
        "Samtale med foresatte ved henting.",
        "Vi trodde det var en fase, men det er fint at dere følger med.",
    ),
    (
        "Møte med foresatte på helsestasjonen.",
        "Vi er usikre på hva som er vanlig, og vil gjerne ha råd.",
    ),
]

# (from the municipality's catalogue, or ad hoc) per arena, in Hemsedal and Tynset
MEASURES = {
    (HEMSEDAL, "school"): ["Fast voksen i friminuttene", "Gruppebasert tilbud", "Ukentlig samtale med sosialrådgiver"],
    (HEMSEDAL, "kindergarten"): ["Språkgruppe to ganger i uka", "Foreldreveiledning", "Fast voksen ved levering"],
    (HEMSEDAL, "health"): [
        "Individuell oppfølging psykisk helse barn og unge",
        "Familieveiledning",
        "Skolehelsetjenesten",
    ],
    (TYNSET, "school"): ["Fast voksen i friminuttene", "Skolehelsetjenesten", "Tilpasset leseopplæring i liten gruppe"],
    (TYNSET, "kindergarten"): ["Foreldreveiledning (COS-P)", "Språkgruppe to ganger i uka", "Fast voksen ved levering"],
    (TYNSET, "health"): ["Psykisk helsetjeneste barn og unge", "Foreldreveiledning (COS-P)", "Skolehelsetjenesten"],
}

EVALUATIONS = [
    ("Barnet sier selv at det er bedre, og foresatte ser det samme hjemme.", CaseMeasure.Decision.CONTINUE),
    ("Noe bedring, men tiltaket må komme oftere for å virke.", CaseMeasure.Decision.ADJUST),
    ("Lite endring så langt. Vi prøver en annen tidsplan.", CaseMeasure.Decision.ADJUST),
    ("God effekt: barnet deltar mer og trives.", CaseMeasure.Decision.CONTINUE),
]

LEVEL_1_REASONS = [
    "Vurdert sammen med leder: tiltak i egen tjeneste, med tett oppfølging av barnet.",
    "Bekymringen er bekreftet i samtale med barnet og foresatte. Vi setter inn tiltak selv først.",
]
LEVEL_2_REASON = "Tiltakene i egen tjeneste er ikke nok alene. Vi trenger å samarbeide med %(partner)s."
LEVEL_3_REASON = "Barnet trenger flere tjenester samtidig. Ansvarsgruppe og individuell plan vurderes."

ARENA = {
    SCHOOL: "school",
    T_SCHOOL: "school",
    T_LOWER_SECONDARY: "school",
    PPT: "school",
    KINDERGARTEN: "kindergarten",
    T_KINDERGARTEN: "kindergarten",
    FAMILY_HOUSE: "health",
    T_HEALTH: "health",
    T_MENTAL: "health",
    PSYCHOLOGIST: "health",
}
CONCERNS = {"school": SCHOOL_CONCERNS, "kindergarten": KINDERGARTEN_CONCERNS, "health": HEALTH_CONCERNS}
# The service a level-2 case works with, and those that join at level 3.
PARTNER = {
    SCHOOL: FAMILY_HOUSE,
    KINDERGARTEN: FAMILY_HOUSE,
    FAMILY_HOUSE: SCHOOL,
    PPT: SCHOOL,
    T_SCHOOL: T_HEALTH,
    T_LOWER_SECONDARY: T_HEALTH,
    T_KINDERGARTEN: T_HEALTH,
    T_HEALTH: T_MENTAL,
    T_MENTAL: T_HEALTH,
}
LEVEL_3 = {HEMSEDAL: [PPT, PSYCHOLOGIST], TYNSET: [PPT, T_MENTAL]}


# --- The stories' building blocks --------------------------------------------------------------------------------


class _Demo:
    """The demo's people, services and catalogue, and each service call run on its story date."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.faker = Faker("no_NO")
        numbers = [HEMSEDAL, TYNSET]
        self.municipalities = {m.number: m for m in Municipality.objects.filter(number__in=numbers)}
        self.services = {s.name: s for s in Service.objects.filter(host_municipality__number__in=numbers)}
        self.people: dict[tuple[str, str], User] = {}
        self.leaders: dict[str, User] = {}
        self.members: dict[str, list[User]] = {}
        positions = Position.objects.filter(service__host_municipality__number__in=numbers, holder__isnull=False)
        for position in positions.select_related("holder", "service").order_by("pk"):
            name = position.service.name
            self.people[(name, position.title)] = position.holder
            if position.role == Position.Role.SERVICE_LEADER:
                self.leaders.setdefault(name, position.holder)
            else:
                self.members.setdefault(name, []).append(position.holder)
        self.catalogue = {
            (m.municipality.number, m.name): m
            for m in Measure.objects.filter(municipality__number__in=numbers).select_related("municipality")
        }
        self.created = 0

    def person(self, service: str, title: str) -> User:
        return self.people[(service, title)]

    def member(self, service: str) -> User:
        """Someone who works in `service`: its first staff member, or its leader where it has only one."""
        return (self.members.get(service) or [self.leaders[service]])[0]

    def days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    # The child and the concern

    def child(self, key: str, *, municipality: str, age_days: int, gender: str, name: str = "", national_id: str = ""):
        """A fictional child, the same on every run: Faker seeded with the story's key."""
        self.faker.seed_instance(f"laget-demo-child:{key}")
        first = self.faker.first_name_female() if gender == "F" else self.faker.first_name_male()
        last = self.faker.last_name()
        birth_date = self.today - timedelta(days=age_days)
        if national_id:
            birth_date = date(2000 + int(national_id[4:6]), int(national_id[2:4]), int(national_id[0:2]))
        else:
            national_id = self.faker.ssn(dob=birth_date.strftime("%Y%m%d"), gender=gender)
        child = Child(
            municipality=self.municipalities[municipality],
            full_name=name or f"{first} {last}",
            birth_date=birth_date,
            national_id=national_id,
        )
        mother = self.faker.first_name_female()
        father = self.faker.first_name_male()
        surname = child.full_name.split()[-1]
        guardians = [
            Guardian(full_name=f"{mother} {surname}", relation="mor", phone=self.faker.phone_number()),
            Guardian(full_name=f"{father} {self.faker.last_name()}", relation="far", phone=self.faker.phone_number()),
        ]
        return child, guardians

    def register(
        self,
        key: str,
        child: Child,
        guardians: list[Guardian],
        *,
        service: str,
        by: User,
        day: date,
        text: ConcernText,
        school: str = "",
        grade: str = "",
        guardians_contacted: str = Concern.GuardiansContacted.NOT_YET,
        not_contacted_reason: str = "",
        report: bool = False,
        **flags,
    ) -> Case | None:
        """Register the concern, unless this story's case is there already (then None: the story is told)."""
        if Case.objects.filter(submission_key=_marker(key)).exists():
            return None
        child.school_or_kindergarten = self.services[school] if school else None
        child.grade = grade
        concern = Concern(
            observed_at=timezone.make_aware(datetime.combine(day, time(9, 30))),
            place=text.place,
            noticed_by=text.noticed_by,
            event=text.event,
            clarification=text.clarification,
            own_assessment=text.assessment,
            child_voice=text.child_voice,
            actions_note=text.actions,
            talked_more_with_child=flags.get("talked", True),
            discussed_with_leader=flags.get("leader", True),
            contacted_other_services=flags.get("others", False),
            contacted_child_welfare=flags.get("child_welfare", report),
            contacted_police=flags.get("police", False),
            extra_care=flags.get("extra_care", True),
            guardians_contacted=guardians_contacted,
            guardians_not_contacted_reason=not_contacted_reason,
        )
        with _on(day):
            case = services.concern_register(
                by=by,
                service=self.services[service],
                child=child,
                guardians=guardians,
                concern=concern,
                child_welfare_report_sent_on=day if report else None,
                submission_key=_marker(key),
            )
        self.created += 1
        return case

    # Steps, each on its day

    def note(self, case, by, day, kind, text, *, child_voice="", guardians_voice=""):
        with _on(day, 13):
            return services.log_entry_add(
                case=case,
                by=by,
                kind=kind,
                occurred_on=day,
                text=text,
                child_voice=child_voice,
                guardians_voice=guardians_voice,
            )

    def guardians(self, case, by, day, text, guardians_voice, child_voice=""):
        with _on(day, 14):
            return services.guardians_contacted(
                case=case, by=by, contacted_on=day, text=text, guardians_voice=guardians_voice, child_voice=child_voice
            )

    def level(self, case, by, day, level, reason, *, consent="", services_in=()):
        case.refresh_from_db(fields=["version"])
        with _on(day, 15):
            return services.level_change(
                case=case,
                by=by,
                level=level,
                reason=reason,
                version=case.version,
                consent_recorded_on=day if consent else None,
                consent_note=consent,
                services=[self.services[name] for name in services_in],
            )

    def grant(self, case, by, day, service, basis):
        with _on(day, 15):
            return services.grant_add(case=case, by=by, service=self.services[service], consent_basis=basis)

    def measure(self, case, by, day, name, *, owner, evaluate_after=42):
        municipality = case.municipality.number
        catalogue = self.catalogue.get((municipality, name))
        measure = CaseMeasure(
            catalogue_measure=catalogue,
            title="" if catalogue else name,
            owner=owner,
            starts_on=day,
            evaluate_on=day + timedelta(days=evaluate_after),
        )
        with _on(day, 11):
            return services.case_measure_add(case=case, by=by, measure=measure)

    def evaluate(self, measure, by, day, evaluation, decision, next_after=56):
        with _on(day, 12):
            return services.case_measure_evaluate(
                measure=measure,
                by=by,
                evaluated_on=day,
                evaluation=evaluation,
                decision=decision,
                next_evaluate_on=None if decision == CaseMeasure.Decision.END else day + timedelta(days=next_after),
            )

    def handover(self, case, by, day, to, note):
        with _on(day, 16):
            return services.handover_request(case=case, by=by, to_user=to, note=note)

    def accept(self, handover, day):
        with _on(day, 9):
            return services.handover_answer(handover=handover, by=handover.to_user, accept=True)

    def refer(self, case, by, day, to, reason, follow_up):
        referral = Referral(to_service=self.services[to], reason=reason, sent_on=day, follow_up_while_waiting=follow_up)
        with _on(day, 11):
            return services.referral_add(case=case, by=by, referral=referral)

    def answer(self, referral, by, day, answer, *, decline_reason="", discharged_on=None, discharge_note=""):
        with _on(discharged_on or day, 12):
            return services.referral_answer(
                referral=referral,
                by=by,
                answer=answer,
                answered_on=day,
                decline_reason=decline_reason,
                discharged_on=discharged_on,
                discharge_note=discharge_note,
            )

    def report(self, case, by, day, note):
        with _on(day, 12):
            return services.child_welfare_report_add(case=case, by=by, sent_on=day, note=note)

    def close(self, case, by, day, reason, note, moved_to=""):
        case.refresh_from_db(fields=["version"])
        with _on(day, 15):
            return services.case_close(
                case=case, by=by, reason=reason, note=note, version=case.version, moved_to=moved_to
            )

    def reopen(self, case, by, day, reason):
        case.refresh_from_db(fields=["version"])
        with _on(day, 10):
            return services.case_reopen(case=case, by=by, reason=reason, version=case.version)


# --- Everyday cases ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Everyday:
    """An ordinary case that ends at `target`: "new", "decide_overdue", "guardians_overdue" (level 0), 1, 2, 3
    or "closed", registered `days_ago`. `handover_to` offers the baton at the end, still waiting."""

    key: str
    municipality: str
    service: str
    registrant: str
    age: int
    target: str | int
    days_ago: int
    school: str = ""
    handover_to: tuple[str, str] | None = None
    moved_to: str = ""


EVERYDAY = [
    Everyday("h01", HEMSEDAL, KINDERGARTEN, "Pedagogisk leder, avdeling Småtroll", 4, "new", 4, KINDERGARTEN),
    Everyday("h02", HEMSEDAL, KINDERGARTEN, "Pedagogisk leder, avdeling Storfjell", 3, 1, 60, KINDERGARTEN),
    Everyday("h03", HEMSEDAL, KINDERGARTEN, "Pedagogisk leder, avdeling Småtroll", 5, 2, 130, KINDERGARTEN),
    Everyday("h04", HEMSEDAL, SCHOOL, "Kontaktlærer 4. trinn", 9, "decide_overdue", 24, SCHOOL),
    Everyday("h05", HEMSEDAL, SCHOOL, "Sosialrådgiver", 13, 1, 70, SCHOOL),
    Everyday("h06", HEMSEDAL, SCHOOL, "Kontaktlærer 9. trinn", 14, 2, 140, SCHOOL),
    Everyday("h07", HEMSEDAL, SCHOOL, "Sosialrådgiver", 15, 3, 230, SCHOOL),
    Everyday("h08", HEMSEDAL, SCHOOL, "Kontaktlærer 4. trinn", 10, "closed", 300, SCHOOL),
    Everyday("h09", HEMSEDAL, FAMILY_HOUSE, "Helsesykepleier skolehelsetjenesten", 15, 1, 50, SCHOOL),
    Everyday("h10", HEMSEDAL, FAMILY_HOUSE, "Helsesykepleier skolehelsetjenesten", 13, "guardians_overdue", 35, SCHOOL),
    Everyday("h11", HEMSEDAL, FAMILY_HOUSE, "Helsesykepleier småbarn (0–5 år)", 1, 1, 45),
    Everyday("h12", HEMSEDAL, FAMILY_HOUSE, "Helsesykepleier skolehelsetjenesten", 16, "closed", 380, SCHOOL),
    Everyday("h13", HEMSEDAL, FAMILY_HOUSE, "Helsesykepleier småbarn (0–5 år)", 2, 2, 120, KINDERGARTEN),
    Everyday("h14", HEMSEDAL, PPT, "PPT-rådgiver Hemsedal", 8, 1, 75, SCHOOL),
    Everyday(
        "h15",
        HEMSEDAL,
        SCHOOL,
        "Kontaktlærer 4. trinn",
        9,
        1,
        55,
        SCHOOL,
        handover_to=(SCHOOL, "Sosialrådgiver"),
    ),
    Everyday(
        "h16", HEMSEDAL, KINDERGARTEN, "Pedagogisk leder, avdeling Småtroll", 4, "decide_overdue", 19, KINDERGARTEN
    ),
    Everyday("h17", HEMSEDAL, FAMILY_HOUSE, "Teamleder Familiens hus", 11, 2, 90, SCHOOL),
    Everyday("h18", HEMSEDAL, SCHOOL, "Sosialrådgiver", 12, "new", 6, SCHOOL),
    Everyday("t01", TYNSET, T_HEALTH, "Helsesykepleier barneskole", 8, "new", 2, T_SCHOOL),
    Everyday("t02", TYNSET, T_HEALTH, "Helsesykepleier barneskole", 10, 1, 65, T_SCHOOL),
    Everyday("t03", TYNSET, T_HEALTH, "Helsesykepleier videregående skole og HFU", 17, 2, 150),
    Everyday("t04", TYNSET, T_HEALTH, "Helsesykepleier barneskole", 8, "decide_overdue", 22, T_SCHOOL),
    Everyday(
        "t05",
        TYNSET,
        T_SCHOOL,
        "Kontaktlærer 3. trinn",
        9,
        2,
        110,
        T_SCHOOL,
        handover_to=(T_HEALTH, "Helsesykepleier barneskole"),
    ),
    Everyday("t06", TYNSET, T_LOWER_SECONDARY, "Sosiallærer", 14, 1, 80, T_LOWER_SECONDARY),
    Everyday("t07", TYNSET, T_LOWER_SECONDARY, "Sosiallærer", 15, 3, 250, T_LOWER_SECONDARY),
    Everyday("t08", TYNSET, T_KINDERGARTEN, "Pedagogisk leder", 3, 1, 40, T_KINDERGARTEN),
    Everyday("t09", TYNSET, T_KINDERGARTEN, "Pedagogisk leder", 5, "closed", 320, T_KINDERGARTEN),
    Everyday("t10", TYNSET, T_MENTAL, "Kommunepsykolog", 12, 2, 160, T_SCHOOL),
    Everyday("t11", TYNSET, PPT, "PPT-rådgiver Tynset", 7, "guardians_overdue", 33, T_SCHOOL),
    Everyday("t12", TYNSET, T_HEALTH, "Helsesykepleier barneskole", 11, "closed", 260, T_SCHOOL, moved_to="Røros"),
    Everyday("t13", TYNSET, T_LOWER_SECONDARY, "Sosiallærer", 13, "decide_overdue", 17, T_LOWER_SECONDARY),
    Everyday("t14", TYNSET, T_HEALTH, "Helsestasjonslege", 0, 1, 30),
]


def _grade(age: int, school: str) -> str:
    if not school:
        return ""
    if ARENA.get(school) == "kindergarten":
        return "Avdeling Småtroll" if school == KINDERGARTEN else "Avdeling Blåbær"
    return f"{max(1, min(10, age - 5))}. trinn" if age < 16 else "Vg1"


def _concern_text(arena: str, age: int, index: int) -> ConcernText:
    if arena == "health":
        return HEALTH_CONCERNS[2] if age <= 5 else HEALTH_CONCERNS[(0, 1, 3)[index % 3]]
    return CONCERNS[arena][index % len(CONCERNS[arena])]


def _everyday(d: _Demo, spec: Everyday, index: int) -> None:
    arena = ARENA[spec.service]
    text = _concern_text(arena, spec.age, index)
    by = d.person(spec.service, spec.registrant)
    start = d.days_ago(spec.days_ago)
    contacted_at_once = spec.target not in ("new", "guardians_overdue") and index % 3 == 0
    child, guardians = d.child(
        spec.key, municipality=spec.municipality, age_days=spec.age * 365 + 40 + 11 * index, gender=text.gender
    )
    case = d.register(
        spec.key,
        child,
        guardians,
        service=spec.service,
        by=by,
        day=start,
        text=text,
        school=spec.school,
        grade=_grade(spec.age, spec.school),
        guardians_contacted=Concern.GuardiansContacted.YES if contacted_at_once else Concern.GuardiansContacted.NOT_YET,
    )
    if case is None:
        return
    talk, child_voice = CONVERSATIONS[index % len(CONVERSATIONS)]
    if spec.target == "new":
        return
    if spec.target == "guardians_overdue":
        d.note(case, by, start + timedelta(days=3), LogEntry.Kind.OBSERVATION, "Samme mønster denne uka.")
        return
    guardian_text, guardian_voice = GUARDIAN_TALKS[index % len(GUARDIAN_TALKS)]
    if not contacted_at_once:
        d.guardians(case, by, start + timedelta(days=4), guardian_text, guardian_voice)
    d.note(case, by, start + timedelta(days=6), LogEntry.Kind.CONVERSATION, talk, child_voice=child_voice)
    if spec.target == "decide_overdue":
        return
    leader = d.leaders[spec.service]
    d.level(case, leader, start + timedelta(days=10), 1, LEVEL_1_REASONS[index % 2])
    names = MEASURES[(spec.municipality, arena)]
    first = d.measure(case, by, start + timedelta(days=12), names[index % len(names)], owner=by)
    if spec.target == 1:
        if spec.handover_to:
            d.handover(
                case,
                by,
                d.days_ago(2),
                d.person(*spec.handover_to),
                "Jeg går ut i permisjon. Kan du ta over som kontaktperson for familien?",
            )
        return
    evaluation, decision = EVALUATIONS[index % len(EVALUATIONS)]
    d.evaluate(first, by, start + timedelta(days=54), evaluation, decision)
    if spec.target == "closed":
        d.evaluate(first, by, start + timedelta(days=110), "Målet er nådd.", CaseMeasure.Decision.END)
        d.note(
            case,
            by,
            start + timedelta(days=112),
            LogEntry.Kind.CONVERSATION,
            "Avslutningssamtale med barnet og foresatte.",
            child_voice="Jeg har det bra nå.",
            guardians_voice="Vi er fornøyde og vet hvor vi kan ta kontakt.",
        )
        if spec.moved_to:
            note = "Ny kommune er informert, med foresattes samtykke."
            d.close(case, leader, start + timedelta(days=120), Case.ClosureReason.MOVED, note, moved_to=spec.moved_to)
        else:
            d.close(case, leader, start + timedelta(days=120), Case.ClosureReason.GOAL_REACHED, "")
        return
    partner = PARTNER[spec.service]
    consent = (
        f"Begge foresatte samtykket skriftlig til at {spec.service} og {partner} deler det som er nødvendig for å "
        "samarbeide om tiltak for barnet, ut skoleåret."
    )
    d.level(
        case,
        leader,
        start + timedelta(days=60),
        2,
        LEVEL_2_REASON % {"partner": partner},
        consent=consent,
        services_in=[partner],
    )
    colleague = d.member(partner)
    d.note(
        case,
        colleague,
        start + timedelta(days=70),
        LogEntry.Kind.CONVERSATION,
        f"Første samtale i {partner}.",
        child_voice=CONVERSATIONS[(index + 1) % len(CONVERSATIONS)][1],
    )
    second = d.measure(
        case,
        colleague,
        start + timedelta(days=72),
        MEASURES[(spec.municipality, ARENA[partner])][index % 3],
        owner=colleague,
    )
    if spec.handover_to:
        d.handover(
            case,
            by,
            d.days_ago(3),
            d.person(*spec.handover_to),
            "Du følger barnet tettest nå. Vil du være koordinator?",
        )
    if spec.target == 2:
        return
    joining = [name for name in LEVEL_3[spec.municipality] if name not in (spec.service, partner)]
    d.level(case, leader, start + timedelta(days=100), 3, LEVEL_3_REASON, services_in=joining)
    d.note(
        case,
        by,
        start + timedelta(days=110),
        LogEntry.Kind.MEETING,
        "Samarbeidsmøte med barnet og foresatte. Ansvarsgruppe etablert: "
        + ", ".join([spec.service, partner, *joining])
        + ". Individuell plan startet; barnet har rett til barnekoordinator.",
        child_voice="Jeg vil ha én voksen å gå til, ikke fem.",
        guardians_voice="Endelig sitter alle rundt samme bord.",
    )
    d.evaluate(second, colleague, start + timedelta(days=114), *EVALUATIONS[(index + 1) % len(EVALUATIONS)])


# --- The stories the issue names ----------------------------------------------------------------------------------


def _anna(d: _Demo) -> None:
    """Anna (14), seeds/004_…: the school notices, skolehelsetjenesten joins at level 2 and becomes coordinator,
    psykisk helsetjeneste and then BUP take her in."""
    child, guardians = d.child("anna", municipality=HEMSEDAL, age_days=14 * 365 + 120, gender="F", name="")
    child.full_name = "Anna " + child.full_name.split()[-1]
    teacher = d.person(SCHOOL, "Kontaktlærer 9. trinn")
    leader = d.person(SCHOOL, "Avdelingsleder 8.–10. trinn")
    nurse = d.person(FAMILY_HOUSE, "Helsesykepleier skolehelsetjenesten")
    adviser = d.person(SCHOOL, "Sosialrådgiver")
    psychologist = d.person(PSYCHOLOGIST, "Kommunepsykolog")
    bup = d.person(BUP, "Spesialist i klinisk psykologi")
    start = d.days_ago(120)
    case = d.register(
        "anna",
        child,
        guardians,
        service=SCHOOL,
        by=teacher,
        day=start,
        school=SCHOOL,
        grade="9. trinn",
        text=ConcernText(
            "Klasserommet og kantina",
            "Kontaktlærer 9. trinn",
            "Anna har blitt tydelig tynnere siden høsten. Hun spiser ikke matpakken og sa i dag: «Jeg er ikke "
            "sulten, jeg spiser når jeg kommer hjem.» Hun klarer ikke å konsentrere seg i timene og leverer ikke "
            "lekser.",
            "Hun har trukket seg fra venninnegjengen og er bare sammen med én venn i klassen. Flere lærere har "
            "lagt merke til det samme.",
            "Jeg opplevde at hun ble urolig da jeg nevnte maten. Barnet virket slitent og fjernt. Jeg ble urolig "
            "fordi endringen har kommet gradvis over flere måneder, og vi er usikre på hvor alvorlig det er.",
            "Jeg vil bare at alle skal slutte å mase.",
        ),
    )
    if case is None:
        return
    d.guardians(
        case,
        teacher,
        start + timedelta(days=6),
        "Bekymringen tatt opp i skole-hjem-samtalen. Vi ble enige om at Anna får en samtale med helsesykepleier på "
        "skolen.",
        "Mor: Hun spiser ikke før på ettermiddagen, og bare litt middag. Vi trodde det var en fase. Far: Vi vil at "
        "helsesykepleier snakker med henne.",
        child_voice="Det er greit å snakke med helsesykepleieren, men ikke med hele klassen der.",
    )
    d.level(case, leader, start + timedelta(days=8), 1, "Tiltak i skolen mens samtalen med helsesykepleier avtales.")
    weekly = d.measure(case, teacher, start + timedelta(days=9), "Ukentlig samtale med kontaktlærer", owner=teacher)
    consent = (
        "Mor og far (begge med foreldreansvar) samtykket skriftlig til at Hemsedal skole og skolehelsetjenesten "
        "deler det som trengs om Anna sin helse og skolehverdag, ut skoleåret. Anna var med og sa ja."
    )
    d.level(
        case,
        leader,
        start + timedelta(days=14),
        2,
        "Skolen og skolehelsetjenesten samarbeider om Anna.",
        consent=consent,
        services_in=[FAMILY_HOUSE],
    )
    d.note(
        case,
        nurse,
        start + timedelta(days=16),
        LogEntry.Kind.CONVERSATION,
        "Første samtale med Anna hos helsesykepleier. Vekt og høyde målt; hun har gått ned siden 8. trinn.",
        child_voice="Jeg er ikke sulten om morgenen. Jeg vil bare at det skal bli som før.",
    )
    d.measure(case, nurse, start + timedelta(days=17), "Skolehelsetjenesten", owner=nurse, evaluate_after=28)
    handover = d.handover(
        case,
        teacher,
        start + timedelta(days=20),
        nurse,
        "Anna har best kontakt med deg. Vil du være koordinator (los) for henne og familien?",
    )
    d.accept(handover, start + timedelta(days=21))
    mental = d.refer(
        case,
        nurse,
        start + timedelta(days=22),
        PSYCHOLOGIST,
        "Helsesykepleier er bekymret for spisingen og humøret og ber om kartlegging i psykisk helsetjeneste.",
        nurse,
    )
    d.answer(mental, psychologist, start + timedelta(days=29), Referral.Answer.ACCEPTED)
    d.grant(case, leader, start + timedelta(days=29), PSYCHOLOGIST, consent)
    d.note(
        case,
        psychologist,
        start + timedelta(days=45),
        LogEntry.Kind.CONVERSATION,
        "Tre samtaler med Anna. Kommunalt tilbud vurderes ikke som tilstrekkelig; fastlegen kobles på for "
        "somatisk undersøkelse.",
        child_voice="Jeg er redd for å bli tvunget til å spise.",
        guardians_voice="Vi er glade for at noen tar det på alvor.",
    )
    d.note(
        case,
        nurse,
        start + timedelta(days=52),
        LogEntry.Kind.OBSERVATION,
        "Fastlegen har undersøkt Anna og mistenker en spiseforstyrrelse. Psykolog og fastlege henviser sammen til BUP.",
    )
    to_bup = d.refer(
        case,
        psychologist,
        start + timedelta(days=55),
        BUP,
        "Mistanke om spiseforstyrrelse hos 14-åring; fastlegens somatiske undersøkelse ligger ved. Felles "
        "henvisning fra kommunepsykolog og fastlege.",
        nurse,
    )
    d.answer(to_bup, bup, start + timedelta(days=69), Referral.Answer.ACCEPTED)
    d.note(
        case,
        nurse,
        start + timedelta(days=84),
        LogEntry.Kind.MEETING,
        "Samarbeidsmøte innkalt av BUP med Anna, foreldrene, skolen, helsesykepleier og fastlegen. BUP vurderer "
        "at Anna har en spiseforstyrrelse; Anna og foreldrene får ukentlige timer med familiebasert terapi. Vi "
        "laget en helhetlig plan: Anna fortsetter samtalene hos helsesykepleier, skolen reduserer de faglige "
        "kravene en periode, og nytt samarbeidsmøte er avtalt om seks uker.",
        child_voice="Jeg vil klare å spise lunsj med venninnen min igjen.",
        guardians_voice="Det hjelper å vite hvem som gjør hva.",
    )
    with _on(start + timedelta(days=84)):
        case.refresh_from_db()
        services.case_plan_save(
            case=case,
            by=nurse,
            version=case.version,
            child_goals="Jeg vil klare å spise lunsj med venninnen min igjen, og orke gymtimene.",
            has_right_to_child_coordinator=False,
            child_coordinator=None,
            individual_plan_started_on=None,
            responsibility_group=(
                "Anna, foreldrene, kontaktlærer, sosialrådgiver, helsesykepleier (koordinator) og fastlegen; BUP "
                "ved behov. Samarbeidsmøte hver sjette uke."
            ),
        )
    reduced = d.measure(
        case,
        adviser,
        start + timedelta(days=85),
        "Reduserte faglige krav i en periode",
        owner=adviser,
        evaluate_after=35,
    )
    d.evaluate(weekly, teacher, start + timedelta(days=86), "Erstattes av samtalene hos helsesykepleier.", "end")
    d.evaluate(
        reduced,
        adviser,
        start + timedelta(days=118),
        "Anna følger bedre med i timene og har levert de fleste oppgavene.",
        CaseMeasure.Decision.CONTINUE,
        next_after=42,
    )


def _tanja(d: _Demo) -> None:
    """Tanja, seeds/001_…: known to the municipality's psychologist since she was six, closed when things went
    well, and reopened years later. The municipality stays the anchor."""
    child, guardians = d.child("tanja", municipality=HEMSEDAL, age_days=16 * 365 + 100, gender="F")
    child.full_name = "Tanja " + child.full_name.split()[-1]
    guardians[1].parental_responsibility = False
    psychologist = d.person(PSYCHOLOGIST, "Kommunepsykolog")
    teacher = d.person(SCHOOL, "Kontaktlærer 4. trinn")
    principal = d.person(SCHOOL, "Rektor Hemsedal skole")
    bup = d.person(BUP, "Spesialist i klinisk psykologi")

    def at_age(years: int, days: int = 0) -> date:
        return child.birth_date + timedelta(days=int(years * 365.25) + days)

    start = at_age(6, 60)
    case = d.register(
        "tanja",
        child,
        guardians,
        service=PSYCHOLOGIST,
        by=psychologist,
        day=start,
        school="",
        grade="",
        guardians_contacted=Concern.GuardiansContacted.YES,
        text=ConcernText(
            "Kommunepsykologens kontor",
            "Mor, ved telefon til kommunen",
            "Mor tar kontakt: Tanja (6) har nylig fått en ADHD-diagnose, og mor ber om veiledning. Tanja sa: «Jeg "
            "blir så sint inni meg og vet ikke hvorfor.»",
            "Diagnosen er satt av BUP. Familien trenger hjelp til å finne gode rutiner i hverdagen.",
            "Jeg opplevde at mor var sliten, men ressurssterk. Barnet virket urolig og nysgjerrig. Jeg ble rolig "
            "fordi familien selv ber om hjelp tidlig.",
            "Jeg vil at mamma og jeg skal slutte å krangle om morgenen.",
        ),
    )
    if case is None:
        return
    d.level(case, psychologist, start + timedelta(days=7), 1, "Veiledning av mor og samtaler med Tanja.")
    d.measure(
        case, psychologist, start + timedelta(days=8), "Familieveiledning", owner=psychologist, evaluate_after=120
    )
    third_grade = at_age(8, 250)
    d.note(
        case,
        psychologist,
        third_grade,
        LogEntry.Kind.CONVERSATION,
        "Mor tar kontakt igjen i 3. klasse: Tanja strever med søvn, mat, angst og vondt i kroppen.",
        child_voice="Lydene i klasserommet gjør vondt.",
        guardians_voice="Samtalene hjelper oss å finne det som virker i hverdagen.",
    )
    consent = (
        "Mor (foreldreansvar alene) samtykket skriftlig til at kommunepsykologen og Hemsedal skole deler det som "
        "trengs om Tanja, ut skoleåret."
    )
    d.level(
        case,
        psychologist,
        third_grade + timedelta(days=5),
        2,
        "Skolen må med i tilretteleggingen.",
        consent=consent,
        services_in=[SCHOOL],
    )
    swimming = d.measure(
        case,
        teacher,
        third_grade + timedelta(days=14),
        "Svømmegruppe og fritidsgruppe",
        owner=psychologist,
        evaluate_after=90,
    )
    seventh = at_age(12, 250)
    to_bup = d.refer(
        case,
        psychologist,
        seventh,
        BUP,
        "Tanja (7. trinn) strever betydelig med å gå på skolen. Rehenvisning for utredning.",
        psychologist,
    )
    d.answer(
        to_bup,
        bup,
        seventh + timedelta(days=30),
        Referral.Answer.ACCEPTED,
        discharged_on=seventh + timedelta(days=150),
        discharge_note="Utredning ferdig. Kommunen må finne tiltakene; BUP anbefaler liten gruppe.",
    )
    small_group = d.measure(
        case,
        principal,
        seventh + timedelta(days=160),
        "Skolebytte og 100 % tilrettelagt undervisning i liten gruppe",
        owner=principal,
        evaluate_after=90,
    )
    d.evaluate(
        small_group,
        principal,
        seventh + timedelta(days=250),
        "Overgangen er en suksess: Tanja blomstrer.",
        CaseMeasure.Decision.CONTINUE,
    )
    d.evaluate(
        swimming,
        psychologist,
        seventh + timedelta(days=252),
        "Går fortsatt, med avlastning i helgene.",
        CaseMeasure.Decision.END,
    )
    d.level(case, psychologist, seventh + timedelta(days=260), 1, "Tiltakene virker; skolen følger opp selv.")
    closed_on = at_age(13, 200)
    d.close(
        case, psychologist, closed_on, Case.ClosureReason.GOAL_REACHED, "Tanja og mor vet at de kan ta kontakt igjen."
    )
    reopened_on = d.days_ago(40)
    d.reopen(
        case,
        psychologist,
        reopened_on,
        "Tanja (10. trinn) har begynt å huske lukter og lyder hun knytter til seksuelle overgrep. Mor tok kontakt.",
    )
    d.note(
        case,
        psychologist,
        reopened_on + timedelta(days=2),
        LogEntry.Kind.CONVERSATION,
        "Samtale med Tanja og mor.",
        child_voice="Jeg vil ha hjelp nå, før det blir verre.",
        guardians_voice="Kommunen kjenner henne. Det gjør det lettere å spørre igjen.",
    )
    d.report(case, psychologist, reopened_on + timedelta(days=3), "Opplysningsplikten: mulige overgrep i fortiden.")
    d.refer(
        case,
        psychologist,
        reopened_on + timedelta(days=5),
        BUP,
        "Henvisning for intensivert traumebehandling.",
        psychologist,
    )


def _bup_declined(d: _Demo) -> None:
    """A referral to BUP answered with avslag: the municipality keeps the child."""
    nurse = d.person(FAMILY_HOUSE, "Helsesykepleier skolehelsetjenesten")
    psychologist = d.person(PSYCHOLOGIST, "Kommunepsykolog")
    leader = d.leaders[FAMILY_HOUSE]
    bup = d.person(BUP, "Spesialist i klinisk psykologi")
    child, guardians = d.child("bup-avslag", municipality=HEMSEDAL, age_days=12 * 365 + 30, gender="M")
    start = d.days_ago(100)
    case = d.register(
        "bup-avslag",
        child,
        guardians,
        service=FAMILY_HOUSE,
        by=nurse,
        day=start,
        text=HEALTH_CONCERNS[1],
        school=SCHOOL,
        grade="7. trinn",
        guardians_contacted=Concern.GuardiansContacted.YES,
    )
    if case is None:
        return
    d.level(case, leader, start + timedelta(days=7), 1, LEVEL_1_REASONS[1])
    consent = "Begge foresatte samtykket muntlig, dokumentert i journal, til samarbeid med kommunepsykologen."
    d.level(
        case,
        leader,
        start + timedelta(days=20),
        2,
        "Kommunepsykologen kartlegger angsten.",
        consent=consent,
        services_in=[PSYCHOLOGIST],
    )
    referral = d.refer(
        case,
        psychologist,
        start + timedelta(days=40),
        BUP,
        "Angst som hindrer skolegang. SCAS-C kartlegging ligger ved.",
        nurse,
    )
    d.answer(
        referral,
        bup,
        start + timedelta(days=61),
        Referral.Answer.DECLINED,
        decline_reason="Vurderes som milde til moderate angstplager som kan behandles i kommunen. Vi anbefaler "
        "videre oppfølging hos kommunepsykolog; ny henvisning ved forverring.",
    )
    d.measure(
        case,
        psychologist,
        start + timedelta(days=63),
        "Individuell oppfølging psykisk helse barn og unge",
        owner=psychologist,
        evaluate_after=30,
    )
    d.note(
        case,
        psychologist,
        start + timedelta(days=64),
        LogEntry.Kind.CONVERSATION,
        "Avslaget fra BUP gjennomgått med familien. Vi fortsetter med eksponeringsøvelser.",
        child_voice="Det er greit, jeg liker å komme hit.",
        guardians_voice="Skuffet over avslaget, men trygge på at kommunen følger opp.",
    )


def _child_welfare_report(d: _Demo) -> None:
    """The duty to report does not wait: a bekymringsmelding sent on the day, guardians deliberately not told."""
    teacher = d.person(SCHOOL, "Kontaktlærer 4. trinn")
    child, guardians = d.child("melding", municipality=HEMSEDAL, age_days=9 * 365 + 200, gender="M")
    start = d.days_ago(26)
    case = d.register(
        "melding",
        child,
        guardians,
        service=SCHOOL,
        by=teacher,
        day=start,
        school=SCHOOL,
        grade="4. trinn",
        text=ConcernText(
            "Gymsalen, garderoben",
            "Kontaktlærer 4. trinn",
            "Hadde blåmerker på begge overarmene da han skiftet til gym. Sa: «Pappa blir så sint når jeg søler.»",
            "Han ville ikke si mer og ba meg om ikke å si det til noen.",
            "Jeg opplevde at han var redd for hva som skjer hvis jeg sier fra. Barnet virket skremt. Jeg ble "
            "urolig fordi merkene kan komme fra hardhendt behandling hjemme.",
            "Ikke si det til pappa.",
            "Drøftet anonymt med barnevernet samme dag; bekymringsmelding sendt.",
        ),
        guardians_contacted=Concern.GuardiansContacted.NO,
        not_contacted_reason="Barnevernet rådet oss til ikke å kontakte foresatte: det kan sette barnet i fare.",
        report=True,
    )
    if case is None:
        return
    d.note(
        case,
        teacher,
        start + timedelta(days=1),
        LogEntry.Kind.OBSERVATION,
        "Ekstra oppfølging i friminuttene. Han virket roligere i dag.",
    )


def _strictly_confidential(d: _Demo) -> None:
    """A child with a strengt fortrolig address: the address is stored, marked, and shown to no one."""
    nurse = d.person(T_HEALTH, "Helsesykepleier barneskole")
    child, guardians = d.child("sperret", municipality=TYNSET, age_days=10 * 365 + 90, gender="F")
    child.address = "Fiktiv adresse 1, 2500 Tynset"
    child.address_protection = Child.AddressProtection.STRICTLY_CONFIDENTIAL
    guardians = guardians[:1]
    guardians[0].address = child.address
    start = d.days_ago(70)
    case = d.register(
        "sperret",
        child,
        guardians,
        service=T_HEALTH,
        by=nurse,
        day=start,
        school=T_SCHOOL,
        grade="5. trinn",
        guardians_contacted=Concern.GuardiansContacted.YES,
        text=ConcernText(
            "Helsesykepleiers kontor",
            "Helsesykepleier",
            "Ny elev, flyttet hit med mor. Sa: «Vi fikk ikke si ha det til noen der vi bodde.»",
            "Mor har fortalt at de har adressesperre. Far har ikke foreldreansvar og skal ikke få vite hvor de bor.",
            "Jeg opplevde at hun var vaktsom og snakket lavt. Barnet virket på vakt. Jeg ble urolig fordi hun har "
            "mistet alt hun kjente.",
            "Jeg vil ha en venn her.",
        ),
    )
    if case is None:
        return
    d.level(case, d.leaders[T_HEALTH], start + timedelta(days=5), 1, "Tett oppfølging i skolehelsetjenesten.")
    d.measure(case, nurse, start + timedelta(days=6), "Skolehelsetjenesten", owner=nurse, evaluate_after=60)
    d.note(
        case,
        nurse,
        start + timedelta(days=30),
        LogEntry.Kind.CONVERSATION,
        "Oppfølgingssamtale.",
        child_voice="Jeg har fått være med i kor.",
    )


def _canaries(d: _Demo) -> None:
    """The canary children, in ordinary cases: level 0, level 2 and closed."""
    (tuva, tuva_id), (sverre, sverre_id), (ylva, ylva_id) = CANARY_CHILDREN
    pedleder = d.person(KINDERGARTEN, "Pedagogisk leder, avdeling Småtroll")
    child, guardians = d.child(
        "canary-1", municipality=HEMSEDAL, age_days=0, gender="F", name=tuva, national_id=tuva_id
    )
    d.register(
        "canary-1",
        child,
        guardians,
        service=KINDERGARTEN,
        by=pedleder,
        day=d.days_ago(8),
        text=KINDERGARTEN_CONCERNS[1],
        school=KINDERGARTEN,
        grade="Avdeling Småtroll",
    )
    adviser = d.person(SCHOOL, "Sosialrådgiver")
    child, guardians = d.child(
        "canary-2", municipality=HEMSEDAL, age_days=0, gender="M", name=sverre, national_id=sverre_id
    )
    start = d.days_ago(95)
    case = d.register(
        "canary-2",
        child,
        guardians,
        service=SCHOOL,
        by=adviser,
        day=start,
        text=SCHOOL_CONCERNS[4],
        school=SCHOOL,
        grade="7. trinn",
        guardians_contacted=Concern.GuardiansContacted.YES,
    )
    if case is not None:
        leader = d.leaders[SCHOOL]
        d.level(case, leader, start + timedelta(days=10), 1, LEVEL_1_REASONS[0])
        d.level(
            case,
            leader,
            start + timedelta(days=30),
            2,
            "PPT kartlegger lesingen.",
            services_in=[PPT],
            consent="Begge foresatte samtykket skriftlig til samarbeid med PPT om lesing, ut skoleåret.",
        )
        d.measure(case, adviser, start + timedelta(days=31), "Tilpasset leseopplæring i liten gruppe", owner=adviser)
    nurse = d.person(T_HEALTH, "Helsesykepleier barneskole")
    child, guardians = d.child("canary-3", municipality=TYNSET, age_days=0, gender="F", name=ylva, national_id=ylva_id)
    start = d.days_ago(200)
    case = d.register(
        "canary-3",
        child,
        guardians,
        service=T_HEALTH,
        by=nurse,
        day=start,
        text=HEALTH_CONCERNS[1],
        school=T_SCHOOL,
        grade="3. trinn",
        guardians_contacted=Concern.GuardiansContacted.YES,
    )
    if case is not None:
        d.level(case, d.leaders[T_HEALTH], start + timedelta(days=9), 1, LEVEL_1_REASONS[1])
        d.close(
            case,
            d.leaders[T_HEALTH],
            start + timedelta(days=90),
            Case.ClosureReason.GOAL_REACHED,
            "Angsten styrer ikke lenger skoledagen.",
        )


@transaction.atomic
def build_demo_cases() -> int:
    """The demo children and their cases (after the organisation and the catalogues). Safe to run again: returns
    how many cases were new."""
    d = _Demo()
    _anna(d)
    _tanja(d)
    _bup_declined(d)
    _child_welfare_report(d)
    _strictly_confidential(d)
    _canaries(d)
    for index, spec in enumerate(EVERYDAY):
        _everyday(d, spec, index)
    return d.created


def seed_demo(stdout, *, large: bool, options: dict) -> None:
    """Called by `manage.py seed_demo` after the organisation and the measure catalogues."""
    created = build_demo_cases()
    demo = Case.objects.filter(municipality__number__in=[HEMSEDAL, TYNSET])
    stdout.write(f"Cases: {created} new; {demo.count()} children's cases in Hemsedal and Tynset.")
    if large:
        from organisation.demo import LARGE_NUMBER

        counts = build_large_cases(
            municipality=Municipality.objects.get(number=LARGE_NUMBER),
            children=options.get("children", 60_000),
            cases=options.get("cases", 15_000),
            log_entries=options.get("log_entries", 300_000),
        )
        stdout.write(
            f"Large cases: {counts['children']} children, {counts['cases']} cases, "
            f"{counts['log_entries']} log entries ({counts['seconds']:.1f} s)."
        )


# --- The benchmark's many cases ----------------------------------------------------------------------------------

LARGE_LOG_TEXTS = [
    (LogEntry.Kind.OBSERVATION, "Observasjon i klassen: deltok lite i gruppearbeidet.", "", ""),
    (LogEntry.Kind.CONVERSATION, "Samtale med barnet.", "Det går litt bedre nå.", ""),
    (LogEntry.Kind.GUARDIANS_CONTACTED, "Telefon med foresatte.", "", "Vi ser bedring hjemme også."),
    (LogEntry.Kind.MEETING, "Drøftet i tverrfaglig møte med samtykke.", "", ""),
    (LogEntry.Kind.MEASURE, "Tiltak startet: fast voksen i friminuttene.", "", ""),
    (LogEntry.Kind.MEASURE_EVALUATED, "Tiltaket evaluert: fortsetter.", "Jeg liker å ha noen å gå til.", ""),
]
LONG_LOG = 200  # the entries of the one case the benchmark opens as "a case with a long log"


def build_large_cases(*, municipality: Municipality, children: int, cases: int, log_entries: int, seed: int = 13):
    """Children, cases, concerns, grants, measures, hand-overs, log entries and access permissions for the
    synthetic municipality, in bulk, with their history rows (naming who registered or wrote each row, on its
    date). Permissions follow the rule of cases.access.case_access_sync exactly (tests/cases/test_demo.py checks
    a sample against it). Written once: the log and the history are records that cannot be deleted, so a
    municipality that already has cases is left as it is."""
    started = perf_counter()
    if Case.objects.filter(municipality=municipality).exists():
        return _large_case_counts(municipality) | {"seconds": 0.0}
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    faker = Faker("no_NO")
    faker.seed_instance(seed)
    now = timezone.now()
    today = timezone.localdate()
    service_ids = list(Service.objects.filter(host_municipality=municipality).order_by("pk").values_list("pk", "kind"))
    staff: dict[int, list[int]] = {}
    leaders: dict[int, int] = {}
    positions = Position.objects.filter(service__host_municipality=municipality, holder__isnull=False)
    for service_id, holder_id, role in positions.order_by("pk").values_list("service_id", "holder_id", "role"):
        if role == Position.Role.SERVICE_LEADER:
            leaders.setdefault(service_id, holder_id)
        else:
            staff.setdefault(service_id, []).append(holder_id)
    owning = [pk for pk, _kind in service_ids if staff.get(pk) and pk in leaders]
    schools = [pk for pk, kind in service_ids if kind in (Service.Kind.SCHOOL, Service.Kind.KINDERGARTEN)]
    administrator = Position.objects.filter(municipality=municipality, role=Position.Role.ADMINISTRATOR).first()
    loader = administrator.holder if administrator else None
    people: dict[int, User] = {}

    def who(pk: int) -> User:
        """A stand-in for the user row, enough for a history row's `history_user`."""
        return people.setdefault(pk, User(pk=pk))

    firsts = [faker.first_name() for _ in range(400)]
    lasts = [faker.last_name() for _ in range(400)]
    canary_ids = {national_id for _name, national_id in CANARY_CHILDREN}
    with transaction.atomic():
        kids = []
        for _ in range(children):
            born = today - timedelta(days=rng.randint(30, 18 * 365))
            national_id = faker.ssn(dob=born.strftime("%Y%m%d"), gender=rng.choice("FM"))
            while national_id in canary_ids:
                national_id = faker.ssn(dob=born.strftime("%Y%m%d"), gender="F")
            kids.append(
                Child(
                    municipality=municipality,
                    full_name=f"{rng.choice(firsts)} {rng.choice(lasts)}",
                    birth_date=born,
                    national_id=national_id,
                    school_or_kindergarten_id=rng.choice(schools) if schools else None,
                    grade="",
                    created_at=now,
                )
            )
        kids = bulk_create_with_history(
            kids, Child, batch_size=5000, default_user=loader, default_change_reason="syntetiske data"
        )
        rows, concerns, guardians, grants, measures, handovers = [], [], [], [], [], []
        levels = [0] * 20 + [1] * 35 + [2] * 30 + [3] * 15
        for index, child in enumerate(rng.sample(kids, min(cases, len(kids)))):
            service_id = rng.choice(owning)
            registrant = rng.choice(staff[service_id])
            holder = registrant if rng.random() < 0.8 else rng.choice(staff[service_id])
            level = 2 if index == 0 else rng.choice(levels)
            registered = now - timedelta(days=rng.randint(1, 1500), minutes=rng.randint(0, 600))
            registered_on = timezone.localdate(registered)
            closed = None if index == 0 or rng.random() < 0.8 else registered + timedelta(days=rng.randint(30, 700))
            if closed and closed > now:
                closed = None
            case = Case(
                child=child,
                municipality=municipality,
                owning_service_id=service_id,
                registered_by_id=registrant,
                registered_at=registered,
                holder_id=holder,
                level=level,
                guardians_contact_due=registered_on + timedelta(days=28),
                guardians_contacted_on=registered_on + timedelta(days=rng.randint(0, 20))
                if level or rng.random() < 0.5
                else None,
                decision_due=registered_on + timedelta(days=14),
                decided_on=registered_on + timedelta(days=rng.randint(3, 14)) if level or closed else None,
                consent_recorded_on=registered_on + timedelta(days=20) if level >= 2 else None,
                consent_note="Begge foresatte samtykket skriftlig til samarbeid." if level >= 2 else "",
                closed_at=closed,
                closure_reason=Case.ClosureReason.GOAL_REACHED if closed else "",
            )
            case._history_user = who(registrant)
            case._history_date = registered
            rows.append(case)
        rows = bulk_create_with_history(rows, Case, batch_size=5000, default_change_reason="syntetiske data")
        for case in rows:
            observed = case.registered_at - timedelta(hours=3)
            text = SCHOOL_CONCERNS[case.pk % len(SCHOOL_CONCERNS)]
            concern = Concern(
                case=case,
                observed_at=observed,
                place=text.place,
                noticed_by=text.noticed_by,
                event=text.event,
                own_assessment=text.assessment,
                child_voice=text.child_voice,
                guardians_contacted=Concern.GuardiansContacted.YES
                if case.guardians_contacted_on
                else Concern.GuardiansContacted.NOT_YET,
            )
            concern._history_user, concern._history_date = who(case.registered_by_id), case.registered_at
            concerns.append(concern)
            guardian = Guardian(child_id=case.child_id, full_name=f"{rng.choice(firsts)} {rng.choice(lasts)}")
            guardian._history_user, guardian._history_date = who(case.registered_by_id), case.registered_at
            guardians.append(guardian)
            granted_at = case.registered_at + timedelta(days=20)
            if case.level >= Case.Level.LEVEL_2:
                others = [pk for pk in owning if pk != case.owning_service_id]
                for service_id in rng.sample(others, min(len(others), 1 if case.level == 2 else 3)):
                    grant = ServiceGrant(
                        case=case,
                        service_id=service_id,
                        consent_basis=case.consent_note,
                        granted_by_id=leaders[case.owning_service_id],
                        granted_at=granted_at,
                    )
                    grant._history_user, grant._history_date = who(grant.granted_by_id), granted_at
                    grants.append(grant)
            if case.level >= Case.Level.LEVEL_1 and rng.random() < 0.5:
                starts = timezone.localdate(case.registered_at) + timedelta(days=12)
                measure = CaseMeasure(
                    case=case,
                    title=rng.choice(["Fast voksen i friminuttene", "Ukentlig samtale", "Foreldreveiledning"]),
                    owner_id=case.holder_id,
                    starts_on=starts,
                    evaluate_on=max(starts, today + timedelta(days=rng.randint(-30, 90))),
                )
                measure._history_user, measure._history_date = who(case.holder_id), case.registered_at
                measures.append(measure)
            colleagues = [pk for pk in staff[case.owning_service_id] if pk != case.holder_id]
            if not case.closed_at and colleagues and rng.random() < 0.01:
                handover = Handover(
                    case=case, from_user_id=case.holder_id, to_user_id=rng.choice(colleagues), requested_at=now
                )
                handover._history_user = who(case.holder_id)
                handovers.append(handover)
        for model, objects in (
            (Concern, concerns),
            (Guardian, guardians),
            (ServiceGrant, grants),
            (CaseMeasure, measures),
            (Handover, handovers),
        ):
            bulk_create_with_history(objects, model, batch_size=5000, default_change_reason="syntetiske data")
        _large_log(rows, log_entries, staff, rng, who, today)
        _large_permissions(rows, grants)
    return _large_case_counts(municipality) | {"seconds": perf_counter() - started}


def _large_log(rows: list[Case], total: int, staff: dict[int, list[int]], rng, who, today: date) -> None:
    """`total` log entries: each case's concern first, one case with a long log (the benchmark's), the rest
    spread at random; in batches, so memory stays bounded."""
    counts = [1] * len(rows)
    long_log = min(LONG_LOG, max(0, total - len(rows)) // 4)
    if rows:
        counts[0] += long_log
    for index in rng.choices(range(len(rows)), k=max(0, total - len(rows) - long_log)) if rows else ():
        counts[index] += 1
    batch = []
    for case, count in zip(rows, counts, strict=True):
        first = timezone.localdate(case.registered_at)
        last = timezone.localdate(case.closed_at) if case.closed_at else today
        span = max(0, (last - first).days)
        days = sorted(rng.randint(0, span) for _ in range(count - 1))
        entry = LogEntry(
            case=case,
            kind=LogEntry.Kind.CONCERN,
            occurred_on=first,
            text=SCHOOL_CONCERNS[case.pk % len(SCHOOL_CONCERNS)].event,
            author_id=case.registered_by_id,
            author_service_id=case.owning_service_id,
            created_at=case.registered_at,
        )
        entry._history_user, entry._history_date = who(case.registered_by_id), case.registered_at
        batch.append(entry)
        authors = staff[case.owning_service_id]
        for offset in days:
            kind, text, child_voice, guardians_voice = rng.choice(LARGE_LOG_TEXTS)
            author = case.holder_id if rng.random() < 0.6 else rng.choice(authors)
            written = case.registered_at + timedelta(days=offset, hours=1)
            entry = LogEntry(
                case=case,
                kind=kind,
                occurred_on=first + timedelta(days=offset),
                text=text,
                child_voice=child_voice,
                guardians_voice=guardians_voice,
                author_id=author,
                author_service_id=case.owning_service_id,
                created_at=written,
            )
            entry._history_user, entry._history_date = who(author), written
            batch.append(entry)
        if len(batch) >= 20_000:
            bulk_create_with_history(batch, LogEntry, batch_size=5000, default_change_reason="syntetiske data")
            batch = []
    bulk_create_with_history(batch, LogEntry, batch_size=5000, default_change_reason="syntetiske data")


def _large_permissions(rows: list[Case], grants: list[ServiceGrant]) -> None:
    """The guardian rows case_access_sync would write for each case (cases/access.py): the holder, and at level 0
    the registrant with the owning service's leaders; from level 1 the owning service's members; from level 2
    also the members of every service granted access."""
    permission = Permission.objects.get(content_type__app_label="cases", codename="view_case")
    service_ids = {case.owning_service_id for case in rows} | {grant.service_id for grant in grants}
    members = service_group_ids(service_ids)
    leaders = service_group_ids({case.owning_service_id for case in rows if case.level == 0}, leaders=True)
    granted: dict[int, set[int]] = {}
    for grant in grants:
        granted.setdefault(grant.case_id, set()).add(grant.service_id)
    users, groups = [], []
    for case in rows:
        people = {case.holder_id}
        if case.level == Case.Level.LEVEL_0:
            people.add(case.registered_by_id)
            teams = {leaders[case.owning_service_id]}
        else:
            teams = {members[case.owning_service_id]}
        if case.level >= Case.Level.LEVEL_2:
            teams |= {members[service_id] for service_id in granted.get(case.pk, ())}
        users += [CaseUserObjectPermission(content_object=case, user_id=pk, permission=permission) for pk in people]
        groups += [CaseGroupObjectPermission(content_object=case, group_id=pk, permission=permission) for pk in teams]
    CaseUserObjectPermission.objects.bulk_create(users, batch_size=5000)
    CaseGroupObjectPermission.objects.bulk_create(groups, batch_size=5000)


def _large_case_counts(municipality: Municipality) -> dict[str, int]:
    return {
        "children": Child.objects.filter(municipality=municipality).count(),
        "cases": Case.objects.filter(municipality=municipality).count(),
        "log_entries": LogEntry.objects.filter(case__municipality=municipality).count(),
    }
