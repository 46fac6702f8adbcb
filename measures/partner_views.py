"""The catalogue's partners outside the pyramid (Hemsedal's §11.5: PPT, barnevern, NAV, BUP …), kept by the
municipality's administrators. Listed on the pyramid page; a partner is never a measure on any level."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from measures.access import access_partner, access_partner_municipalities
from measures.forms import CataloguePartnerForm
from measures.models import CataloguePartner
from measures.services import partner_delete, partner_save


def _back_to_catalogue(municipality) -> str:
    return f"{reverse('measures:pyramid')}?kommune={municipality.pk}#samarbeidspartnere"


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request):
    municipalities = access_partner_municipalities(request.user)
    return _partner_form(request, CataloguePartner(), municipalities, _("Ny samarbeidspartner"))


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, partner_id: int):
    partner = access_partner(request.user, partner_id)
    municipalities = access_partner_municipalities(request.user)
    return _partner_form(request, partner, municipalities, _("Endre «%(name)s»") % {"name": partner.name})


def _partner_form(request, partner, municipalities, title):
    form = CataloguePartnerForm(request.POST or None, instance=partner, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            partner = partner_save(partner=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("«%(name)s» er lagret.") % {"name": partner.name})
            return redirect(_back_to_catalogue(partner.municipality))
    cancel = _back_to_catalogue(partner.municipality) if partner.pk else reverse("measures:pyramid")
    return render(
        request,
        "measures/partner_form.html",
        {"form": form, "title": title, "cancel": cancel, "partner": partner},
    )


@login_required
@require_POST
def partner_delete_view(request, partner_id: int):
    partner = access_partner(request.user, partner_id)
    partner_delete(partner=partner, by=request.user)
    messages.success(request, _("«%(name)s» er fjernet fra samarbeidspartnerne.") % {"name": partner.name})
    return redirect(_back_to_catalogue(partner.municipality))
