"""Demo meeting structures: Hemsedal's five from Vedlegg 1 of its plan (seeds/002_…), as they stand, and
Tynset's TST (seeds/000_…), with the current school year's meetings."""

from datetime import time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from collaboration.models import Meeting, MeetingStructure
from collaboration.services import meeting_convene, meetings_propose_school_year
from organisation.models import Municipality, Position

Level, Cadence, Policy = MeetingStructure.Level, MeetingStructure.Cadence, MeetingStructure.NoConsentPolicy

AVD_HF = [
    "Avdelingsleder helse og forebygging – helsestasjon",
    "Avdelingsleder helse og forebygging – psykisk helse og rus",
]
AVD_SKOLE = ["Avdelingsleder 1.–7. trinn", "Avdelingsleder 8.–10. trinn"]
PED_LEDERE = [
    "Pedagogisk leder, avdeling Småtroll",
    "Pedagogisk leder, avdeling Storfjell",
    "Pedagogisk leder, avdeling Trollstua",
]

HEMSEDAL = [
    {
        "name": "TOG – tverrfaglig oppvekstgruppe",
        "level": Level.SYSTEM,
        "cadence": Cadence.SEMESTER,
        "evaluates_plan": True,
        "mandate": (
            "Tverrfaglig samarbeid på systemnivå, uten at samarbeidet gjelder en enkeltsak. Ta utgangspunkt i "
            "planen for å forebygge at barn og unge utsettes for omsorgssvikt eller utvikler atferdsproblemer, og "
            "skape laget rundt barnet."
        ),
        "standing": [
            "Evaluering av samarbeidet",
            "Aktuelle utfordringer knyttet til målet",
            "Planlegging av hvordan tjenestene møter utfordringene",
        ],
        "members": [
            "Kommunalsjef helse og omsorg",
            "Kommunalsjef oppvekst og kultur",
            "Virksomhetsleder helse og forebygging",
            "Rektor Hemsedal skole",
            "Styrer barnehage",
            "Folkehelsekoordinator",
            "Kommunepsykolog",
            "Barnevernleder",
            "NAV-leder",
            "Leder PPT",
            "Koordinator oppfølgingstjenesten (OT)",
            "Politikontakt",
            "SLT-koordinator",
        ],
        "convener": "Kommunalsjef oppvekst og kultur",
        "minute_taker": "Styrer barnehage",
        "weekday": 2,
        "place": "Kommunestyresalen",
    },
    {
        "name": "Tverrfaglig skolemøte",
        "level": Level.SYSTEM,
        "cadence": Cadence.SEMESTER,
        "mandate": "Samarbeid mellom helse og skole på systemnivå, uten at samarbeidet gjelder en enkeltsak.",
        "standing": [
            "Definere mål med utgangspunkt i samarbeidsmøtet på nivå 1",
            "Gjennomgang av generelle utfordringer knyttet til målet, og plan for hvordan vi møter dem",
            "Avklare områder, fagfelt, modeller og kompetanse vi skal jobbe sammen om",
            "Avklare hvem som skal samarbeide i saker på individnivå",
            "Evaluering av samarbeidet",
            "Sikre at barn og unge involveres i arbeidet på systemnivå",
            "Utarbeide nødvendige rutiner",
        ],
        "members": [*AVD_HF, "Teamleder Familiens hus", *AVD_SKOLE, "Barnevernleder", "PPT-rådgiver Hemsedal"],
        "convener": "Teamleder Familiens hus",
        "minute_taker": AVD_HF[0],
        "weekday": 1,
        "place": "Familiens hus, møterom 1",
    },
    {
        "name": "Tverrfaglig barnehagemøte",
        "level": Level.SYSTEM,
        "cadence": Cadence.SEMESTER,
        "mandate": (
            "Samarbeid mellom helse og forebygging og barnehagen på systemnivå, uten at samarbeidet gjelder en "
            "enkeltsak."
        ),
        "standing": [
            "Definere mål med utgangspunkt i samarbeidsmøtet på nivå 1",
            "Gjennomgang av generelle utfordringer knyttet til målet, og plan for hvordan vi møter dem",
            "Avklare hvem som skal samarbeide i saker på individnivå",
            "Evaluering av samarbeidet",
            "Sikre at barn involveres i arbeidet på systemnivå",
            "Utarbeide nødvendige rutiner",
        ],
        "members": [
            "Styrer barnehage",
            *AVD_HF,
            "Teamleder Familiens hus",
            "Helsesykepleier småbarn (0–5 år)",
            "Barnevernleder",
            "PPT-rådgiver Hemsedal",
        ],
        "convener": "Teamleder Familiens hus",
        "minute_taker": AVD_HF[0],
        "weekday": 3,
        "place": "Hemsedal barnehage",
    },
    {
        "name": "Elevhelseteam",
        "level": Level.INDIVIDUAL,
        "cadence": Cadence.MONTHLY,
        "policy": Policy.ANONYMOUS,
        "mandate": (
            "Samarbeid i enkeltsaker og om klasse og miljø. Vurdere enkeltsaker der det er gitt samtykke, og om "
            "tjenestene trenger å samarbeide. Ved manglende samtykke kan saken drøftes anonymt. Fysioterapeut og "
            "ergoterapeut vurderes inn i enkelte møter."
        ),
        "standing": [
            "Enkeltsaker med samtykke",
            "Anonyme drøftinger",
            "Behov på klassetrinnene",
            "Fordeling av ansvar for å lede samarbeidet",
            "Årshjul",
        ],
        "members": [
            "Teamleder Familiens hus",
            "Helsesykepleier skolehelsetjenesten",
            "Familieterapeut, hjelpetilbud Familiens hus",
            "Sosialrådgiver",
            *AVD_SKOLE,
        ],
        "convener": "Teamleder Familiens hus",
        "minute_taker": "Helsesykepleier skolehelsetjenesten",
        "weekday": 3,
        "place": "Hemsedal skole, møterom",
    },
    {
        "name": "Samarbeidsmøte helse og barnehage",
        "level": Level.INDIVIDUAL,
        "cadence": Cadence.SEMESTER,
        "policy": Policy.NOT_AT_ALL,
        "mandate": (
            "Barnehage og Familiens hus: samarbeid i enkeltsaker og om gruppe og miljø. Vurdere enkeltsaker der det "
            "er gitt samtykke. Ved manglende samtykke kan saken ikke drøftes."
        ),
        "standing": [
            "Enkeltsaker med samtykke",
            "Behov i gruppene og hvordan de kan møtes",
            "Fordeling av ansvar for å lede samarbeidet",
            "Årshjul",
        ],
        "members": ["Helsesykepleier småbarn (0–5 år)", *PED_LEDERE],
        "convener": "Helsesykepleier småbarn (0–5 år)",
        "minute_taker": "Helsesykepleier småbarn (0–5 år)",
        "weekday": 1,
        "place": "Hemsedal barnehage",
    },
]

