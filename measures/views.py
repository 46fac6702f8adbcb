import csv
from html import escape
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from measures import services
from measures.access import (
    access_catalogue_import,
    access_measure,
    access_measure_create,
    access_responsible_service,
    can_manage_measures,
    catalogue_municipalities,
    manageable_measures,
    manageable_municipalities,
    responsible_service_choices,
    visible_measures,
)
from measures.catalogue_csv import COLUMNS, MAX_IMPORT_ROWS, catalogue_rows, parse_catalogue
from measures.filters import MeasureFilter
from measures.forms import CatalogueImportForm, EvaluationForm, MeasureForm
from measures.models import Measure
from organisation.access import chosen_municipality, chosen_municipality_of, visible_services
from organisation.models import Municipality, Service
from ui.links import url_for_each
from ui.queries import page_of

PAGE_SIZE = 50

# The pyramid is drawn from its narrow top (indicated) down to its broad base (health promotion).
PYRAMID_TOP_DOWN = [
    Measure.Level.INDICATED,
    Measure.Level.SELECTIVE,
    Measure.Level.UNIVERSAL,
    Measure.Level.HEALTH_PROMOTION,
]


def _measure_url():
    """A function from a measure's id to its page (the URL reversed once a page, not once a row)."""
    return url_for_each("measures:measure-detail")


def _chosen_municipality(request) -> Municipality:
    return chosen_municipality(request.user, request.GET.get("kommune", ""))


def _municipality_and_choices(request) -> tuple[Municipality, list[Municipality]]:
    """The chosen municipality and the municipality switch's choices, from one query."""
    choices = list(catalogue_municipalities(request.user))
    return chosen_municipality_of(request.user, request.GET.get("kommune", ""), choices), choices


PYRAMID_ITEMS_PER_LEVEL = 25


@login_required
def pyramid(request):
    municipality, municipalities = _municipality_and_choices(request)
    measures = visible_measures(request.user).filter(municipality=municipality)
    # One GROUP BY for the counts and the overdue evaluations (the rule of MeasureQuerySet.evaluation_overdue).
    overdue = ~Q(status=Measure.Status.ENDED) & Q(next_evaluation_on__lt=timezone.localdate())
    per_level = {
        row["level"]: row
        for row in measures.values("level").annotate(n=Count("pk"), overdue=Count("pk", filter=overdue)).order_by()
    }
    # And one query for the first measures of every level (a large catalogue shows the first of each here; the
    # list shows them all), where there used to be one query a level.
    # The ranking runs over the measures alone; the service is joined to the hundred chosen ones only.
    ranked = (
        measures.annotate(rank=Window(RowNumber(), partition_by=F("level"), order_by=F("name").asc()))
        .filter(rank__lte=PYRAMID_ITEMS_PER_LEVEL)
        .values("pk")
    )
    first = (
        Measure.objects.filter(pk__in=ranked)
        .select_related("responsible_service")
        .only("name", "level", "status", "next_evaluation_on", "responsible_service__name")
        .order_by("name")
    )
    # Each level's items joined here, every value escaped: a hundred items through the template were a third
    # of the page's time.
    statuses = {value: escape(str(label)) for value, label in Measure.Status.choices}  # once a page
    overdue_tag = f' · <span class="ds-tag" data-color="warning">{escape(_("evaluering forfalt"))}</span>'
    measure_url = _measure_url()
    shown: dict[str, list[str]] = {level: [] for level in PYRAMID_TOP_DOWN}
    for measure in first:
        shown[measure.level].append(
            f'<li><a class="ds-link" href="{measure_url(measure.pk)}">{escape(measure.name)}</a>'
            f" – {escape(measure.responsible_service.name)} · {statuses[measure.status]}"
            f"{overdue_tag if measure.evaluation_is_overdue else ''}</li>"
        )
    levels = [
        {
            "level": level,
            "label": level.label,
            "measures": mark_safe("\n".join(shown[level])),  # noqa: S308 (every value escaped above)
            "shown": len(shown[level]),
            "count": per_level.get(level, {}).get("n", 0),
            "step": index,
        }
        for index, level in enumerate(PYRAMID_TOP_DOWN)
    ]
    return render(
        request,
        "measures/pyramid.html",
        {
            "municipality": municipality,
            "municipalities": municipalities,
            "levels": levels,
            "total": sum(row["n"] for row in per_level.values()),
            "overdue": sum(row["overdue"] for row in per_level.values()),
            "can_manage": can_manage_measures(request.user),
        },
    )


