"""Every write to the measure catalogue. Each service keeps its invariant in one transaction and takes the acting
person as `by`, so django-simple-history records who acted also outside a request (a Celery task, the shell):
its middleware only knows the user of a request, while `instance._history_user` wins everywhere.
Services trust their caller to have checked access (measures.access)."""

from collections.abc import Iterable
from datetime import date

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from measures.catalogue_csv import CatalogueImport
from measures.models import Arena, CataloguePartner, Evaluation, Measure
from organisation.history import acting
from organisation.models import Municipality, Service, User


def next_evaluation_after(day: date, cadence_months: int) -> date:
    return day + relativedelta(months=cadence_months)


def _save_measure(measure: Measure) -> None:
    """Save the measure; if another request took its name in the municipality meanwhile (the form checked before
    that commit), raise the same ValidationError the form gives instead of an IntegrityError (a 500)."""
    try:
        with transaction.atomic():
            measure.save()
    except IntegrityError:
        taken = Measure.objects.filter(municipality_id=measure.municipality_id, name=measure.name)
        if measure.pk:
            taken = taken.exclude(pk=measure.pk)
        if not taken.exists():
            raise
        raise ValidationError(measure.unique_error_message(Measure, ("municipality", "name"))) from None


@transaction.atomic
def measure_create(
    *, measure: Measure, by: User, arenas: Iterable[Arena] = (), partner_services: Iterable[Service] = ()
) -> Measure:
    """Add an unsaved, validated measure to its municipality's catalogue with its arenas and partners, all
    recorded in the history as done by `by`.

    Raises ValidationError if the municipality has a measure of that name, also when a double-clicked «Lagre»
    makes two requests race past the form's check: only one of them creates the measure.
    """
    acting(measure, by)
    _save_measure(measure)
    measure.arenas.set(arenas)
    measure.partner_services.set(partner_services)
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, by: User, arenas: Iterable[Arena], partner_services: Iterable[Service]
) -> Measure:
    """Save the changed fields, arenas and partners of an existing measure, recorded as done by `by`.

    The measure stays in its municipality's catalogue whatever the instance says: moving it would hide it
    from the municipality that owns it. The row is locked so that a concurrent end or evaluation waits.
    Raises ValidationError if another measure of the municipality took the new name meanwhile.
    """
    current = Measure.objects.select_for_update().only("municipality").get(pk=measure.pk)
    measure.municipality_id = current.municipality_id
    acting(measure, by)
    _save_measure(measure)
    measure.arenas.set(arenas)
    measure.partner_services.set(partner_services)
    return measure


