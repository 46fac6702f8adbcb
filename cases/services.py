"""Every change to a case: each keeps its invariant in one transaction, takes the acting person as `by`, writes
its line in the stafettlogg, and rewrites who sees the case (cases/access.py) when that can change.

The caller has found the case through cases/access.py; the rules about who may do what are checked here again
where a form could be forged (a receiver of the baton, a granted service, a service to register in).
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import (
    acting_service_id,
    case_access_sync,
    case_role,
    grantable_services,
    handover_receivers,
)
from cases.models import (
    Case,
    CaseMeasure,
    Child,
    ChildWelfareReport,
    Concern,
    Guardian,
    Handover,
    LogEntry,
    Referral,
    ServiceGrant,
)
from organisation.access import scope_for
from organisation.history import acting
from organisation.models import Position, Service, User


def _changed(instance, by: User, reason: str = ""):
    acting(instance, by)
    instance._change_reason = reason[:100]
    return instance


def _locked(case: Case, version: int | None = None) -> Case:
    """The case row, locked for this transaction. With `version`, the one the user's form was opened with:
    if someone changed the case meanwhile, say so rather than overwrite their change."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise ValidationError(
            _(
                "Noen andre endret saken mens du hadde skjemaet åpent. Det du skrev er ikke lagret ennå: "
                "se over saken og send skjemaet igjen."
            ),
            code="stale",
        )
    return locked


def _once(model, submission_key, create):
    """Run `create` unless the form with this one-time key was stored already (a double click, a resent
    form): then return what it stored. Two at the very same moment meet in the unique key."""
    if submission_key:
        stored = model.objects.filter(submission_key=submission_key).first()
        if stored is not None:
            return stored
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        stored = model.objects.filter(submission_key=submission_key).first() if submission_key else None
        if stored is None:
            raise
        return stored


def _ensure_open(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("Saken er avsluttet. Gjenåpne den først."), code="closed")


def _save_case(case: Case, by: User, fields: list[str], reason: str) -> None:
    case.version += 1
    _changed(case, by, reason).save(update_fields=[*fields, "version"])


def _log(case: Case, by: User, kind: str, text: str, *, occurred_on: date | None = None, **extra) -> LogEntry:
    entry = LogEntry(
        case=case,
        kind=kind,
        occurred_on=occurred_on or timezone.localdate(),
        text=text,
        author=by,
        author_service_id=acting_service_id(by, case),
        **extra,
    )
    _changed(entry, by).save()
    return entry


@transaction.atomic
def concern_register(
    *,
    by: User,
    service: Service,
    child: Child,
    guardians: list[Guardian],
    concern: Concern,
    child_welfare_report_sent_on: date | None = None,
    submission_key=None,
) -> Case:
    """Register a concern (BTI level 0): the child, the guardians, the hendelsesskjema. `by` holds the baton;
    the guardians and the decision get their deadlines."""
    return _once(
        Case,
        submission_key,
        lambda: _concern_register(by, service, child, guardians, concern, child_welfare_report_sent_on, submission_key),
    )


def _concern_register(by, service, child, guardians, concern, child_welfare_report_sent_on, submission_key) -> Case:
    if service.pk not in scope_for(by).service_ids:
        raise ValidationError({"service": _("Du kan bare registrere en bekymring i en tjeneste der du arbeider.")})
    if not service.municipalities.filter(pk=child.municipality_id).exists():
        raise ValidationError({"municipality": _("%(service)s betjener ikke barnets kommune.") % {"service": service}})
    today = timezone.localdate()
    if child.pk is None:
        _changed(child, by, "registrert").save()
        for guardian in guardians:
            guardian.child = child
            _changed(guardian, by).save()
    case = Case(
        child=child,
        municipality=child.municipality,
        owning_service=service,
        registered_by=by,
        holder=by,
        level=Case.Level.LEVEL_0,
        guardians_contact_due=today + timedelta(days=settings.CASE_GUARDIANS_CONTACT_DAYS),
        decision_due=today + timedelta(days=settings.CASE_DECISION_DAYS),
        submission_key=submission_key,
    )
    if concern.guardians_contacted == Concern.GuardiansContacted.YES:
        case.guardians_contacted_on = today
    _changed(case, by, "bekymring registrert").save()
    concern.case = case
    _changed(concern, by).save()
    case_access_sync(case)
    _log(
        case,
        by,
        LogEntry.Kind.CONCERN,
        concern.event,
        occurred_on=concern.observed_at.date(),
        child_voice=concern.child_voice,
    )
    if child_welfare_report_sent_on:
        _report(case, by, child_welfare_report_sent_on, "")
    return case