def _filtered(request, municipality):
    measures = visible_measures(request.user).filter(municipality=municipality)
    services = Service.objects.filter(pk__in=measures.values("responsible_service")).order_by("name")
    filters = MeasureFilter(request.GET or None, queryset=measures, services=services)
    return filters.form, filters.filtered()


LIST_COLUMNS = ["name", "level", "age_from", "age_to", "status", "next_evaluation_on"]


def _list_rows(measures) -> str:
    """The list's rows as HTML, every value escaped. Labels and the date format are looked up once a page, and
    the rows joined here rather than cell by cell in the template: that was most of the page's time."""
    levels = {value: escape(str(label)) for value, label in Measure.Level.choices}
    statuses = {value: escape(str(label)) for value, label in Measure.Status.choices}
    overdue_tag = f' <span class="ds-tag" data-color="warning">{escape(_("forfalt"))}</span>'
    short_date = get_format("SHORT_DATE_FORMAT")
    measure_url = _measure_url()
    return mark_safe(  # noqa: S308 (every value escaped)
        "\n".join(
            f'<tr>\n  <td><a class="ds-link" href="{measure_url(measure.pk)}">{escape(measure.name)}</a></td>\n'
            f"  <td>{levels[measure.level]}</td>\n  <td>{escape(measure.responsible_service.name)}</td>\n"
            f"  <td>{escape(measure.age_label)}</td>\n  <td>{statuses[measure.status]}</td>\n"
            f"  <td>{escape(date_format(measure.next_evaluation_on, short_date))}"
            f"{overdue_tag if measure.evaluation_is_overdue else ''}</td>\n</tr>"
            for measure in measures
        )
    )


@login_required
def measure_list(request):
    municipality, municipalities = _municipality_and_choices(request)
    form, measures = _filtered(request, municipality)
    measures = (
        measures.select_related("responsible_service")
        .only(*LIST_COLUMNS, "responsible_service__name")
        .order_by("level", "name")
    )
    page = page_of(measures, PAGE_SIZE, request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "measures/measure_list.html",
        {
            "municipality": municipality,
            "municipalities": municipalities,
            "form": form,
            "page": page,
            "rows": _list_rows(page),
            "query_string": query.urlencode(),
            "can_manage": can_manage_measures(request.user),
        },
    )


@login_required
def measure_export(request):
    municipality = _chosen_municipality(request)
    _form, measures = _filtered(request, municipality)
    measures = measures.select_related("responsible_service").prefetch_related("arenas").order_by("level", "name")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tiltak-{municipality.number}.csv"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerows(catalogue_rows(measures))
    return response


@login_required
def measure_detail(request, measure_id: int):
    measure = access_measure(request.user, measure_id)
    records = list(measure.history.select_related("history_user").order_by("-history_date")[:21])
    changes = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        if older is None:
            fields = [_("opprettet")]
        else:
            fields = [
                str(Measure._meta.get_field(change.field).verbose_name)
                # Many-to-many fields would cost two queries a version; their history stays in the admin.
                for change in newer.diff_against(
                    older, excluded_fields=["arenas", "partner_services"], foreign_keys_are_objs=False
                ).changes
            ]
        changes.append({"record": newer, "fields": fields})
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "partners": measure.partner_services.all(),
            "arenas": measure.arenas.all(),
            "evaluations": measure.evaluations.select_related("evaluated_by"),
            "changes": changes[:20],
            "can_manage": manageable_measures(request.user).filter(pk=measure.pk).exists(),
        },
    )


@login_required
def measure_create(request):
    access_measure_create(request.user)
    return _measure_form(request, Measure())


@login_required
def measure_edit(request, measure_id: int):
    return _measure_form(request, access_measure(request.user, measure_id, manage=True))


def _measure_form(request, measure: Measure):
    form = MeasureForm(
        request.POST or None,
        instance=measure,
        municipalities=manageable_municipalities(request.user),
        responsible_services=responsible_service_choices(request.user),
        partner_services=visible_services(request.user),
    )
    if request.method == "POST" and form.is_valid():
        fields = {
            "measure": form.instance,
            "by": request.user,
            "arenas": form.cleaned_data["arenas"],
            "partner_services": form.partners(),
        }
        try:
            access_responsible_service(
                request.user, municipality=form.instance.municipality, service=form.instance.responsible_service
            )
            measure = services.measure_update(**fields) if measure.pk else services.measure_create(**fields)
        except PermissionDenied as refused:
            form.add_error("responsible_service", str(refused))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Tiltaket «%s» er lagret.") % measure)
            return redirect(measure)
    title = _("Endre «%s»") % measure if measure.pk else _("Nytt tiltak")
    cancel = measure.get_absolute_url() if measure.pk else reverse("measures:pyramid")
    return render(request, "form_page.html", {"form": form, "title": title, "cancel": cancel})


