from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from measures.catalogue_csv import CatalogueImport
from measures.models import Evaluation, Measure
from organisation.models import Municipality, User


def next_evaluation_after(day: date, cadence_months: int) -> date:
    return day + relativedelta(months=cadence_months)


@transaction.atomic
def measure_end(*, measure: Measure, ended_on: date | None = None, reason: str = "") -> Measure:
    """Mark the measure as ended (avsluttet). Ending an ended measure changes nothing."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if measure.status == Measure.Status.ENDED:
        return measure
    measure.status = Measure.Status.ENDED
    measure.ended_on = ended_on or timezone.localdate()
    measure._change_reason = reason or "Avsluttet"
    measure.save(update_fields=["status", "ended_on"])
    return measure


@transaction.atomic
def evaluation_record(*, evaluation: Evaluation, measure: Measure, evaluated_by: User) -> Evaluation:
    """Save an evaluation and let its decision update the measure.

    Continue or adjust sets the next evaluation one cadence after this one; stop ends the measure on the
    evaluation's date.
    """
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    evaluation.measure = measure
    evaluation.evaluated_by = evaluated_by
    evaluation.save()
    if evaluation.decision == Evaluation.Decision.STOP:
        measure_end(measure=measure, ended_on=evaluation.evaluated_on, reason="Avsluttet etter evaluering")
        return evaluation
    measure.next_evaluation_on = max(
        measure.next_evaluation_on, next_evaluation_after(evaluation.evaluated_on, measure.evaluation_cadence)
    )
    measure._change_reason = f"Evaluert {evaluation.evaluated_on:%d.%m.%Y}: {evaluation.get_decision_display()}"
    measure.save(update_fields=["next_evaluation_on"])
    return evaluation


@transaction.atomic
def catalogue_import(*, municipality: Municipality, parsed: CatalogueImport) -> list[Measure]:
    """Create every measure of a checked import, or none (the caller checked `parsed.is_valid`)."""
    if not parsed.is_valid:
        raise ValueError("An import with errors must not be saved.")
    next_evaluation = next_evaluation_after(timezone.localdate(), Measure.Cadence.YEARLY)
    created = []
    for row in parsed.rows:
        measure = Measure(
            municipality=municipality,
            name=row.name,
            description=row.description,
            responsible_service=row.responsible,
            status=row.status,
            level=row.level,
            next_evaluation_on=next_evaluation,
        )
        measure._change_reason = "Importert fra CSV"
        measure.save()
        measure.partner_services.set(row.partners)
        created.append(measure)
    return created