@transaction.atomic
def measure_end(*, measure: Measure, by: User, ended_on: date | None = None, reason: str = "") -> Measure:
    """Mark the measure as ended (avsluttet), recorded as done by `by`. Ending an ended measure changes
    nothing."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if measure.status == Measure.Status.ENDED:
        return measure
    acting(measure, by)
    measure.status = Measure.Status.ENDED
    measure.ended_on = ended_on or timezone.localdate()
    measure._change_reason = reason or "Avsluttet"
    measure.save(update_fields=["status", "ended_on"])
    return measure


_EVALUATION_CONTENT = ("participants", "reach", "what_worked", "what_did_not", "decision", "decision_note")


@transaction.atomic
def evaluation_record(*, evaluation: Evaluation, measure: Measure, by: User) -> Evaluation:
    """Save an evaluation registered by `by` and let its decision update the measure, both recorded in the
    history as done by `by`.

    Continue or adjust sets the next evaluation one cadence after this one; stop ends the measure on the
    evaluation's date.

    A measure has at most one evaluation a day. Recording the same evaluation again (a double-clicked «Lagre»,
    a resent form) returns the stored one and changes nothing: the person expects their evaluation saved once
    and to land on the measure, not an error. A different evaluation for a day that already has one raises
    ValidationError naming who registered it: most likely the same meeting registered by two people. A
    one-time form token would catch only the first case.
    """
    # The lock on the measure makes concurrent submits for it take turns, so the check below sees the first
    # one's evaluation; the unique constraint stays the last line of defence.
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    existing = measure.evaluations.select_related("evaluated_by").filter(evaluated_on=evaluation.evaluated_on).first()
    if existing is not None:
        if existing.evaluated_by_id == by.pk and all(
            getattr(existing, name) == getattr(evaluation, name) for name in _EVALUATION_CONTENT
        ):
            return existing
        raise ValidationError(
            {
                "evaluated_on": _(
                    "Tiltaket har allerede en evaluering datert %(date)s, registrert av %(person)s. "
                    "Se den på tiltakets side, eller velg en annen dato."
                )
                % {"date": date_format(existing.evaluated_on, "SHORT_DATE_FORMAT"), "person": existing.evaluated_by}
            }
        )
    evaluation.measure = measure
    evaluation.evaluated_by = by
    acting(evaluation, by)
    evaluation.save()
    if evaluation.decision == Evaluation.Decision.STOP:
        measure_end(measure=measure, by=by, ended_on=evaluation.evaluated_on, reason="Avsluttet etter evaluering")
        return evaluation
    acting(measure, by)
    measure.next_evaluation_on = max(
        measure.next_evaluation_on, next_evaluation_after(evaluation.evaluated_on, measure.evaluation_cadence)
    )
    measure._change_reason = f"Evaluert {evaluation.evaluated_on:%d.%m.%Y}: {evaluation.get_decision_display()}"
    measure.save(update_fields=["next_evaluation_on"])
    return evaluation


IMPORT_BATCH_SIZE = 1000


@transaction.atomic
def catalogue_import(*, municipality: Municipality, parsed: CatalogueImport, by: User) -> list[Measure]:
    """Create every measure of a checked import, or none (the caller checked `parsed.is_valid`), each with a
    history row naming `by` as the importer, also outside a request.

    The rows are written in batches: measures and their history rows with simple-history's
    bulk_create_with_history, then the partners and the partners' history, a few queries per batch of
    IMPORT_BATCH_SIZE whatever the file's size (10,000 rows in a few seconds; one save a row took minutes).
    Raises ValidationError if a measure of the same name was created since the file was checked.
    """
    if not parsed.is_valid:
        raise ValueError("An import with errors must not be saved.")
    next_evaluation = next_evaluation_after(timezone.localdate(), Measure.Cadence.YEARLY)
    measures = [
        Measure(
            municipality=municipality,
            name=row.name,
            description=row.description,
            responsible_service=row.responsible,
            status=row.status,
            level=row.level,
            next_evaluation_on=next_evaluation,
        )
        for row in parsed.rows
    ]
    try:
        with transaction.atomic():
            created = bulk_create_with_history(
                measures,
                Measure,
                batch_size=IMPORT_BATCH_SIZE,
                default_user=by,
                default_change_reason="Importert fra CSV",
            )
    except IntegrityError:
        raise ValidationError(
            _("Et tiltak med samme navn ble lagt inn mens filen ble sjekket. Ingenting er importert; prøv igjen.")
        ) from None
    links = [
        Measure.partner_services.through(measure_id=measure.pk, service_id=service.pk)
        for measure, row in zip(created, parsed.rows, strict=True)
        for service in row.partners
    ]
    if links:
        Measure.partner_services.through.objects.bulk_create(links, batch_size=IMPORT_BATCH_SIZE)
        # The partners belong to the creation's history row, as if the measure had been created with them.
        history_ids = dict(
            Measure.history.filter(id__in={link.measure_id for link in links}, history_type="+").values_list(
                "id", "history_id"
            )
        )
        partner_history = apps.get_model("measures", "HistoricalMeasure_partner_services")
        partner_history.objects.bulk_create(
            [
                partner_history(
                    history_id=history_ids[link.measure_id],
                    id=link.pk,
                    measure_id=link.measure_id,
                    service_id=link.service_id,
                )
                for link in links
            ],
            batch_size=IMPORT_BATCH_SIZE,
        )
    return created


@transaction.atomic
def partner_save(*, partner: CataloguePartner, by: User) -> CataloguePartner:
    """Add or change a partner of the catalogue outside the pyramid. Raises ValidationError when the
    municipality already has a partner by that name, or the linked service does not serve it."""
    if partner.service_id and not partner.service.municipalities.filter(pk=partner.municipality_id).exists():
        raise ValidationError(_("Tjenesten betjener ikke %(name)s.") % {"name": partner.municipality.name})
    same_name = CataloguePartner.objects.filter(municipality=partner.municipality_id, name__iexact=partner.name)
    if same_name.exclude(pk=partner.pk).exists():
        raise ValidationError(_("Kommunen har allerede en samarbeidspartner med dette navnet."))
    acting(partner, by).save()
    return partner


def partner_delete(*, partner: CataloguePartner, by: User) -> None:
    acting(partner, by).delete()