@login_required
@require_POST
def measure_end_view(request, measure_id: int):
    measure = access_measure(request.user, measure_id, manage=True)
    services.measure_end(measure=measure, by=request.user)
    messages.success(request, _("Tiltaket «%s» er avsluttet.") % measure)
    return redirect(measure)


@login_required
def evaluation_create(request, measure_id: int):
    measure = access_measure(request.user, measure_id, manage=True)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_record(evaluation=form.instance, measure=measure, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Evalueringen er lagret."))
            return redirect(measure)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("Evaluer «%s»") % measure, "cancel": measure.get_absolute_url()},
    )


@login_required
def catalogue_import_view(request):
    municipalities = access_catalogue_import(request.user)
    form = CatalogueImportForm(request.POST or None, request.FILES or None, municipalities=municipalities)
    errors = []
    if request.method == "POST" and form.is_valid():
        municipality = form.cleaned_data["municipality"]
        parsed = parse_catalogue(form.cleaned_data["file"].read(), municipality=municipality)
        errors = parsed.errors
        if parsed.is_valid:
            try:
                created = services.catalogue_import(municipality=municipality, parsed=parsed, by=request.user)
            except ValidationError as error:
                errors = [(0, message) for message in error.messages]
            else:
                messages.success(
                    request,
                    _("%(count)s tiltak er importert til %(name)s.") % {"count": len(created), "name": municipality},
                )
                return redirect(f"{reverse('measures:measure-list')}?{urlencode({'kommune': municipality.pk})}")
    return render(
        request,
        "measures/import.html",
        {
            "form": form,
            "errors": errors,
            "columns": COLUMNS,
            "max_rows": number_format(MAX_IMPORT_ROWS, force_grouping=True),
        },
    )


# Citizens think in ages and needs, not in pyramid levels.
AGE_BANDS = [
    (gettext_lazy("Gravid, og barn 0–5 år"), None, 5),
    (gettext_lazy("Barn 6–12 år"), 6, 12),
    (gettext_lazy("Ungdom 13–19 år"), 13, 19),
    (gettext_lazy("Unge voksne 20–25 år"), 20, 25),
]
NEEDS = [
    (gettext_lazy("For alle barn og familier"), {Measure.Level.HEALTH_PROMOTION, Measure.Level.UNIVERSAL}),
    (gettext_lazy("Når noe er vanskelig"), {Measure.Level.SELECTIVE}),
    (gettext_lazy("Når det trengs tett oppfølging"), {Measure.Level.INDICATED}),
]


def _in_band(measure: dict, start, end) -> bool:
    low = -1 if measure["age_from"] is None else measure["age_from"]
    high = 99 if measure["age_to"] is None else measure["age_to"]
    return low <= end and high >= (start if start is not None else -1)


_PUBLIC_FIELDS = ["pk", "name", "description", "level", "age_from", "age_to", "responsible_service_id", "contact_url"]
_PUBLIC_CONTACT_FIELDS = ["contact_is_public", "contact_name", "contact_phone", "contact_email"]


def _measure_link(measure: dict) -> str:
    return f'<li><a class="ds-link" href="#tiltak-{measure["pk"]}">{escape(measure["name"])}</a></li>'


def _measure_item(measure: dict, contact_label: str, url_label: str) -> str:
    """One measure as HTML, every value escaped. Built here rather than looped over in the template (or with
    format_html): a large catalogue has a thousand public measures, and those cost ten times as much."""
    name = escape(measure["name"])
    contact = []
    if measure["contact_is_public"]:  # the person behind a measure is shown only when marked public
        if measure["contact_name"]:
            contact.append(f" {escape(measure['contact_name'])}")
        if phone := measure["contact_phone"]:
            digits = "".join(c for c in phone if c.isdigit() or c == "+")
            contact.append(f' <a class="ds-link" href="tel:{escape(digits)}">{escape(phone)}</a>')
        if email := measure["contact_email"]:
            contact.append(f' <a class="ds-link" href="mailto:{escape(email)}">{escape(email)}</a>')
    if url := measure["contact_url"]:
        contact.append(
            f' <a class="ds-link" href="{escape(url)}">{url_label}<span class="ds-sr-only"> {name}</span></a>'
        )
    contact_html = f'<p class="ds-paragraph" data-size="sm">{contact_label}{"".join(contact)}</p>' if contact else ""
    return (
        f'<li id="tiltak-{measure["pk"]}"><h4 class="ds-heading" data-size="2xs">{name}</h4>'
        f'<p class="ds-paragraph" data-size="sm">{escape(measure["description"])}</p>{contact_html}</li>'
    )


