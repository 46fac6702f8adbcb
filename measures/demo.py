"""Demo catalogues (Hemsedal's from its plan, a small one for Tynset) and the benchmark's large catalogue."""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from measures.arenas import ensure_arenas
from measures.demo_data import (
    FORMER_PARTNER_MEASURES,
    HEMSEDAL_MEASURES,
    HEMSEDAL_PARTNERS,
    TYNSET_MEASURES,
    DemoMeasure,
    DemoPartner,
)
from measures.models import Arena, CataloguePartner, Evaluation, Measure
from organisation.models import Municipality, Position, Service, User

LESSONS = [
    ("Godt oppmøte, og foreldrene ba om flere samlinger.", "Vanskelig å nå fedre.", "continue"),
    ("Tett samarbeid med skolen ga tidlig kontakt.", "Venteliste i perioder.", "adjust"),
    ("Deltakerne meldte at de fikk konkrete verktøy.", "", "continue"),
    ("Tiltaket nådde målgruppen.", "Lite kjent blant minoritetsspråklige familier.", "adjust"),
]


def _evaluator(municipality: Municipality, service: Service) -> User | None:
    seat = (
        Position.objects.filter(service=service, role=Position.Role.SERVICE_LEADER, holder__isnull=False).first()
        or Position.objects.filter(
            municipality=municipality, role=Position.Role.ADMINISTRATOR, holder__isnull=False
        ).first()
    )
    return seat.holder if seat else None


def _build_catalogue(municipality: Municipality, rows: list[DemoMeasure]) -> int:
    services = {service.name: service for service in Service.objects.filter(municipalities=municipality)}
    arenas = {arena.code: arena for arena in Arena.objects.all()}
    today = timezone.localdate()
    created = 0
    for index, row in enumerate(rows):
        existing = Measure.objects.filter(municipality=municipality, name=row.name).first()
        if existing is not None:
            _correct_from_plan(existing, row, services)
            continue
        # Every fifth measure is overdue for evaluation; the others fall due through the coming year.
        overdue = index % 5 == 1
        measure = Measure.objects.create(
            municipality=municipality,
            name=row.name,
            description=row.description,
            target_group=row.target_group,
            age_from=row.age_from,
            age_to=row.age_to,
            level=row.level,
            responsible_service=services[row.responsible],
            programme=row.programme,
            status=row.status,
            status_note=row.status_note,
            is_public=row.public,
            contact_phone="",
            next_evaluation_on=today - timedelta(days=30) if overdue else today + timedelta(days=20 + 7 * index),
        )
        measure.arenas.set([arenas[code] for code in row.arenas])
        measure.partner_services.set([services[name] for name in row.partners])
        created += 1
        evaluator = _evaluator(municipality, measure.responsible_service)
        if evaluator and row.status == Measure.Status.RUNNING and index % 3 == 0:
            worked, did_not, decision = LESSONS[index % len(LESSONS)]
            Evaluation.objects.create(
                measure=measure,
                evaluated_on=measure.next_evaluation_on - timedelta(days=365),
                evaluated_by=evaluator,
                participants="TOG, årlig evaluering av planen",
                reach=12 + 7 * index,
                what_worked=worked,
                what_did_not=did_not,
                decision=decision,
            )
    return created


def _correct_from_plan(measure: Measure, row: DemoMeasure, services: dict[str, Service]) -> None:
    """A demo database made before the catalogue followed the plan's levels and shared responsibility gets
    them now; anything else a user changed stays."""
    if measure.level != row.level or measure.responsible_service.name != row.responsible:
        measure.level = row.level
        measure.responsible_service = services[row.responsible]
        measure.save(update_fields=["level", "responsible_service"])
    wanted = {services[name].pk for name in row.partners}
    if set(measure.partner_services.values_list("pk", flat=True)) != wanted:
        measure.partner_services.set(wanted)


def _build_partners(municipality: Municipality, rows: list[DemoPartner]) -> int:
    """The plan's §11.5 partners, outside the pyramid. Earlier demos had them as measures: those go, unless a
    case refers to one (then it stays, ended)."""
    services = {service.name: service for service in Service.objects.filter(municipalities=municipality)}
    for measure in Measure.objects.filter(municipality=municipality, name__in=FORMER_PARTNER_MEASURES):
        try:
            with transaction.atomic():
                measure.delete()
        except ProtectedError:
            Measure.objects.filter(pk=measure.pk).update(status=Measure.Status.ENDED)
    created = 0
    for order, row in enumerate(rows):
        _, made = CataloguePartner.objects.get_or_create(
            municipality=municipality,
            name=row.name,
            defaults={"description": row.description, "service": services.get(row.service), "order": order},
        )
        created += made
    return created