TYNSET = [
    {
        "name": "TST – tverrfaglig samhandlingsteam",
        "level": Level.INDIVIDUAL,
        "cadence": Cadence.MONTHLY,
        "policy": Policy.ANONYMOUS,
        "mandate": "Fange opp saker tidlig og på tvers av tjenestene, etter BTI-modellen.",
        "standing": ["Nye saker med samtykke", "Anonyme drøftinger", "Oppfølging av saker"],
        "members": [
            "Helsesykepleier barneskole",
            "Fagleder psykisk helse barn og unge",
            "Rektor Tynset barneskole",
            "PPT-rådgiver Tynset",
            "Barnevernkonsulent",
        ],
        "convener": "Leder helsestasjon",
        "minute_taker": "Helsesykepleier barneskole",
        "weekday": 0,
        "place": "Tynset helsestasjon",
    },
]


def _positions(municipality: Municipality) -> dict[str, Position]:
    seats = Position.objects.filter(Q(municipality=municipality) | Q(service__municipalities=municipality))
    return {position.title: position for position in seats.select_related("holder")}


def _build(municipality: Municipality, specs: list[dict]) -> list[MeetingStructure]:
    seats = _positions(municipality)
    structures = []
    for spec in specs:
        structure, _ = MeetingStructure.objects.update_or_create(
            municipality=municipality,
            name=spec["name"],
            defaults={
                "level": spec["level"],
                "cadence": spec["cadence"],
                "mandate": spec["mandate"],
                "standing_agenda": "\n".join(spec["standing"]),
                "convener": seats[spec["convener"]],
                "minute_taker": seats[spec["minute_taker"]],
                "no_consent_policy": spec.get("policy", ""),
                "evaluates_plan": spec.get("evaluates_plan", False),
                "usual_weekday": spec["weekday"],
                "usual_time": time(13, 0),
                "usual_place": spec["place"],
            },
        )
        structure.members.set([seats[title] for title in spec["members"]])
        structures.append(structure)
    return structures


def _plan_school_year(structure: MeetingStructure) -> None:
    today = timezone.localdate()
    school_year = today.year if today.month >= 8 else today.year - 1
    meetings_propose_school_year(structure=structure, school_year=school_year)
    soon = timezone.now() + timedelta(days=30)
    for meeting in structure.meetings.filter(status=Meeting.Status.PROPOSED, starts_at__lte=soon):
        meeting = meeting_convene(
            meeting=meeting, starts_at=meeting.starts_at, ends_at=meeting.ends_at, place=meeting.place, video_link=""
        )
        if meeting.starts_at < timezone.now():
            meeting.status = Meeting.Status.HELD
            meeting.save(update_fields=["status"])


@transaction.atomic
def seed_demo(stdout, *, large: bool, options: dict) -> None:
    structures = _build(Municipality.objects.get(number="3324"), HEMSEDAL)
    structures += _build(Municipality.objects.get(number="3427"), TYNSET)
    for structure in structures:
        _plan_school_year(structure)
    stdout.write(f"Meeting structures: {len(structures)}, with this school year's meetings.")