def _service_contact(service: Service, labels: dict[str, str]) -> str:
    """A service's public contact as a list of label and value, every value escaped (see _measure_item)."""
    rows = []
    if service.public_phone:
        rows.append(
            (
                labels["phone"],
                f'<a class="ds-link" href="{escape(service.public_phone_uri)}">{escape(service.public_phone)}</a>',
            )
        )
    if service.public_opening_hours:
        rows.append((labels["hours"], escape(service.public_opening_hours)))
    if service.public_address:
        rows.append((labels["address"], escape(service.public_address)))
    if service.public_url:
        url = escape(service.public_url)
        rows.append((labels["url"], f'<a class="ds-link" href="{url}">{url}</a>'))
    if not rows:
        return ""
    return (
        '<dl class="laget-contact">' + "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows) + "</dl>"
    )


def _service_section(service: Service, labels: dict[str, str], items: list[str]) -> str:
    """A service with its public contact and its measures (already HTML), every value escaped."""
    return (
        f'<section class="ds-card laget-public-service" aria-labelledby="tjeneste-{service.pk}">'
        f'<h3 class="ds-heading" data-size="sm" id="tjeneste-{service.pk}">{escape(service.name)}</h3>'
        f'{_service_contact(service, labels)}<ul class="ds-list--unstyled">{"".join(items)}</ul></section>'
    )


def public_help(request, number: str):
    """«Er du urolig for et barn?» — the public measures of one municipality, for citizens. No login.

    Each measure is described once, under the service that offers it together with the service's public
    contact; the age and need sections only link to it. A measure for several ages used to be printed in full
    once per age: half a megabyte for a large catalogue.
    """
    municipality = get_object_or_404(Municipality, number=number)
    # Only what a family can use now: «Planlagt» and «Under utvikling» are not offers yet.
    measures = list(
        Measure.objects.public()
        .filter(municipality=municipality, status=Measure.Status.RUNNING)
        .order_by("name")
        .values(*_PUBLIC_FIELDS, *_PUBLIC_CONTACT_FIELDS)
    )
    links = {m["pk"]: _measure_link(m) for m in measures}
    bands = []
    for label, start, end in AGE_BANDS:
        needs = []
        for need_label, levels in NEEDS:
            items = [links[m["pk"]] for m in measures if m["level"] in levels and _in_band(m, start, end)]
            if items:
                needs.append({"label": need_label, "links": mark_safe("".join(items))})  # noqa: S308 (_measure_link)
        if needs:
            bands.append({"label": label, "needs": needs, "slug": f"alder-{start or 0}-{end}"})
    contact_label, url_label = escape(_("Kontakt for tiltaket:")), escape(_("nettside"))
    by_service: dict[int, list[str]] = {}
    for measure in measures:
        by_service.setdefault(measure["responsible_service_id"], []).append(
            _measure_item(measure, contact_label, url_label)
        )
    labels = {
        "phone": escape(_("Telefon")),
        "hours": escape(_("Åpningstider")),
        "address": escape(_("Adresse")),
        "url": escape(_("Nettside")),
    }
    services = Service.objects.filter(pk__in=by_service).only(
        "name", "public_phone", "public_opening_hours", "public_address", "public_url"
    )
    sections = "".join(_service_section(service, labels, by_service[service.pk]) for service in services)
    return render(
        request,
        "measures/public_help.html",
        {
            "municipality": municipality,
            "bands": bands,
            "services": mark_safe(sections),  # noqa: S308 (every value escaped in _service_section)
        },
    )


def public_index(request):
    """The municipalities that have a public page."""
    public = Q(measures__is_public=True) & Q(measures__status=Measure.Status.RUNNING)
    municipalities = Municipality.objects.annotate(public_count=Count("measures", filter=public)).filter(
        public_count__gt=0
    )
    return render(request, "measures/public_index.html", {"municipalities": municipalities})
