"""Demo meeting structures: Hemsedal's five from Vedlegg 1 of its plan (seeds/002_…), as they stand, and
Tynset's TST (seeds/000_…), with last school year's meetings held and minuted, and this year's so far."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from collaboration.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Invitation,
    Meeting,
    MeetingStructure,
    Minutes,
    MinutesEntry,
    SeatAcceptance,
)
from collaboration.services import (
    attendance_record,
    meeting_convene,
    meetings_propose_school_year,
    minutes_approve,
    minutes_save,
    school_year_dates,
)
from organisation.models import Municipality, Position, Service, User

Level, Cadence, Policy = MeetingStructure.Level, MeetingStructure.Cadence, MeetingStructure.NoConsentPolicy

TEAMLEDERE_FH = ["Teamleder Familiens hus", "Teamleder Familiens hus – hjelpetilbud"]
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
        "name": "TOG",  # the plan never expands the name
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
        "conveners": ["Kommunalsjef oppvekst og kultur"],
        "minute_takers": ["Styrer barnehage"],
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
        # Vedlegg 1: "Teamledere Familiens hus" convene, "avdelingsledere helse og forebygging" write minutes.
        "conveners": TEAMLEDERE_FH,
        "minute_takers": AVD_HF,
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
            "Avklare områder, fagfelt, modeller og kompetanse vi skal jobbe sammen om",
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
        # Vedlegg 1: "Teamledere Familiens hus" convene, "avdelingsledere helse og forebygging" write minutes.
        "conveners": TEAMLEDERE_FH,
        "minute_takers": AVD_HF,
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
        "conveners": ["Teamleder Familiens hus"],
        "minute_takers": ["Helsesykepleier skolehelsetjenesten"],
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
        "conveners": ["Helsesykepleier småbarn (0–5 år)"],
        "minute_takers": ["Helsesykepleier småbarn (0–5 år)"],
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
        "conveners": ["Leder helsestasjon"],
        "minute_takers": ["Helsesykepleier barneskole"],
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
                "no_consent_policy": spec.get("policy", ""),
                "evaluates_plan": spec.get("evaluates_plan", False),
                "usual_weekday": spec["weekday"],
                "usual_time": time(13, 0),
                "usual_place": spec["place"],
            },
        )
        structure.members.set([seats[title] for title in spec["members"]])
        structure.conveners.set([seats[title] for title in spec["conveners"]])
        structure.minute_takers.set([seats[title] for title in spec["minute_takers"]])
        _accept_seats_from_elsewhere(structure)
        structures.append(structure)
    return structures


def _accept_seats_from_elsewhere(structure: MeetingStructure) -> None:
    """Tynset's TST has accepted the PPT adviser that the Hemsedal-hosted PPT placed in its seat."""
    for position in (
        structure.seat_positions()
        .filter(holder__isnull=False, service__isnull=False)
        .exclude(service__host_municipality=structure.municipality)
    ):
        SeatAcceptance.objects.get_or_create(
            structure=structure,
            position=position,
            person_id=position.holder_id,
            defaults={"accepted_by": _chair(structure)},
        )


def _chair(structure: MeetingStructure) -> User | None:
    """The holder of the structure's first convener seat: who convenes and approves in the demo."""
    position = structure.conveners.filter(holder__isnull=False).select_related("holder").order_by("pk").first()
    return position.holder if position else None


def _writer(structure: MeetingStructure) -> User | None:
    """The holder of the structure's first minute-taker seat."""
    position = structure.minute_takers.filter(holder__isnull=False).select_related("holder").order_by("pk").first()
    return position.holder if position else None


def _plan_school_year(structure: MeetingStructure) -> None:
    today = timezone.localdate()
    school_year = today.year if today.month >= 8 else today.year - 1
    # Last school year, all held and minuted, and this one so far.
    for year in (school_year - 1, school_year):
        meetings_propose_school_year(structure=structure, school_year=year, by=_chair(structure))
    soon = timezone.now() + timedelta(days=30)
    for meeting in structure.meetings.filter(status=Meeting.Status.PROPOSED, starts_at__lte=soon):
        meeting = meeting_convene(
            meeting=meeting,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place=meeting.place,
            video_link="",
            by=_chair(structure),
        )
        if meeting.starts_at < timezone.now():
            _hold(meeting)


DISCUSSIONS = [
    "Gjennomgang av status siden forrige møte. Tjenestene melder om godt samarbeid, men lite tid til felles "
    "planlegging.",
    "Drøftet erfaringer fra høsten. Flere tjenester ønsker tydeligere rutiner for hvem som tar kontakt først.",
    "Kort runde fra hver tjeneste. Ingen nye utfordringer utover det som står i planen.",
]
DECISIONS = [
    "Rutinen for overgang barnehage–skole revideres før neste møte.",
    "Saken følges opp på neste møte.",
    "Tas til orientering.",
]


