from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation.access import (
    access_municipality,
    access_person,
    access_position,
    access_service,
    administered_people,
    administered_positions,
    administered_services,
    require_administrator,
    scope_for,
    visible_municipalities,
)
from organisation.forms import MunicipalityForm, PersonForm, PositionForm, ServiceForm
from organisation.models import Municipality, Position, Service, User
from organisation.services import (
    municipality_save,
    person_create,
    person_save,
    person_send_invitation,
    position_save,
    service_save,
)
from ui.http import base_url
from ui.links import url_for_each
from ui.panels import admin_panels, leadership_panels, position_change_notes, staff_panels
from ui.queries import count_of, page_of

PAGE_SIZE = 50


@login_required
def home(request):
    """Send each person to the start page of their main role."""
    scope = scope_for(request.user)
    if scope.is_administrator:
        return redirect("organisation:admin-home")
    if scope.is_leadership:
        return redirect("organisation:leadership-home")
    return redirect("organisation:staff-home")


@login_required
def staff_home(request):
    my_positions = list(
        Position.objects.held_by(request.user).select_related("service", "municipality").order_by("title")
    )
    my_service_ids = [position.service_id for position in my_positions if position.service_id]
    services = (
        Service.objects.filter(pk__in=my_service_ids)
        .select_related("host_municipality")
        .prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("holder").order_by("role", "title"),
                to_attr="all_positions",
            ),
            "municipalities",
        )
    )
    return render(
        request,
        "organisation/staff_home.html",
        {
            "my_positions": my_positions,
            "services": services,
            # What the apps above the organisation show here, each in its own panels (their panels.py).
            "panels": staff_panels(request),
        },
    )


@login_required
def leadership_home(request):
    scope = scope_for(request.user)
    if not scope.is_leadership:
        raise Http404
    municipalities = Municipality.objects.filter(pk__in=scope.leadership_ids).annotate(
        service_count=count_of(Service.objects.filter(municipalities=OuterRef("pk"))),
        people_count=count_of(User.objects.filter(municipality=OuterRef("pk"), is_active=True)),
    )
    figures = []
    for municipality in municipalities:
        positions = Position.objects.filter(service__municipalities=municipality)
        by_kind = (
            positions.values("service__kind")
            .annotate(total=Count("id"), vacant=Count("id", filter=Q(holder__isnull=True)))
            .order_by("service__kind")
        )
        kind_labels = dict(Service.Kind.choices)
        figures.append(
            {
                "municipality": municipality,
                "positions": positions.count(),
                "vacant": positions.filter(holder__isnull=True).count(),
                "by_kind": [
                    {"label": kind_labels.get(row["service__kind"], row["service__kind"]), **row} for row in by_kind
                ],
            }
        )
    return render(
        request,
        "organisation/leadership_home.html",
        # What the apps above the organisation show here (a leader's meeting duties, the annual report), each
        # app in its own panels.py.
        {"figures": figures, "panels": leadership_panels(request)},
    )


@login_required
def service_detail(request, service_id: int):
    service = access_service(request.user, service_id)
    positions = service.positions.select_related("holder").order_by("role", "title")
    return render(
        request,
        "organisation/service_detail.html",
        {
            "service": service,
            "positions": positions,
            "served": service.municipalities.all(),
            "can_administer": service.host_municipality_id in scope_for(request.user).administered_ids,
        },
    )


@login_required
def admin_home(request):
    require_administrator(request.user)
    scope = scope_for(request.user)
    municipalities = Municipality.objects.filter(pk__in=scope.administered_ids).annotate(
        hosted_count=count_of(Service.objects.filter(host_municipality=OuterRef("pk"))),
        people_count=count_of(User.objects.filter(municipality=OuterRef("pk"))),
    )
    vacant = administered_positions(request.user).filter(holder__isnull=True).count()
    return render(
        request,
        "organisation/admin_home.html",
        {"municipalities": municipalities, "vacant": vacant, "panels": admin_panels(request)},
    )


@login_required
def municipality_edit(request, municipality_id: int):
    municipality = access_municipality(request.user, municipality_id, administer=True)
    form = MunicipalityForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        municipality_save(municipality=form.save(commit=False), by=request.user)
        messages.success(request, _("Kommunen er lagret."))
        return redirect("organisation:admin-home")
    return render(
        request,
        "form_page.html",
        {"cancel": reverse("organisation:admin-home"), "form": form, "title": _("Endre %s") % municipality},
    )


@login_required
def service_list(request):
    require_administrator(request.user)
    services = (
        administered_services(request.user)
        .select_related("host_municipality")
        .annotate(position_count=Count("positions"))
        .order_by("name")
    )
    page = page_of(services, PAGE_SIZE, request.GET.get("side"))
    return render(request, "organisation/service_list.html", {"page": page})


@login_required
def service_create(request):
    require_administrator(request.user)
    return _service_form(request, Service())


@login_required
def service_edit(request, service_id: int):
    return _service_form(request, access_service(request.user, service_id, administer=True))