@transaction.atomic
def build_demo_catalogues() -> dict[str, int]:
    """Create Hemsedal's and Tynset's catalogues and Hemsedal's §11.5 partners (after the organisation demo).
    Safe to run again."""
    ensure_arenas()
    hemsedal = Municipality.objects.get(number="3324")
    tynset = Municipality.objects.get(number="3427")
    return {
        "Hemsedal": _build_catalogue(hemsedal, HEMSEDAL_MEASURES),
        "Tynset": _build_catalogue(tynset, TYNSET_MEASURES),
        "Hemsedal partners": _build_partners(hemsedal, HEMSEDAL_PARTNERS),
    }


def build_large_catalogue(*, municipality: Municipality, measures: int, evaluations_each: int, seed: int = 11):
    """Bulk-create a synthetic catalogue (with history rows) unless the municipality already has one that size."""
    if Measure.objects.filter(municipality=municipality).count() >= measures:
        return
    rng = random.Random(seed)
    services = list(Service.objects.filter(host_municipality=municipality).order_by("pk"))
    evaluator = Position.objects.filter(municipality=municipality, role=Position.Role.ADMINISTRATOR).first().holder
    arenas = list(Arena.objects.all())
    levels = (
        [Measure.Level.HEALTH_PROMOTION] * 3
        + [Measure.Level.UNIVERSAL] * 5
        + [Measure.Level.SELECTIVE] * 3
        + [Measure.Level.INDICATED]
    )
    statuses = [Measure.Status.RUNNING] * 6 + [
        Measure.Status.IN_DEVELOPMENT,
        Measure.Status.PLANNED,
        Measure.Status.ENDED,
    ]
    today = timezone.localdate()
    with transaction.atomic():
        Measure.objects.filter(municipality=municipality).delete()
        batch = []
        for number in range(1, measures + 1):
            age_from = rng.choice([None, 0, 3, 6, 10, 13, 16])
            batch.append(
                Measure(
                    municipality=municipality,
                    name=f"Tiltak {number:04d}",
                    description=f"Syntetisk tiltak nummer {number} for ytelsesmåling.",
                    target_group="Barn og unge",
                    age_from=age_from,
                    age_to=(age_from or 0) + rng.choice([2, 5, 8]),
                    level=rng.choice(levels),
                    responsible_service=services[number % len(services)],
                    status=rng.choice(statuses),
                    is_public=number % 4 != 0,
                    next_evaluation_on=today + timedelta(days=rng.randint(-120, 365)),
                )
            )
        bulk_create_with_history(batch, Measure, batch_size=1000)
        created = list(Measure.objects.filter(municipality=municipality).order_by("pk"))
        Measure.arenas.through.objects.bulk_create(
            [Measure.arenas.through(measure_id=m.pk, arena_id=rng.choice(arenas).pk) for m in created],
            batch_size=5000,
        )
        evaluations = []
        for measure in created:
            day = measure.next_evaluation_on
            for _ in range(evaluations_each):
                day = day - timedelta(days=365)
                worked, did_not, decision = rng.choice(LESSONS)
                evaluations.append(
                    Evaluation(
                        measure=measure,
                        evaluated_on=min(day, today),
                        evaluated_by=evaluator,
                        reach=rng.randint(3, 400),
                        what_worked=worked,
                        what_did_not=did_not,
                        decision=decision,
                    )
                )
        bulk_create_with_history(evaluations, Evaluation, batch_size=2000)


def seed_demo(stdout, *, large: bool, options: dict) -> None:
    """Called by `manage.py seed_demo` after the organisation is in place."""
    created = build_demo_catalogues()
    stdout.write(
        f"Measure catalogues: {created['Hemsedal']} new in Hemsedal (and {created['Hemsedal partners']} partners), "
        f"{created['Tynset']} new in Tynset."
    )
    if large:
        from organisation.demo import LARGE_NUMBER

        municipality = Municipality.objects.get(number=LARGE_NUMBER)
        build_large_catalogue(
            municipality=municipality, measures=options["measures"], evaluations_each=options["evaluations_each"]
        )
        stdout.write(
            f"Large catalogue: {Measure.objects.filter(municipality=municipality).count()} measures, "
            f"{Evaluation.objects.filter(measure__municipality=municipality).count()} evaluations."
        )
