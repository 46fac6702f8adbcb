import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.no import fodselsnummer

from organisation.models import Service
from reports.models import Competence, Indicator, PeriodKind, ReportText
from reports.services import period_error
from ui.forms import DesignsystemetForm

_ELEVEN_DIGITS = re.compile(r"(?<!\d)(\d{6})\s?(\d{5})(?!\d)")


class ReportRequestForm(DesignsystemetForm, forms.Form):
    kind = forms.ChoiceField(label=_("Periode"), choices=PeriodKind.choices, widget=forms.RadioSelect)
    year = forms.IntegerField(
        label=_("År"), help_text=_("For skoleår: året skoleåret begynner, som 2025 for 2025/26."), min_value=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].max_value = today.year
        self.fields["year"].widget.attrs["max"] = today.year
        self.initial.setdefault("kind", PeriodKind.CALENDAR)
        self.initial.setdefault("year", today.year - 1)

    def clean(self):
        data = super().clean()
        if "kind" in data and "year" in data:
            error = period_error(data["kind"], data["year"])
            if error:
                raise ValidationError(error)
        return data


class ReportTextForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = ReportText
        fields = list(ReportText.PARTS)
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ReportText.PARTS}

    def clean(self):
        data = super().clean()
        for name in ReportText.PARTS:
            if any(fodselsnummer.is_valid(a + b) for a, b in _ELEVEN_DIGITS.findall(data.get(name) or "")):
                self.add_error(
                    name,
                    _("Teksten ser ut til å ha et fødselsnummer. Årsrapporten skal ikke kunne identifisere barn."),
                )
        return data


class IndicatorForm(DesignsystemetForm, forms.ModelForm):
    prefix = "indikator"

    class Meta:
        model = Indicator
        fields = ["name", "source", "year", "value", "unit", "national_value", "note"]
        localized_fields = ["value", "national_value"]  # 9,2 as written in Norwegian

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1990 <= year <= timezone.localdate().year:
            raise ValidationError(_("Oppgi et år fra 1990 til i år."))
        return year


class CompetenceForm(DesignsystemetForm, forms.ModelForm):
    prefix = "kompetanse"

    class Meta:
        model = Competence
        fields = ["service", "training", "people", "positions", "year", "note"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(municipalities=municipality).order_by("name")
