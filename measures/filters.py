"""The measure list's filters, declared once with django-filter (as the action-item list's in collaboration)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models import Arena, Measure
from ui.forms import DesignsystemetForm

MAX_AGE = 30


class FilterForm(DesignsystemetForm, forms.Form):
    pass


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # whole years, not django-filter's decimals


class CheckboxFilter(django_filters.BooleanFilter):
    field_class = forms.BooleanField  # ticked or not: an unticked box does not filter


class MeasureFilter(django_filters.FilterSet):
    """Text, level, responsible service, status, age, arena and overdue evaluation. The queryset it filters is
        already the viewer's catalogue of one municipality; the view passes the services that appear in it (a
    queryset of services, in the order to offer them)."""

    q = django_filters.CharFilter(label=_("Søk i navn, beskrivelse og program"), method="filter_text")
    level = django_filters.ChoiceFilter(label=_("Nivå"), choices=Measure.Level.choices, empty_label=_("Alle nivåer"))
    # Services and arenas as (id, name) pairs rather than model choices: a model instance per option was a
    # tenth of the list page with 150 services.
    service = django_filters.ChoiceFilter(
        label=_("Ansvarlig tjeneste"), field_name="responsible_service", choices=[], empty_label=_("Alle tjenester")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Measure.Status.choices, empty_label=_("Alle statuser")
    )
    age = IntegerFilter(
        label=_("Alder (år)"),
        method="filter_age",
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "invalid": _("Skriv alderen som et helt antall år, for eksempel 8."),
            "min_value": _("Alderen kan ikke være under 0 år."),
            "max_value": _("Skriv en alder fra 0 til %(limit_value)s år."),
        },
    )
    arena = django_filters.ChoiceFilter(
        label=_("Arena"), field_name="arenas", choices=[], empty_label=_("Alle arenaer")
    )
    overdue = CheckboxFilter(
        label=_("Bare tiltak med forfalt evaluering"),
        method="filter_overdue",
        widget=forms.CheckboxInput(attrs={"class": "ds-checkbox"}),
    )

    class Meta:
        model = Measure
        fields: list[str] = []
        form = FilterForm

    def __init__(self, data=None, *args, services, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Callables, so that the form's copy of its fields does not copy every (id, name) pair.
        service_choices = list(services.values_list("pk", "name"))
        arena_choices = list(Arena.objects.values_list("pk", "name"))
        self.filters["service"].extra["choices"] = lambda: service_choices
        self.filters["arena"].extra["choices"] = lambda: arena_choices

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(description__icontains=value) | Q(programme__icontains=value)
        )

    def filter_age(self, queryset, name, value):
        # A measure without an age limit is for every age.
        return queryset.filter(Q(age_from__isnull=True) | Q(age_from__lte=value)).filter(
            Q(age_to__isnull=True) | Q(age_to__gte=value)
        )

    def filter_overdue(self, queryset, name, value):
        return queryset.evaluation_overdue() if value else queryset

    def filtered(self):
        """The filtered measures; all of them while the filter has errors (the form shows what to correct)."""
        return self.qs if self.is_valid() or not self.is_bound else self.queryset