def _service_form(request, service: Service):
    form = ServiceForm(request.POST or None, instance=service, user=request.user)
    if request.method == "POST" and form.is_valid():
        service = service_save(
            service=form.save(commit=False), municipalities=form.cleaned_data["municipalities"], by=request.user
        )
        messages.success(request, _("Tjenesten %s er lagret.") % service)
        return redirect("organisation:service-list")
    title = _("Endre %s") % service if service.pk else _("Ny tjeneste")
    return render(
        request,
        "organisation/service_form.html",
        {"cancel": reverse("organisation:admin-home"), "form": form, "title": title},
    )


@login_required
def person_list(request):
    require_administrator(request.user)
    query = request.GET.get("q", "").strip()
    people = administered_people(request.user).only("full_name", "email", "is_active").order_by("full_name")
    if query:
        people = people.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    page = page_of(people, PAGE_SIZE, request.GET.get("side"))
    # Positions for this page only, in one query, each as the list shows it: "title (service)".
    positions = Position.objects.filter(holder__in=[person.pk for person in page]).values_list(
        "holder_id", "title", "service__name", "municipality__name"
    )
    by_holder: dict[int, list[str]] = {}
    for holder_id, title, service, municipality in positions:
        by_holder.setdefault(holder_id, []).append(f"{title} ({service or municipality})")
    # The rows' cells worked out here: a template lookup per cell was most of the page's time.
    person_url = url_for_each("organisation:person-edit")
    rows = [
        {
            "url": person_url(person.pk),
            "name": person.full_name,
            "email": person.email,
            "positions": "; ".join(by_holder.get(person.pk, [])) or "–",
            "is_active": person.is_active,
        }
        for person in page
    ]
    return render(request, "organisation/person_list.html", {"page": page, "rows": rows, "query": query})


@login_required
def person_create_view(request):
    require_administrator(request.user)
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = person_create(person=form.save(commit=False), base_url=base_url(request), by=request.user)
        messages.success(request, _("%s er opprettet og har fått en invitasjon på e-post.") % person)
        return redirect("organisation:person-list")
    return render(
        request, "form_page.html", {"cancel": reverse("organisation:admin-home"), "form": form, "title": _("Ny person")}
    )


@login_required
def person_edit(request, person_id: int):
    person = access_person(request.user, person_id, administer=True)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        person_save(person=form.save(commit=False), by=request.user)
        messages.success(request, _("%s er lagret.") % person)
        return redirect("organisation:person-list")
    return render(
        request,
        "organisation/person_form.html",
        {
            "form": form,
            "title": _("Endre %s") % person,
            "person": person,
            "cancel": reverse("organisation:person-list"),
        },
    )


@login_required
@require_POST
def person_invite(request, person_id: int):
    person = access_person(request.user, person_id, administer=True)
    if person.last_login:
        # They chose a password already; a new link to the address on file would only serve whoever changed it.
        messages.error(request, _("%s har allerede logget inn. Be personen bruke «Glemt passord».") % person)
        return redirect("organisation:person-edit", person_id=person.pk)
    person_send_invitation(person=person, base_url=base_url(request))
    messages.success(request, _("Ny invitasjon er sendt til %s.") % person.email)
    return redirect("organisation:person-edit", person_id=person.pk)


@login_required
def position_list(request):
    require_administrator(request.user)
    positions = (
        administered_positions(request.user)
        .select_related("service", "municipality", "holder")
        .order_by("service__name", "title")
    )
    if request.GET.get("ledige"):
        positions = positions.filter(holder__isnull=True)
    page = page_of(positions, PAGE_SIZE, request.GET.get("side"))
    return render(request, "organisation/position_list.html", {"page": page})


@login_required
def position_create(request):
    require_administrator(request.user)
    return _position_form(request, Position())


@login_required
def position_edit(request, position_id: int):
    position = access_position(request.user, position_id)
    if position.holder_id == request.user.pk:
        messages.error(
            request, _("Du har denne stillingen selv og kan ikke endre den. En annen administrator må gjøre det.")
        )
        return redirect("organisation:position-list")
    return _position_form(request, position)


def _position_form(request, position: Position):
    form = PositionForm(request.POST or None, instance=position, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            position = position_save(position=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Stillingen %s er lagret.") % position.title)
            return redirect("organisation:position-list")
    title = _("Endre stillingen %s") % position.title if position.pk else _("Ny stilling")
    return render(
        request,
        "organisation/position_form.html",
        {
            "cancel": reverse("organisation:admin-home"),
            "form": form,
            "title": title,
            # What a change of holder will do in the apps above (meetings that follow the seat).
            "change_notes": position_change_notes(position),
        },
    )


@login_required
def municipality_list(request):
    """The municipalities this person belongs to, with the services that serve each."""
    municipalities = visible_municipalities(request.user).prefetch_related(
        Prefetch("services", queryset=Service.objects.order_by("name"))
    )
    return render(request, "organisation/municipality_list.html", {"municipalities": municipalities})
