import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reports.access import (
    access_report,
    access_report_municipality,
    chosen_report_municipality,
    report_municipalities,
)
from reports.forms import CompetenceForm, IndicatorForm, ReportRequestForm, ReportTextForm
from reports.models import AnnualReport, Competence, Indicator, PeriodKind, ReportText, period_label
from reports.selectors import report_context
from reports.services import (
    competence_add,
    competence_change,
    competence_delete,
    evaluation_meetings,
    indicator_add,
    indicator_change,
    indicator_delete,
    period_error,
    report_attach_to_meeting,
    report_request,
    report_retry,
    report_text_save,
)

HISTORY_SHOWN = 50
MEETINGS_OFFERED = 20


def _period_or_404(kind: str, year: int) -> None:
    if kind not in PeriodKind.values or period_error(kind, year):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def report_index(request):
    """Ask for the report of a period, and the reports made before (kept unchanged, each with its checksum)."""
    municipality = chosen_report_municipality(request.user, request.GET.get("kommune", ""))
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report, created = report_request(
                municipality=municipality,
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not created:
                messages.success(request, _("Rapporten for denne perioden lages allerede. Du ser den her."))
            return redirect("reports:report-detail", report_id=report.pk)
    reports = (
        AnnualReport.objects.filter(municipality=municipality)
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")[:HISTORY_SHOWN]
    )
    return render(
        request,
        "reports/index.html",
        {
            "municipality": municipality,
            "municipalities": report_municipalities(request.user),
            "form": form,
            "reports": reports,
            "periods": _recent_periods(form),
        },
    )


def _recent_periods(form) -> list[dict]:
    """The periods offered for preview and text parts: last and this calendar year and school year."""
    year = form.fields["year"].max_value
    periods = []
    for kind, offset in ((PeriodKind.CALENDAR, 1), (PeriodKind.SCHOOL, 1), (PeriodKind.CALENDAR, 0)):
        if not period_error(kind, year - offset):
            periods.append({"kind": kind, "year": year - offset, "label": period_label(kind, year - offset)})
    school_now = year if not period_error(PeriodKind.SCHOOL, year) else None
    if school_now:
        periods.append({"kind": PeriodKind.SCHOOL, "year": year, "label": period_label(PeriodKind.SCHOOL, year)})
    return periods


@login_required
@require_GET
def report_detail(request, report_id: int):
    """A report's state: queued, being made, ready (download) or failed (why, and retry). While it is queued
    or being made, htmx asks for the status fragment every two seconds; without JavaScript a link reloads."""
    report = access_report(request.user, report_id)
    meetings = []
    if report.status == AnnualReport.Status.READY:
        meetings = list(evaluation_meetings(report.municipality)[:MEETINGS_OFFERED])
    context = {"report": report, "meetings": meetings}
    if request.headers.get("HX-Request"):
        return render(request, "reports/detail.html#status", context)
    return render(request, "reports/detail.html", context)


@login_required
@require_GET
def report_download(request, report_id: int):
    report = access_report(request.user, report_id)
    if report.status != AnnualReport.Status.READY:
        return redirect("reports:report-detail", report_id=report.pk)
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"arsrapport-{report.municipality.number}-{report.period_label.replace('/', '-')}-{report.pk}.pdf",
        content_type="application/pdf",
    )
    response["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(report.sha256)).decode()}:"
    return response


@login_required
@require_POST
def report_retry_view(request, report_id: int):
    report = access_report(request.user, report_id)
    if report_retry(report=report, by=request.user).status == AnnualReport.Status.QUEUED:
        messages.success(request, _("Rapporten lages på nytt."))
    return redirect("reports:report-detail", report_id=report.pk)


@login_required
@require_GET
def report_preview(request, municipality_id: int, kind: str, year: int):
    """The report as HTML, from the same templates and the same queries as the PDF."""
    municipality = access_report_municipality(request.user, municipality_id)
    _period_or_404(kind, year)
    return render(request, "reports/preview.html", report_context(municipality, kind, year))


@login_required
@require_http_methods(["GET", "POST"])
def report_texts(request, municipality_id: int, kind: str, year: int):
    """The text parts of one period's report, written before it is built."""
    municipality = access_report_municipality(request.user, municipality_id)
    _period_or_404(kind, year)
    instance = ReportText.objects.filter(municipality=municipality, kind=kind, year=year).first()
    form = ReportTextForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        report_text_save(
            municipality=municipality,
            kind=kind,
            year=year,
            parts={name: form.cleaned_data[name] for name in ReportText.PARTS},
            by=request.user,
        )
        messages.success(request, _("Tekstene er lagret."))
        return redirect(f"{reverse('reports:report-index')}?kommune={municipality.pk}")
    return render(
        request,
        "reports/texts.html",
        {
            "form": form,
            "municipality": municipality,
            "label": period_label(kind, year),
            "title": _("Tekster til årsrapporten for %(name)s %(label)s")
            % {"name": municipality.name, "label": period_label(kind, year)},
            "cancel": f"{reverse('reports:report-index')}?kommune={municipality.pk}",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_data(request, municipality_id: int):
    """The indicators (section 3) and the competence (section 9) the report reads, kept per municipality and
    entered here by its leadership or administrators."""
    municipality = access_report_municipality(request.user, municipality_id)
    which = request.POST.get("skjema") if request.method == "POST" else None
    indicator_form = IndicatorForm(request.POST if which == "indikator" else None)
    competence_form = CompetenceForm(request.POST if which == "kompetanse" else None, municipality=municipality)
    form, add = {
        "indikator": (indicator_form, indicator_add),
        "kompetanse": (competence_form, competence_add),
    }.get(which, (None, None))
    if form is not None and form.is_valid():
        try:
            add(municipality=municipality, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Lagret."))
            return redirect("reports:report-data", municipality_id=municipality.pk)
    return render(
        request,
        "reports/data.html",
        {
            "municipality": municipality,
            "indicators": Indicator.objects.filter(municipality=municipality),
            "competences": Competence.objects.filter(municipality=municipality).select_related("service"),
            "indicator_form": indicator_form,
            "competence_form": competence_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, municipality_id: int, indicator_id: int):
    municipality = access_report_municipality(request.user, municipality_id)
    indicator = get_object_or_404(Indicator, municipality=municipality, pk=indicator_id)
    title = _("Endre «%(name)s»") % {"name": indicator}  # before the form writes what was typed into the row
    form = IndicatorForm(request.POST or None, instance=indicator)
    return _data_row_edit(
        request,
        municipality,
        form,
        title,
        change=lambda data: indicator_change(indicator=indicator, data=data, by=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def competence_edit(request, municipality_id: int, competence_id: int):
    municipality = access_report_municipality(request.user, municipality_id)
    competence = get_object_or_404(Competence, municipality=municipality, pk=competence_id)
    title = _("Endre «%(name)s»") % {"name": competence}
    form = CompetenceForm(request.POST or None, instance=competence, municipality=municipality)
    return _data_row_edit(
        request,
        municipality,
        form,
        title,
        change=lambda data: competence_change(competence=competence, data=data, by=request.user),
    )


def _data_row_edit(request, municipality, form, title, *, change):
    """One indicator or competence row corrected on its own page; back to the data page when saved."""
    if request.method == "POST" and form.is_valid():
        try:
            change(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Endringen er lagret."))
            return redirect("reports:report-data", municipality_id=municipality.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "cancel": reverse("reports:report-data", args=[municipality.pk]),
        },
    )


@login_required
@require_POST
def indicator_delete_view(request, municipality_id: int, indicator_id: int):
    municipality = access_report_municipality(request.user, municipality_id)
    indicator = Indicator.objects.filter(municipality=municipality, pk=indicator_id).first()
    if indicator is None:  # pressed twice, or in two tabs: the row is gone, as wanted
        messages.info(request, _("Indikatoren finnes ikke lenger."))
    else:
        indicator_delete(indicator=indicator, by=request.user)
        messages.success(request, _("Indikatoren er slettet."))
    return redirect("reports:report-data", municipality_id=municipality.pk)


@login_required
@require_POST
def competence_delete_view(request, municipality_id: int, competence_id: int):
    municipality = access_report_municipality(request.user, municipality_id)
    competence = Competence.objects.filter(municipality=municipality, pk=competence_id).first()
    if competence is None:  # pressed twice, or in two tabs: the row is gone, as wanted
        messages.info(request, _("Kompetansen finnes ikke lenger."))
    else:
        competence_delete(competence=competence, by=request.user)
        messages.success(request, _("Kompetansen er slettet."))
    return redirect("reports:report-data", municipality_id=municipality.pk)


@login_required
@require_POST
def report_attach_view(request, report_id: int):
    """Attach the report to the minutes of the forum's meeting (an empty choice detaches it)."""
    report = access_report(request.user, report_id)
    wanted = request.POST.get("meeting", "")
    try:
        report_attach_to_meeting(
            report=report, meeting_id=int(wanted) if wanted.isascii() and wanted.isdigit() else None, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Lagret."))
    return redirect("reports:report-detail", report_id=report.pk)