@transaction.atomic
def guardians_contacted(
    *, case: Case, by: User, contacted_on: date, text: str, guardians_voice: str = "", child_voice: str = ""
) -> Case:
    case = _locked(case)
    _ensure_open(case)
    _log(
        case,
        by,
        LogEntry.Kind.GUARDIANS_CONTACTED,
        text,
        occurred_on=contacted_on,
        guardians_voice=guardians_voice,
        child_voice=child_voice,
    )
    if case.guardians_contacted_on is None:
        case.guardians_contacted_on = contacted_on
        _save_case(case, by, ["guardians_contacted_on"], "foresatte kontaktet")
    return case


@transaction.atomic
def log_entry_add(
    *,
    case: Case,
    by: User,
    kind: str,
    occurred_on: date,
    text: str,
    child_voice: str = "",
    guardians_voice: str = "",
    corrects: LogEntry | None = None,
    submission_key=None,
) -> LogEntry:
    """Add a line to the stafettlogg, or a correction of an earlier line (which stays as it was)."""
    return _once(
        LogEntry,
        submission_key,
        lambda: _log_entry_add(
            case, by, kind, occurred_on, text, child_voice, guardians_voice, corrects, submission_key
        ),
    )


def _log_entry_add(case, by, kind, occurred_on, text, child_voice, guardians_voice, corrects, submission_key):
    case = _locked(case)
    _ensure_open(case)
    if corrects is not None:
        if corrects.case_id != case.pk or corrects.kind not in LogEntry.CORRECTABLE_KINDS:
            raise ValidationError(_("Bare det som er skrevet for hånd i loggen i denne saken, kan rettes."))
        kind = LogEntry.Kind.CORRECTION
    elif kind not in LogEntry.WRITTEN_KINDS:
        raise ValidationError({"kind": _("Velg en type loggføring fra listen.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("Datoen kan ikke være fram i tid.")})
    return _log(
        case,
        by,
        kind,
        text,
        occurred_on=occurred_on,
        child_voice=child_voice,
        guardians_voice=guardians_voice,
        corrects=corrects,
        submission_key=submission_key,
    )


@transaction.atomic
def level_change(
    *,
    case: Case,
    by: User,
    level: int,
    reason: str,
    version: int,
    consent_recorded_on: date | None = None,
    consent_note: str = "",
    services: list[Service] = (),
) -> Case:
    """Move the case to `level` (up or down), with a reason. A decision at level 0 is a level change too.

    Going up to level 2 or 3 from below needs the guardians' consent given for it (when, and who consented to
    what), recorded on the case; `services` are let in on it at once. Going below level 2 ends every service's
    access: going up again needs consent again, so an old consent never silently lets a service back in."""
    case = _locked(case, version)
    _ensure_open(case)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor nivået endres.")})
    if level == case.level:
        raise ValidationError({"level": _("Saken er allerede på dette nivået.")})
    fields = ["level"]
    if level >= Case.Level.LEVEL_2 and case.level < Case.Level.LEVEL_2:
        if not consent_recorded_on or not consent_note.strip():
            raise ValidationError(
                {
                    "consent_note": _(
                        "På nivå 2 og 3 deler tjenestene opplysninger om barnet. Registrer samtykket fra de "
                        "foresatte først: når det ble gitt, og hvem som samtykket til hva."
                    )
                }
            )
        case.consent_recorded_on, case.consent_note = consent_recorded_on, consent_note.strip()
        fields += ["consent_recorded_on", "consent_note"]
    ending = []
    if level < Case.Level.LEVEL_2:
        ending = list(case.grants.filter(ended_at__isnull=True).select_related("service"))
        _refuse_if_baton_left_behind(case, ending_service_ids={grant.service_id for grant in ending})
    before = case.get_level_display()
    case.level = level
    if case.decided_on is None:
        case.decided_on = timezone.localdate()
        fields.append("decided_on")
    _save_case(case, by, fields, "nivå endret")
    _log(
        case,
        by,
        LogEntry.Kind.LEVEL_CHANGE,
        _("Fra %(before)s til %(after)s. Begrunnelse: %(reason)s")
        % {"before": before, "after": case.get_level_display(), "reason": reason},
    )
    for grant in ending:
        _end_grant(case, grant, by)
    for service in services:
        _grant(case, by, service, case.consent_note)
    case_access_sync(case)
    return case


def _refuse_if_baton_left_behind(case: Case, *, ending_service_ids: set[int]) -> None:
    """The stafettholder and the barnekoordinator must keep working on the case: refuse to end the access of the
    only service through which one of them does, and say what to do first."""
    if not ending_service_ids:
        return
    staying = {case.owning_service_id} | set(
        case.grants.filter(ended_at__isnull=True)
        .exclude(service_id__in=ending_service_ids)
        .values_list("service_id", flat=True)
    )
    for person, what in ((case.holder, _("stafettholderen")), (case.child_coordinator, _("barnekoordinatoren"))):
        if person is None:
            continue
        works_in = set(Position.objects.held_by(person).in_service().values_list("service_id", flat=True))
        if works_in & ending_service_ids and not works_in & staying:
            raise ValidationError(
                _(
                    "%(person)s er %(what)s og arbeider i en tjeneste som da mister tilgangen. Gi stafettpinnen "
                    "eller rollen til noen i en tjeneste som fortsatt arbeider med saken først."
                )
                % {"person": person, "what": what}
            )


def _end_grant(case: Case, grant: ServiceGrant, by: User) -> None:
    grant.ended_at = timezone.now()
    grant.ended_by = by
    _changed(grant, by, "tilgang avsluttet").save(update_fields=["ended_at", "ended_by"])
    _log(
        case, by, LogEntry.Kind.GRANT, _("%(service)s har ikke lenger tilgang til saken.") % {"service": grant.service}
    )


def _grant(case: Case, by: User, service: Service, consent_basis: str) -> ServiceGrant:
    if not grantable_services(case).filter(pk=service.pk).exists():
        raise ValidationError({"service": _("%(service)s kan ikke få tilgang til denne saken.") % {"service": service}})
    grant = ServiceGrant(case=case, service=service, consent_basis=consent_basis, granted_by=by)
    _changed(grant, by, "tilgang gitt").save()
    _log(
        case,
        by,
        LogEntry.Kind.GRANT,
        _("%(service)s fikk tilgang til saken. Samtykke: %(basis)s") % {"service": service, "basis": consent_basis},
    )
    return grant


@transaction.atomic
def grant_add(*, case: Case, by: User, service: Service, consent_basis: str) -> ServiceGrant:
    """Let one more service work on the case (level 2 and 3), on the consent recorded."""
    case = _locked(case)
    _ensure_open(case)
    if case.level < Case.Level.LEVEL_2:
        raise ValidationError(_("Andre tjenester får tilgang først når saken er på nivå 2 eller 3."))
    if not consent_basis.strip():
        raise ValidationError({"consent_basis": _("Skriv hvilket samtykke tilgangen bygger på.")})
    grant = _grant(case, by, service, consent_basis.strip())
    _save_case(case, by, [], "tilgang gitt")
    case_access_sync(case)
    return grant


@transaction.atomic
def grant_end(*, grant: ServiceGrant, by: User) -> ServiceGrant:
    case = _locked(grant.case)
    grant = ServiceGrant.objects.select_for_update().select_related("service").get(pk=grant.pk)
    if grant.ended_at is not None:
        return grant
    _refuse_if_baton_left_behind(case, ending_service_ids={grant.service_id})
    _end_grant(case, grant, by)
    _save_case(case, by, [], "tilgang avsluttet")
    case_access_sync(case)
    return grant


@transaction.atomic
def handover_request(*, case: Case, by: User, to_user: User, note: str = "") -> Handover:
    """Offer the baton to `to_user`. The sender keeps it until the receiver accepts."""
    case = _locked(case)
    _ensure_open(case)
    if not handover_receivers(case).filter(pk=to_user.pk).exists():
        raise ValidationError(
            {
                "to_user": _(
                    "%(person)s kan ikke ta imot stafettpinnen: mottakeren må arbeide i den ansvarlige tjenesten "
                    "eller, på nivå 2 og 3, i en tjeneste som har tilgang til saken."
                )
                % {"person": to_user}
            }
        )
    if case.handovers.filter(answered_at__isnull=True).exists():
        raise ValidationError(_("Stafettpinnen er allerede tilbudt noen. Vent på svaret eller trekk tilbudet."))
    handover = Handover(case=case, from_user=case.holder, to_user=to_user, note=note.strip())
    _changed(handover, by, "overlevering tilbudt").save()
    _log(case, by, LogEntry.Kind.HANDOVER, _("Stafettpinnen er tilbudt %(person)s.") % {"person": to_user})
    _save_case(case, by, [], "overlevering tilbudt")
    return handover


@transaction.atomic
def handover_answer(*, handover: Handover, by: User, accept: bool) -> Handover:
    """The receiver takes the baton (and with it the case's access) or declines it."""
    case = _locked(handover.case)
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if handover.answered_at is not None or handover.to_user_id != by.pk:
        raise ValidationError(_("Denne overleveringen er allerede besvart."))
    if accept and not handover_receivers(case).filter(pk=by.pk).exists():
        raise ValidationError(_("Du kan ikke ta imot stafettpinnen i denne saken lenger."))
    handover.answered_at = timezone.now()
    handover.accepted = accept
    _changed(handover, by, "overlevering besvart").save(update_fields=["answered_at", "accepted"])
    if accept:
        case.holder = by
        _save_case(case, by, ["holder"], "ny stafettholder")
        _log(case, by, LogEntry.Kind.HANDOVER, _("%(person)s tok imot stafettpinnen.") % {"person": by})
        case_access_sync(case)
    else:
        _save_case(case, by, [], "overlevering avslått")
        _log(case, by, LogEntry.Kind.HANDOVER, _("%(person)s takket nei til stafettpinnen.") % {"person": by})
    return handover


@transaction.atomic
def handover_withdraw(*, handover: Handover, by: User) -> None:
    case = _locked(handover.case)
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if handover.answered_at is not None:
        return
    handover.answered_at = timezone.now()
    handover.accepted = False
    _changed(handover, by, "overlevering trukket").save(update_fields=["answered_at", "accepted"])
    _log(case, by, LogEntry.Kind.HANDOVER, _("Tilbudet om stafettpinnen er trukket."))
    _save_case(case, by, [], "overlevering trukket")


def _report(case: Case, by: User, sent_on: date, note: str, submission_key=None) -> ChildWelfareReport:
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("Datoen kan ikke være fram i tid.")})
    report = ChildWelfareReport(
        case=case,
        sent_on=sent_on,
        sent_by=by,
        service_id=acting_service_id(by, case),
        note=note.strip(),
        submission_key=submission_key,
    )
    _changed(report, by).save()
    _log(
        case,
        by,
        LogEntry.Kind.CHILD_WELFARE_REPORT,
        _("Bekymringsmelding sendt til barnevernet av %(person)s.") % {"person": by}
        + (f" {report.note}" if report.note else ""),
        occurred_on=sent_on,
    )
    return report


@transaction.atomic
def child_welfare_report_add(
    *, case: Case, by: User, sent_on: date, note: str = "", submission_key=None
) -> ChildWelfareReport:
    """Record that a bekymringsmelding was sent: at any level, without consent, also on a closed case."""
    return _once(ChildWelfareReport, submission_key, lambda: _report(_locked(case), by, sent_on, note, submission_key))


@transaction.atomic
def referral_add(*, case: Case, by: User, referral: Referral) -> Referral:
    """Send a referral (its form's one-time key in `referral.submission_key`)."""
    return _once(Referral, referral.submission_key, lambda: _referral_add(case, by, referral))


def _referral_add(case: Case, by: User, referral: Referral) -> Referral:
    case = _locked(case)
    _ensure_open(case)
    if referral.to_service_id == case.owning_service_id:
        raise ValidationError({"to_service": _("Saken kan ikke henvises til den tjenesten som har den.")})
    referral.case = case
    referral.sent_by = by
    _changed(referral, by, "henvisning sendt").save()
    _log(
        case,
        by,
        LogEntry.Kind.REFERRAL,
        _("Henvist til %(service)s. %(reason)s Følger opp mens barnet venter: %(person)s.")
        % {"service": referral.to_service, "reason": referral.reason, "person": referral.follow_up_while_waiting},
        occurred_on=referral.sent_on,
    )
    return referral


@transaction.atomic
def referral_answer(
    *,
    referral: Referral,
    by: User,
    answer: str,
    answered_on: date,
    decline_reason: str = "",
    discharged_on: date | None = None,
    discharge_note: str = "",
    version: int | None = None,
) -> Referral:
    """Record the answer to a referral, and later the discharge (BUP's epikrise), which reaches the services that
    follow up through the log. The case stays open: the municipality is the anchor."""
    case = _locked(referral.case, version)
    _ensure_open(case)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if answer == Referral.Answer.DECLINED and not decline_reason.strip():
        raise ValidationError({"decline_reason": _("Skriv begrunnelsen for avslaget.")})
    if answer == Referral.Answer.WAITING:
        raise ValidationError({"answer": _("Velg om henvisningen er tatt imot eller avslått.")})
    if answered_on < referral.sent_on:
        raise ValidationError({"answered_on": _("Svaret kan ikke komme før henvisningen ble sendt.")})
    if discharged_on and answer != Referral.Answer.ACCEPTED:
        raise ValidationError({"discharged_on": _("Bare en henvisning som er tatt imot, kan avsluttes der.")})
    text_before = (referral.answer, referral.discharged_on)
    referral.answer = answer
    referral.answered_on = answered_on
    referral.decline_reason = decline_reason.strip()
    referral.discharged_on = discharged_on
    referral.discharge_note = discharge_note.strip()
    _changed(referral, by, "svar på henvisning").save()
    if text_before[0] != answer:
        if answer == Referral.Answer.DECLINED:
            text = _("%(service)s ga avslag: %(reason)s") % {"service": referral.to_service, "reason": decline_reason}
        else:
            text = _("%(service)s tok imot henvisningen etter %(days)s dager.") % {
                "service": referral.to_service,
                "days": referral.waiting_days,
            }
        _log(case, by, LogEntry.Kind.REFERRAL, text, occurred_on=answered_on)
    if discharged_on and text_before[1] != discharged_on:
        _log(
            case,
            by,
            LogEntry.Kind.REFERRAL,
            _("Avsluttet i %(service)s. %(note)s") % {"service": referral.to_service, "note": referral.discharge_note},
            occurred_on=discharged_on,
        )
    _save_case(case, by, [], "svar på henvisning")
    return referral


@transaction.atomic
def case_measure_add(*, case: Case, by: User, measure: CaseMeasure) -> CaseMeasure:
    """Start a measure for the child (its form's one-time key in `measure.submission_key`)."""
    return _once(CaseMeasure, measure.submission_key, lambda: _case_measure_add(case, by, measure))


def _case_measure_add(case: Case, by: User, measure: CaseMeasure) -> CaseMeasure:
    case = _locked(case)
    _ensure_open(case)
    if measure.catalogue_measure_id and measure.catalogue_measure.municipality_id != case.municipality_id:
        raise ValidationError({"catalogue_measure": _("Velg et tiltak fra kommunens egen tiltakskatalog.")})
    if not measure.title and measure.catalogue_measure_id:
        measure.title = measure.catalogue_measure.name
    if measure.evaluate_on < measure.starts_on:
        raise ValidationError({"evaluate_on": _("Evalueringen kan ikke være før tiltaket starter.")})
    measure.case = case
    _changed(measure, by, "tiltak startet").save()
    _log(
        case,
        by,
        LogEntry.Kind.MEASURE,
        _("Tiltak: %(title)s. Ansvarlig: %(owner)s. Evalueres %(date)s.")
        % {"title": measure.title, "owner": measure.owner, "date": f"{measure.evaluate_on:%d.%m.%Y}"},
        occurred_on=measure.starts_on,
    )
    return measure


@transaction.atomic
def case_measure_evaluate(
    *,
    measure: CaseMeasure,
    by: User,
    evaluated_on: date,
    evaluation: str,
    decision: str,
    next_evaluate_on: date | None = None,
    version: int | None = None,
) -> CaseMeasure:
    case = _locked(measure.case, version)
    _ensure_open(case)
    measure = CaseMeasure.objects.select_for_update().get(pk=measure.pk)
    if not evaluation.strip():
        raise ValidationError({"evaluation": _("Skriv hva evalueringen viste.")})
    if decision != CaseMeasure.Decision.END and not next_evaluate_on:
        raise ValidationError({"next_evaluate_on": _("Sett en ny evalueringsdato når tiltaket fortsetter.")})
    measure.evaluated_on = evaluated_on
    measure.evaluation = evaluation.strip()
    measure.decision = decision
    fields = ["evaluated_on", "evaluation", "decision"]
    if decision == CaseMeasure.Decision.END:
        measure.ends_on = evaluated_on
        fields.append("ends_on")
    elif next_evaluate_on:
        measure.evaluate_on = next_evaluate_on
        fields.append("evaluate_on")
    _changed(measure, by, "tiltak evaluert").save(update_fields=fields)
    _save_case(case, by, [], "tiltak evaluert")
    _log(
        case,
        by,
        LogEntry.Kind.MEASURE_EVALUATED,
        _("%(title)s evaluert: %(evaluation)s Beslutning: %(decision)s.")
        % {"title": measure.title, "evaluation": measure.evaluation, "decision": measure.get_decision_display()},
        occurred_on=evaluated_on,
    )
    return measure


@transaction.atomic
def child_update(*, case: Case, by: User, child: Child, version: int) -> Child:
    """Save changed details about the child (the caller's form holds them on `child`), noted in the case's log.
    Only the owning service's leader lifts or lowers an address protection."""
    case = _locked(case, version)
    _ensure_open(case)
    if not child.cases.filter(pk=case.pk).exists():
        raise ValidationError(_("Barnet hører ikke til denne saken."))
    before = Child.objects.get(pk=child.pk)
    rank = {value: index for index, value in enumerate(Child.AddressProtection.values)}
    lowered = rank[child.address_protection] < rank[before.address_protection]
    if lowered and not case_role(by, case).leads_owning_service:
        raise ValidationError(
            {
                "address_protection": _(
                    "Bare lederen for den ansvarlige tjenesten kan oppheve eller senke en adressesperre."
                )
            }
        )
    changed = [
        field.name
        for field in Child._meta.concrete_fields
        if getattr(before, field.attname) != getattr(child, field.attname)
    ]
    if not changed:
        return child
    _changed(child, by, "opplysninger endret").save(update_fields=changed)
    _save_case(case, by, [], "opplysninger om barnet endret")
    labels = ", ".join(str(Child._meta.get_field(name).verbose_name) for name in changed)
    _log(case, by, LogEntry.Kind.OBSERVATION, _("Opplysninger om barnet er endret: %(fields)s.") % {"fields": labels})
    return child


@transaction.atomic
def guardian_save(*, case: Case, by: User, guardian: Guardian, version: int) -> Guardian:
    """Add a guardian to the child of `case`, or save changes to one of them."""
    case = _locked(case, version)
    _ensure_open(case)
    if guardian.pk and guardian.child_id != case.child_id:
        raise ValidationError(_("Den foresatte hører ikke til barnet i denne saken."))
    adding = guardian.pk is None
    guardian.child_id = case.child_id
    _changed(guardian, by, "foresatt lagt til" if adding else "foresatt endret").save()
    _save_case(case, by, [], "foresatt lagret")
    text = _("%(name)s er lagt til som foresatt.") if adding else _("Opplysningene om %(name)s er endret.")
    _log(case, by, LogEntry.Kind.OBSERVATION, text % {"name": guardian.full_name})
    return guardian


PLAN_FIELDS = (
    "child_goals",
    "has_right_to_child_coordinator",
    "child_coordinator",
    "individual_plan_started_on",
    "responsibility_group",
)


@transaction.atomic
def case_plan_save(*, case: Case, by: User, version: int, **plan) -> Case:
    """The child's own goals and, at level 3, the barnekoordinator, the individuell plan and the ansvarsgruppe."""
    case = _locked(case, version)
    _ensure_open(case)
    coordinator = plan.get("child_coordinator")
    if (
        coordinator is not None
        and coordinator.pk != case.holder_id
        and not handover_receivers(case).filter(pk=coordinator.pk).exists()
    ):
        raise ValidationError(
            {"child_coordinator": _("Barnekoordinatoren må arbeide i en tjeneste som har tilgang til saken.")}
        )
    changed = [field for field in PLAN_FIELDS if getattr(case, field) != plan.get(field)]
    if not changed:
        return case
    for field in changed:
        setattr(case, field, plan.get(field))
    _save_case(case, by, changed, "plan og koordinering")
    labels = ", ".join(str(Case._meta.get_field(field).verbose_name) for field in changed)
    _log(case, by, LogEntry.Kind.PLAN, _("Oppdatert: %(fields)s.") % {"fields": labels})
    return case


def _works_in(person: User, service_id: int) -> bool:
    return person.is_active and Position.objects.held_by(person).filter(service_id=service_id).exists()


def _keeper_in_owning_service(case: Case) -> User:
    """Who takes the baton back when the case closes outside the owning service: the last holder there (the one
    who handed it on), else the person who registered the concern, else the service's leader."""
    earlier = [
        handover.from_user
        for handover in case.handovers.filter(accepted=True).select_related("from_user").order_by("-answered_at")
    ]
    leaders = User.objects.filter(
        positions__service_id=case.owning_service_id, positions__role=Position.Role.SERVICE_LEADER, is_active=True
    ).order_by("pk")
    for person in [*earlier, case.registered_by, *leaders]:
        if _works_in(person, case.owning_service_id):
            return person
    raise ValidationError(
        _("Ingen i %(service)s kan ta imot stafettpinnen når saken avsluttes. Gi den til noen der først.")
        % {"service": case.owning_service}
    )


@transaction.atomic
def case_close(*, case: Case, by: User, reason: str, note: str, version: int, moved_to: str = "") -> Case:
    case = _locked(case, version)
    _ensure_open(case)
    if reason not in Case.ClosureReason.values:
        raise ValidationError({"reason": _("Velg hvorfor saken avsluttes.")})
    if reason == Case.ClosureReason.MOVED and not moved_to.strip():
        raise ValidationError({"moved_to": _("Skriv hvilken kommune barnet har flyttet til.")})
    waiting = case.handovers.filter(answered_at__isnull=True).first()
    if waiting:
        handover_withdraw(handover=waiting, by=by)
        case.refresh_from_db()
    # A closed case is shared with nobody: the services let in on consent leave with the closure, and the baton
    # goes back to the owning service, which keeps the case (to be reopened, maybe years later).
    for grant in case.grants.filter(ended_at__isnull=True).select_related("service"):
        _end_grant(case, grant, by)
    fields = ["closed_at", "closure_reason", "moved_to"]
    if not _works_in(case.holder, case.owning_service_id):
        case.holder = _keeper_in_owning_service(case)
        fields.append("holder")
    if case.child_coordinator_id and not _works_in(case.child_coordinator, case.owning_service_id):
        case.child_coordinator = None
        fields.append("child_coordinator")
    case.closed_at = timezone.now()
    case.closure_reason = reason
    case.moved_to = moved_to.strip() if reason == Case.ClosureReason.MOVED else ""
    if case.decided_on is None:
        case.decided_on = timezone.localdate()
        fields.append("decided_on")
    _save_case(case, by, fields, "avsluttet")
    text = str(Case.ClosureReason(reason).label)
    if case.moved_to:
        text += f" ({case.moved_to})"
    if "holder" in fields:
        text += ". " + _("Stafettpinnen gikk tilbake til %(person)s i %(service)s") % {
            "person": case.holder,
            "service": case.owning_service,
        }
    _log(case, by, LogEntry.Kind.CLOSED, f"{text}. {note.strip()}".strip())
    case_access_sync(case)
    return case


@transaction.atomic
def case_reopen(*, case: Case, by: User, reason: str, version: int) -> Case:
    """Open a closed case again, at the level it closed at (the "Tanja" story: years later)."""
    case = _locked(case, version)
    if not case.is_closed:
        raise ValidationError(_("Saken er ikke avsluttet."))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor saken gjenåpnes.")})
    case.closed_at = None
    case.closure_reason = ""
    case.moved_to = ""
    _save_case(case, by, ["closed_at", "closure_reason", "moved_to"], "gjenåpnet")
    _log(case, by, LogEntry.Kind.REOPENED, reason.strip())
    return case
