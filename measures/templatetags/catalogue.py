"""The catalogue's partners outside the pyramid (CataloguePartner), for any page that shows a municipality's
catalogue: `{% load catalogue %}{% catalogue_partners municipality %}`. The page has already decided that the
user may see that municipality's catalogue; its administrators also get the links to change it."""

from django import template

from measures.access import may_manage_partners
from measures.models import CataloguePartner

register = template.Library()


@register.inclusion_tag("measures/_partners.html", takes_context=True)
def catalogue_partners(context, municipality) -> dict:
    partners = CataloguePartner.objects.filter(municipality=municipality).select_related("service")
    return {"partners": list(partners), "may_manage": may_manage_partners(context["request"].user, municipality)}
