"""Case pages. Every page that shows a child writes its access-log rows before it is rendered, in one
transaction with the rendering: if the log cannot be written, nothing is shown. Every view hides its POST data
from error reports (sensitive_post_parameters): what is typed about a child stays out of logs and e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from cases import services
from cases.access import (
    access_case,
    case_role,
    case_workers,
    grantable_services,
    handover_receivers,
    may_answer_handover,
    registering_services,
    visible_cases,
)
from cases.audit import log_access, log_denied
from cases.forms import (
    CaseMeasureEvaluationForm,
    CaseMeasureForm,
    CasePlanForm,
    CaseSearchForm,
    ChildEditForm,
    ChildForm,
    ChildWelfareReportForm,
    CloseForm,
    ConcernForm,
    GrantForm,
    GuardianEditForm,
    GuardianForm,
    GuardiansContactedForm,
    HandoverForm,
    LevelForm,
    LogEntryForm,
    ReferralAnswerForm,
    ReferralForm,
    ReopenForm,
)
from cases.models import AccessLog, Case, CaseMeasure, Child, Guardian, Handover, LogEntry, Referral, ServiceGrant
from measures.models import Measure
from organisation.access import scope_for
from organisation.models import Municipality, Service

PAGE_SIZE = 50


def _case(request, case_id: int) -> Case:
    """The case, or 404; a refused attempt on a case that exists is logged as denied."""
    try:
        return access_case(request.user, case_id)
    except Http404:
        log_denied(request, case_id)
        raise


def _managed_case(request, case_id: int):
    case = _case(request, case_id)
    role = case_role(request.user, case)
    if not role.may_manage:
        log_denied(request, case_id)
        raise Http404
    return case, role


@login_required
@sensitive_post_parameters()
def case_list(request):
    # A name searched for goes in a POST body, never in the URL, which ends up in logs and browser history.
    if request.method == "POST":
        data = request.POST
    else:
        data = request.GET.copy()
        data.pop("q", None)
    if not scope_for(request.user).service_ids:
        raise Http404  # cases are worked on in services; leadership and administrators have none
    form = CaseSearchForm(data or None)
    cases = visible_cases(request.user).select_related("child", "owning_service", "holder")
    status = "open"
    searching = False
    if form.is_valid():
        status = form.cleaned_data["status"] or "open"
        query = form.cleaned_data["q"].strip()
        if query:
            searching = True
            number = query.removeprefix("#")
            by_number = Q(pk=int(number)) if number.isdigit() and len(number) < 10 else Q()
            cases = cases.filter(Q(child__full_name__icontains=query) | by_number)
        if form.cleaned_data["level"] is not None:
            cases = cases.filter(level=form.cleaned_data["level"])
    if status == "open":
        cases = cases.filter(closed_at__isnull=True)
    elif status == "closed":
        cases = cases.filter(closed_at__isnull=False)
    page = Paginator(cases.order_by("-registered_at", "-pk"), PAGE_SIZE).get_page(
        1 if searching else request.GET.get("side")
    )
    level = form.cleaned_data["level"] if form.is_valid() else None
    query_string = f"status={status}" + (f"&level={level}" if level is not None else "")
    with transaction.atomic():
        log_access(
            request,
            page.object_list,
            action=AccessLog.Action.SEARCH if searching else AccessLog.Action.LIST,
            basis=_("saker du arbeider med"),
        )
        return render(
            request,
            "cases/list.html",
            {"form": form, "page": page, "searching": searching, "query_string": query_string},
        )


@login_required
@sensitive_post_parameters()
def case_register(request):
    service_choices = registering_services(request.user).order_by("name")
    if not service_choices.exists():
        raise Http404  # only people in a service register concerns; leadership and administrators do not
    municipalities = Municipality.objects.filter(services__in=service_choices).distinct()
    schools = Service.objects.serving(municipalities).filter(kind__in=[Service.Kind.SCHOOL, Service.Kind.KINDERGARTEN])
    data = request.POST or None
    child_form = ChildForm(data, prefix="barn", municipalities=municipalities, schools=schools)
    guardian_forms = [
        GuardianForm(data, prefix="foresatt1", required=True),
        GuardianForm(data, prefix="foresatt2"),
    ]
    concern_form = ConcernForm(data, prefix="bekymring", services=service_choices)
    forms_valid = all([child_form.is_valid(), concern_form.is_valid(), *(f.is_valid() for f in guardian_forms)])
    if request.method == "POST" and forms_valid:
        try:
            case = services.concern_register(
                by=request.user,
                service=concern_form.cleaned_data["service"],
                child=child_form.instance,
                guardians=[f.instance for f in guardian_forms if f.is_filled],
                concern=concern_form.instance,
                child_welfare_report_sent_on=concern_form.cleaned_data["child_welfare_report_sent_on"],
                submission_key=concern_form.cleaned_data.get("submission_key"),
            )
        except ValidationError as error:
            target = child_form if "municipality" in getattr(error, "error_dict", {}) else concern_form
            target.add_error(None, error)
        else:
            messages.success(
                request,
                _("Bekymringen er registrert som sak %(number)s. Du har stafettpinnen.") % {"number": case.pk},
            )
            return redirect(case)
    return render(
        request,
        "cases/register.html",
        {"child_form": child_form, "guardian_forms": guardian_forms, "concern_form": concern_form},
    )


@login_required
@sensitive_post_parameters()
@require_GET
def case_detail(request, case_id: int):
    case = _case(request, case_id)
    role = case_role(request.user, case)
    child = (
        Child.objects.select_related("municipality", "school_or_kindergarten")
        .prefetch_related("guardians")
        .get(pk=case.child_id)
    )
    entries = list(
        case.log_entries.select_related("author", "author_service").prefetch_related(
            Prefetch("corrections", queryset=LogEntry.objects.select_related("author"))
        )
    )
    context = {
        "case": case,
        "child": child,
        "role": role,
        "concern": getattr(case, "concern", None),
        "entries": entries,
        "grants": case.grants.filter(ended_at__isnull=True).select_related("service", "granted_by"),
        "waiting_handover": case.handovers.filter(answered_at__isnull=True).select_related("to_user").first(),
        "referrals": case.referrals.select_related("to_service", "follow_up_while_waiting"),
        "measures": case.measures.select_related("owner", "catalogue_measure"),
        "reports": case.child_welfare_reports.select_related("sent_by", "service"),
        "written_kinds": LogEntry.CORRECTABLE_KINDS,
        "today": timezone.localdate(),
    }
    waiting = context["waiting_handover"]
    context["answer_handover"] = waiting if waiting and may_answer_handover(request.user, waiting) else None
    with transaction.atomic():
        log_access(request, [case], action=AccessLog.Action.VIEW, basis=role.basis())
        return render(request, "cases/detail.html", context)


def _case_form(request, case: Case, form, title: str, *, submit: str = "", role=None):
    """A form page about a case. It names the child, so it is logged as a read."""
    role = role or case_role(request.user, case)
    with transaction.atomic():
        log_access(request, [case], action=AccessLog.Action.EDIT, basis=role.basis())
        return render(
            request,
            "cases/case_form.html",
            {"case": case, "form": form, "title": title, "submit": submit or _("Lagre")},
        )


def _apply(form, call) -> bool:
    """Run a service; put its ValidationError on the form (so nothing the user typed is lost)."""
    try:
        call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


@login_required
@sensitive_post_parameters()
def log_entry_add(request, case_id: int):
    return _log_entry_form(request, _case(request, case_id))


@login_required
@sensitive_post_parameters()
def log_entry_correct(request, case_id: int, entry_id: int):
    case = _case(request, case_id)
    entry = case.log_entries.filter(pk=entry_id, kind__in=LogEntry.CORRECTABLE_KINDS).first()
    if entry is None:
        raise Http404
    return _log_entry_form(request, case, correcting=entry)


def _log_entry_form(request, case: Case, *, correcting: LogEntry | None = None):
    """A new line in the stafettlogg, or a correction of one (which stays as it was)."""
    form = LogEntryForm(request.POST or None, correcting=correcting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: services.log_entry_add(
                case=case,
                by=request.user,
                kind=LogEntry.Kind.CORRECTION if correcting else data["kind"],
                occurred_on=data["occurred_on"],
                text=data["text"],
                child_voice=data["child_voice"],
                guardians_voice=data["guardians_voice"],
                corrects=correcting,
                submission_key=data.get("submission_key"),
            ),
        ):
            if correcting:
                messages.success(request, _("Rettelsen er lagret. Den opprinnelige loggføringen står som før."))
            else:
                messages.success(request, _("Loggføringen er lagret."))
            return redirect(f"{case.get_absolute_url()}#logg")
    if correcting:
        title = _("Rett loggføringen fra %(date)s") % {"date": f"{correcting.occurred_on:%d.%m.%Y}"}
    else:
        title = _("Ny loggføring")
    return _case_form(request, case, form, title)


@login_required
@sensitive_post_parameters()
def guardians_contacted(request, case_id: int):
    case = _case(request, case_id)
    form = GuardiansContactedForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.guardians_contacted(case=case, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("Samtalen med foresatte er loggført."))
        return redirect(case)
    return _case_form(request, case, form, _("Samtale med foresatte"))


@login_required
@sensitive_post_parameters()
def level_change(request, case_id: int):
    case, role = _managed_case(request, case_id)
    form = LevelForm(request.POST or None, case=case, grantable=grantable_services(case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not role.may_grant and data["services"]:
            form.add_error("services", _("Bare lederen for den ansvarlige tjenesten kan gi andre tjenester tilgang."))
        elif _apply(
            form,
            lambda: services.level_change(
                case=case,
                by=request.user,
                level=data["level"],
                reason=data["reason"],
                version=data["version"],
                consent_recorded_on=data["consent_recorded_on"],
                consent_note=data["consent_note"],
                services=list(data["services"]),
            ),
        ):
            messages.success(request, _("Saken er nå på %(level)s.") % {"level": Case.Level(data["level"]).label})
            return redirect(case)
    title = _("Beslutt videre arbeid") if case.level == Case.Level.LEVEL_0 else _("Endre nivå")
    return _case_form(request, case, form, title, role=role)


@login_required
@sensitive_post_parameters()
def grant_add(request, case_id: int):
    case, role = _managed_case(request, case_id)
    if not role.may_grant:
        log_denied(request, case_id)
        raise Http404
    form = GrantForm(request.POST or None, grantable=grantable_services(case))
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.grant_add(case=case, by=request.user, **form.cleaned_data))
    ):
        messages.success(
            request, _("%(service)s har fått tilgang til saken.") % {"service": form.cleaned_data["service"]}
        )
        return redirect(case)
    return _case_form(request, case, form, _("Gi en tjeneste tilgang"), role=role)


@login_required
@sensitive_post_parameters()
@require_POST
def grant_end(request, case_id: int, grant_id: int):
    case, role = _managed_case(request, case_id)
    grant = ServiceGrant.objects.filter(case=case, pk=grant_id).select_related("service").first()
    if grant is None or not role.may_grant:
        raise Http404
    services.grant_end(grant=grant, by=request.user)  # already ended (a second click): nothing changes
    messages.success(request, _("%(service)s har ikke lenger tilgang til saken.") % {"service": grant.service})
    return redirect(case)


@login_required
@sensitive_post_parameters()
def handover_request(request, case_id: int):
    case, role = _managed_case(request, case_id)
    form = HandoverForm(request.POST or None, receivers=handover_receivers(case))
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.handover_request(case=case, by=request.user, **form.cleaned_data))
    ):
        messages.success(
            request,
            _("Stafettpinnen er tilbudt %(person)s. Du har den til hen tar imot.")
            % {"person": form.cleaned_data["to_user"]},
        )
        return redirect(case)
    return _case_form(request, case, form, _("Gi stafettpinnen videre"), submit=_("Tilby stafettpinnen"), role=role)


@login_required
@sensitive_post_parameters()
@require_POST
def handover_answer(request, case_id: int, handover_id: int):
    case = _case(request, case_id)
    handover = Handover.objects.filter(case=case, pk=handover_id, to_user=request.user).first()
    if handover is None:
        raise Http404
    if not may_answer_handover(request.user, handover):
        messages.info(request, _("Du har allerede svart på dette tilbudet."))
        return redirect(case)
    accept = request.POST.get("svar") == "ja"
    try:
        services.handover_answer(handover=handover, by=request.user, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(case)
    if accept:
        messages.success(request, _("Du har nå stafettpinnen i sak %(number)s.") % {"number": case.pk})
        return redirect(case)
    messages.success(request, _("Du takket nei. %(person)s har fortsatt stafettpinnen.") % {"person": case.holder})
    return redirect("cases:list")


@login_required
@sensitive_post_parameters()
@require_POST
def handover_withdraw(request, case_id: int, handover_id: int):
    case, _role = _managed_case(request, case_id)
    handover = Handover.objects.filter(case=case, pk=handover_id).first()
    if handover is None:
        raise Http404
    if handover.answered_at is not None:
        messages.info(request, _("Tilbudet er allerede besvart eller trukket."))
        return redirect(case)
    services.handover_withdraw(handover=handover, by=request.user)
    messages.success(request, _("Tilbudet om stafettpinnen er trukket."))
    return redirect(case)


@login_required
@sensitive_post_parameters()
def child_welfare_report_add(request, case_id: int):
    case = _case(request, case_id)
    form = ChildWelfareReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: services.child_welfare_report_add(
                case=case,
                by=request.user,
                sent_on=data["sent_on"],
                note=data["note"],
                submission_key=data.get("submission_key"),
            ),
        ):
            messages.success(request, _("Bekymringsmeldingen er registrert i saken."))
            return redirect(case)
    return _case_form(request, case, form, _("Bekymringsmelding til barnevernet"), submit=_("Registrer"))


@login_required
@sensitive_post_parameters()
def referral_add(request, case_id: int):
    case = _case(request, case_id)
    form = ReferralForm(
        request.POST or None,
        services=Service.objects.exclude(pk=case.owning_service_id)
        .filter(Q(municipalities=case.municipality_id) | Q(is_municipal=False))
        .distinct()
        .order_by("name"),
        followers=case_workers(case).order_by("full_name"),
    )
    if request.method == "POST" and form.is_valid():
        form.instance.submission_key = form.cleaned_data.get("submission_key")
        if _apply(form, lambda: services.referral_add(case=case, by=request.user, referral=form.instance)):
            messages.success(request, _("Henvisningen er registrert."))
            return redirect(case)
    return _case_form(request, case, form, _("Ny henvisning"), submit=_("Registrer henvisningen"))


@login_required
@sensitive_post_parameters()
def referral_answer(request, case_id: int, referral_id: int):
    case = _case(request, case_id)
    referral = Referral.objects.filter(case=case, pk=referral_id).select_related("to_service").first()
    if referral is None:
        raise Http404
    initial = {}
    if referral.answer != Referral.Answer.WAITING:
        initial = {
            "answer": referral.answer,
            "answered_on": referral.answered_on,
            "decline_reason": referral.decline_reason,
            "discharged_on": referral.discharged_on,
            "discharge_note": referral.discharge_note,
        }
    form = ReferralAnswerForm(request.POST or None, initial=initial, case=case)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.referral_answer(referral=referral, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("Svaret fra %(service)s er registrert.") % {"service": referral.to_service})
        return redirect(case)
    return _case_form(request, case, form, _("Svar fra %(service)s") % {"service": referral.to_service})


@login_required
@sensitive_post_parameters()
def case_measure_add(request, case_id: int):
    case = _case(request, case_id)
    form = CaseMeasureForm(
        request.POST or None,
        catalogue=Measure.objects.filter(municipality=case.municipality_id).order_by("name"),
        owners=case_workers(case).order_by("full_name"),
    )
    if request.method == "POST" and form.is_valid():
        form.instance.submission_key = form.cleaned_data.get("submission_key")
        if _apply(form, lambda: services.case_measure_add(case=case, by=request.user, measure=form.instance)):
            messages.success(request, _("Tiltaket er lagt til."))
            return redirect(case)
    return _case_form(request, case, form, _("Nytt tiltak for barnet"))


@login_required
@sensitive_post_parameters()
def case_measure_evaluate(request, case_id: int, measure_id: int):
    case = _case(request, case_id)
    measure = CaseMeasure.objects.filter(case=case, pk=measure_id).first()
    if measure is None:
        raise Http404
    form = CaseMeasureEvaluationForm(request.POST or None, case=case)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.case_measure_evaluate(measure=measure, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("Evalueringen av «%(title)s» er lagret.") % {"title": measure.title})
        return redirect(case)
    return _case_form(request, case, form, _("Evaluer «%(title)s»") % {"title": measure.title})


@login_required
@sensitive_post_parameters()
def child_edit(request, case_id: int):
    case = _case(request, case_id)
    role = case_role(request.user, case)
    child = Child.objects.get(pk=case.child_id)
    municipalities = Municipality.objects.filter(
        Q(pk=child.municipality_id) | Q(services__in=registering_services(request.user))
    ).distinct()
    form = ChildEditForm(
        request.POST or None,
        instance=child,
        case=case,
        may_lower_protection=role.leads_owning_service,
        municipalities=municipalities,
        schools=Service.objects.serving(municipalities.values("pk")).filter(
            kind__in=[Service.Kind.SCHOOL, Service.Kind.KINDERGARTEN]
        ),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.child_update(
                case=case, by=request.user, child=form.instance, version=form.cleaned_data["version"]
            ),
        )
    ):
        messages.success(request, _("Opplysningene om barnet er lagret."))
        return redirect(f"{case.get_absolute_url()}#barnet")
    return _case_form(request, case, form, _("Endre opplysninger om barnet"), role=role)


@login_required
@sensitive_post_parameters()
def guardian_edit(request, case_id: int, guardian_id: int | None = None):
    case = _case(request, case_id)
    guardian = Guardian(child_id=case.child_id)
    if guardian_id is not None:
        guardian = Guardian.objects.filter(child_id=case.child_id, pk=guardian_id).first()
        if guardian is None:
            raise Http404
    form = GuardianEditForm(request.POST or None, instance=guardian, case=case, required=True)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.guardian_save(
                case=case, by=request.user, guardian=form.instance, version=form.cleaned_data["version"]
            ),
        )
    ):
        messages.success(request, _("Opplysningene om den foresatte er lagret."))
        return redirect(f"{case.get_absolute_url()}#barnet")
    title = _("Endre foresatt") if guardian.pk else _("Legg til foresatt")
    return _case_form(request, case, form, title)


@login_required
@sensitive_post_parameters()
def case_plan(request, case_id: int):
    case, role = _managed_case(request, case_id)
    form = CasePlanForm(
        request.POST or None, instance=case, case=case, coordinators=case_workers(case).order_by("full_name")
    )
    if request.method == "POST" and form.is_valid():
        plan = {field: form.cleaned_data[field] for field in services.PLAN_FIELDS}
        fresh = Case.objects.get(pk=case.pk)  # the form wrote the typed values onto `case`; compare with the row
        if _apply(
            form,
            lambda: services.case_plan_save(case=fresh, by=request.user, version=form.cleaned_data["version"], **plan),
        ):
            messages.success(request, _("Mål, plan og koordinering er lagret."))
            return redirect(f"{case.get_absolute_url()}#plan-seksjon")
    return _case_form(request, case, form, _("Barnets mål, plan og koordinering"), role=role)


@login_required
@sensitive_post_parameters()
def case_close(request, case_id: int):
    case, role = _managed_case(request, case_id)
    form = CloseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        closed = []
        if _apply(form, lambda: closed.append(services.case_close(case=case, by=request.user, **form.cleaned_data))):
            if closed[0].holder_id == request.user.pk:
                messages.success(request, _("Sak %(number)s er avsluttet.") % {"number": case.pk})
            else:
                messages.success(
                    request,
                    _("Sak %(number)s er avsluttet. Stafettpinnen gikk tilbake til %(person)s i %(service)s.")
                    % {"number": case.pk, "person": closed[0].holder, "service": case.owning_service},
                )
            if visible_cases(request.user).filter(pk=case.pk).exists():
                return redirect(case)
            return redirect("cases:list")  # closed outside the owning service: it stays there
    return _case_form(request, case, form, _("Avslutt saken"), submit=_("Avslutt saken"), role=role)


@login_required
@sensitive_post_parameters()
def case_reopen(request, case_id: int):
    case, role = _managed_case(request, case_id)
    form = ReopenForm(request.POST or None, case=case)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.case_reopen(case=case, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("Sak %(number)s er åpen igjen.") % {"number": case.pk})
        return redirect(case)
    return _case_form(request, case, form, _("Gjenåpne saken"), submit=_("Gjenåpne"), role=role)