def _hold(meeting: Meeting) -> None:
    """Record a held meeting as it would be: attendance, approved minutes, and an action item."""
    invitations = list(meeting.invitations.select_related("position", "position__service"))
    writer = _writer(meeting.structure)
    attendance_record(
        meeting=meeting,
        by=writer,
        rows=[
            {
                "person": invitation.person,
                "position": invitation.position,
                "status": Attendance.Status.ABSENT if index == 1 else Attendance.Status.PRESENT,
            }
            for index, invitation in enumerate(invitations)
        ],
    )
    entries = {
        item.pk: (DISCUSSIONS[index % len(DISCUSSIONS)], DECISIONS[index % len(DECISIONS)])
        for index, item in enumerate(meeting.agenda_items.all())
    }
    newest = meeting.minutes_versions.order_by("-version").first()
    minutes = minutes_save(meeting=meeting, revision=newest.revision if newest else 0, entries=entries, by=writer)
    # Rendering dozens of PDFs in-process would double the seeding time: each is made on its first download.
    minutes_approve(minutes=minutes, approved_by=_chair(meeting.structure), queue_pdf=False)
    # Approved a few days after the meeting, as a chair would, not on the day the demo was seeded.
    approved_at = min(meeting.ends_at + timedelta(days=3), timezone.now())
    Minutes.objects.filter(pk=minutes.pk).update(approved_at=approved_at)
    if invitations and not meeting.action_items.exists():
        # Due two weeks after the meeting: the oldest are overdue by now, as in any real municipality.
        ActionItem.objects.create(
            structure=meeting.structure,
            meeting=meeting,
            what="Revidere rutinen for overgang barnehage–skole",
            owner_person=invitations[-1].person,
            due_on=timezone.localdate(meeting.starts_at) + timedelta(days=14),
        )


def _give_the_demo_staff_member_an_open_item() -> None:
    """helsesykepleier@hemsedal.demo, the Elevhelseteam's minute-taker, has an open item from its last meeting,
    so her start page shows «Mine oppgaver»."""
    nurse = User.objects.filter(email="helsesykepleier@hemsedal.demo").first()
    meeting = (
        Meeting.objects.filter(invitations__person=nurse, status=Meeting.Status.HELD).order_by("-starts_at").first()
        if nurse
        else None
    )
    if meeting is None:
        return
    ActionItem.objects.get_or_create(
        structure=meeting.structure,
        meeting=meeting,
        what="Lage en oversikt over skolehelsetjenestens åpne kontortid til foreldremøtene",
        defaults={"owner_person": nurse, "due_on": timezone.localdate() + timedelta(days=10)},
    )


@transaction.atomic
def seed_demo(stdout, *, large: bool, options: dict) -> None:
    structures = _build(Municipality.objects.get(number="3324"), HEMSEDAL)
    structures += _build(Municipality.objects.get(number="3427"), TYNSET)
    for structure in structures:
        _plan_school_year(structure)
    _give_the_demo_staff_member_an_open_item()
    stdout.write(f"Meeting structures: {len(structures)}, with last and this school year's meetings.")
    if large:
        from organisation.demo import LARGE_NUMBER

        counts = build_large_meetings(municipality=Municipality.objects.get(number=LARGE_NUMBER), years=5)
        stdout.write(f"Large meetings: {counts['structures']} structures, {counts['meetings']} meetings.")


