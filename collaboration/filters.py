"""The action-item list's filters, declared once with django-filter (no hand-parsed query strings)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collaboration.models import ActionItem, MeetingStructure
from ui.forms import DesignsystemetForm


class FilterForm(DesignsystemetForm, forms.Form):
    pass


class ActionItemFilter(django_filters.FilterSet):
    """Whose (mine, my service's), which state (open, overdue, done, all) and which meeting structure. The
    queryset it filters is already the viewer's: the view passes only items they may see."""

    WHOSE = [("mine", _("Mine")), ("tjeneste", _("Min tjenestes"))]
    STATE = [("apne", _("Åpne")), ("forfalt", _("Forfalt")), ("utfort", _("Utført")), ("alle", _("Alle"))]

    hvem = django_filters.ChoiceFilter(
        label=_("Hvem"), choices=WHOSE, method="filter_whose", empty_label=_("Mine og tjenestens")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATE, method="filter_state", empty_label=None)
    struktur = django_filters.ModelChoiceFilter(
        label=_("Møtestruktur"),
        field_name="structure",
        queryset=MeetingStructure.objects.none(),
        empty_label=_("Alle møtestrukturer"),
    )

    class Meta:
        model = ActionItem
        fields: list[str] = []
        form = FilterForm

    def __init__(self, data=None, *args, user, service_ids, structures, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and not data.get("status"):
            data["status"] = "apne"  # the list opens on what is still to do
        super().__init__(data, *args, **kwargs)
        self.user, self.service_ids = user, service_ids
        self.filters["struktur"].queryset = structures

    def filter_whose(self, queryset, name, value):
        if value == "mine":
            return queryset.filter(owner_person=self.user)
        if value == "tjeneste":
            return queryset.filter(owner_service__in=self.service_ids)
        return queryset

    def filter_state(self, queryset, name, value):
        if value == "forfalt":
            return queryset.overdue(timezone.localdate())
        if value == "utfort":
            return queryset.filter(status=ActionItem.Status.DONE)
        if value == "alle":
            return queryset
        return queryset.open()
