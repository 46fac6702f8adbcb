"""The catalogue's partners outside the pyramid (CataloguePartner), for any page that shows a municipality's
catalogue: `{% load catalogue %}{% catalogue_partners municipality %}`. The page has already decided that the
user may see that municipality's catalogue."""

from django import template

from measures.models import CataloguePartner

register = template.Library()


@register.inclusion_tag("measures/_partners.html")
def catalogue_partners(municipality) -> dict:
    partners = CataloguePartner.objects.filter(municipality=municipality).select_related("service")
    return {"partners": list(partners)}