def build_large_meetings(*, municipality: Municipality, years: int, seed: int = 5) -> dict[str, int]:
    """Five school years of meetings for every service of the synthetic municipality, in bulk and with history:
    one structure a service, led and minuted by its leader, its positions as members."""
    if MeetingStructure.objects.filter(municipality=municipality).exists():
        return _large_meeting_counts(municipality)
    rng = random.Random(seed)
    services = list(Service.objects.filter(host_municipality=municipality).order_by("pk"))
    leaders = {
        p.service_id: p
        for p in Position.objects.filter(service__in=services, role=Position.Role.SERVICE_LEADER, holder__isnull=False)
    }
    members: dict[int, list[Position]] = {}
    for position in Position.objects.filter(service__in=services, holder__isnull=False).order_by("pk"):
        members.setdefault(position.service_id, []).append(position)
    structures = []
    for index, service in enumerate(services):
        structures.append(
            MeetingStructure(
                municipality=municipality,
                name=f"Samarbeidsmøte {service.name}",
                level=Level.INDIVIDUAL if index % 3 == 0 else Level.SYSTEM,
                cadence=Cadence.MONTHLY if index % 3 == 0 else Cadence.SEMESTER,
                no_consent_policy=Policy.ANONYMOUS if index % 3 == 0 else "",
                mandate="Syntetisk møtestruktur for ytelsesmåling.",
                standing_agenda="Status\nOppfølging\nEventuelt",
                usual_weekday=index % 5,
            )
        )
    with transaction.atomic():
        bulk_create_with_history(structures, MeetingStructure, batch_size=1000)
        structures = list(MeetingStructure.objects.filter(municipality=municipality))
        leader_of = {f"Samarbeidsmøte {service.name}": leaders[service.pk] for service in services}
        for structure in structures:
            structure.leader = leader_of[structure.name]
        for through, seats in (
            (MeetingStructure.members.through, lambda structure: members[structure.leader.service_id]),
            (MeetingStructure.conveners.through, lambda structure: [structure.leader]),
            (MeetingStructure.minute_takers.through, lambda structure: [structure.leader]),
        ):
            through.objects.bulk_create(
                [
                    through(meetingstructure_id=structure.pk, position_id=position.pk)
                    for structure in structures
                    for position in seats(structure)
                ],
                batch_size=5000,
            )
        this_year = timezone.localdate().year if timezone.localdate().month >= 8 else timezone.localdate().year - 1
        zone = timezone.get_current_timezone()
        meetings = []
        for structure in structures:
            for year in range(this_year - years + 1, this_year + 1):
                for day in school_year_dates(structure, year):
                    starts = datetime.combine(day, time(13, 0), tzinfo=zone)
                    past = starts < timezone.now()
                    meetings.append(
                        Meeting(
                            structure=structure,
                            starts_at=starts,
                            ends_at=starts + timedelta(minutes=90),
                            place="Rådhuset",
                            status=Meeting.Status.HELD if past else Meeting.Status.PROPOSED,
                        )
                    )
        bulk_create_with_history(meetings, Meeting, batch_size=2000)
        meetings = list(Meeting.objects.filter(structure__municipality=municipality).select_related("structure"))
        by_structure = {structure.pk: structure for structure in structures}
        invitations, items = [], []
        for meeting in meetings:
            structure = by_structure[meeting.structure_id]
            for position in members[structure.leader.service_id]:
                invitations.append(Invitation(meeting=meeting, person_id=position.holder_id, position=position))
            for order, title in enumerate(structure.standing_items):
                items.append(AgendaItem(meeting=meeting, order=order, kind=AgendaItem.Kind.STANDING, title=title))
        bulk_create_with_history(invitations, Invitation, batch_size=5000)
        bulk_create_with_history(items, AgendaItem, batch_size=5000)
        held = [meeting for meeting in meetings if meeting.status == Meeting.Status.HELD]
        bulk_create_with_history(
            [
                Minutes(
                    meeting=meeting,
                    status=Minutes.Status.APPROVED,
                    approved_at=meeting.ends_at,
                    approved_by_id=by_structure[meeting.structure_id].leader.holder_id,
                )
                for meeting in held
            ],
            Minutes,
            batch_size=5000,
        )
        minutes_by_meeting = {m.meeting_id: m.pk for m in Minutes.objects.filter(meeting__in=[m.pk for m in held])}
        entries = [
            MinutesEntry(
                minutes_id=minutes_by_meeting[item.meeting_id],
                agenda_item=item,
                discussion=rng.choice(DISCUSSIONS),
                decisions=rng.choice(DECISIONS),
            )
            for item in AgendaItem.objects.filter(meeting__in=[m.pk for m in held])
        ]
        bulk_create_with_history(entries, MinutesEntry, batch_size=5000)
        actions = [
            ActionItem(
                structure_id=meeting.structure_id,
                meeting=meeting,
                what="Følge opp rutine",
                owner_person_id=by_structure[meeting.structure_id].leader.holder_id,
                due_on=timezone.localdate(meeting.starts_at) + timedelta(days=30),
                status=ActionItem.Status.OPEN if rng.random() < 0.2 else ActionItem.Status.DONE,
            )
            for meeting in held
        ]
        bulk_create_with_history(actions, ActionItem, batch_size=5000)
    return _large_meeting_counts(municipality)


def _large_meeting_counts(municipality: Municipality) -> dict[str, int]:
    return {
        "structures": MeetingStructure.objects.filter(municipality=municipality).count(),
        "meetings": Meeting.objects.filter(structure__municipality=municipality).count(),
    }
