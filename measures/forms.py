from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models import Arena, CataloguePartner, Evaluation, Measure
from measures.services import next_evaluation_after
from organisation.models import Municipality, Service
from ui.forms import DesignsystemetForm

MAX_IMPORT_BYTES = 1_000_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MeasureForm(DesignsystemetForm, forms.ModelForm):
    """A measure's fields. The view passes the choices measures.access allows the user; the leader rule for the
    chosen municipality and service is checked by the view through access_responsible_service."""

    class Meta:
        model = Measure
        fields = [
            "municipality",
            "name",
            "description",
            "target_group",
            "level",
            "age_from",
            "age_to",
            "arenas",
            "responsible_service",
            "partner_services",
            "programme",
            "status",
            "status_note",
            "started_on",
            "ended_on",
            "contact_name",
            "contact_phone",
            "contact_email",
            "contact_url",
            "contact_is_public",
            "is_public",
            "evaluation_cadence",
            "next_evaluation_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "arenas": forms.CheckboxSelectMultiple,
            "partner_services": forms.CheckboxSelectMultiple,
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "next_evaluation_on": DateInput(),
        }

    def __init__(self, *args, municipalities, responsible_services, partner_services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if not self.instance.pk and len(choices := list(self.fields["municipality"].queryset[:2])) == 1:
            self.initial["municipality"] = choices[0].pk
        self.fields["responsible_service"].queryset = responsible_services.order_by("name")
        self.fields["partner_services"].queryset = partner_services.order_by("name")
        self.fields["arenas"].queryset = Arena.objects.all()
        for name in ("arenas", "partner_services"):
            self.fields[name].widget.attrs["class"] = "ds-checkbox"
        for name in ("contact_is_public", "is_public"):
            self.fields[name].widget.attrs["class"] = "ds-checkbox"
        if self.instance.pk:
            # A measure stays in its municipality's catalogue; moving it would hide it from that municipality.
            self.fields["municipality"].disabled = True
            # Partners the editor cannot see are kept, not silently dropped from the checkbox list.
            self.hidden_partners = list(
                self.instance.partner_services.exclude(pk__in=self.fields["partner_services"].queryset)
            )
        else:
            self.hidden_partners = []
        if not self.instance.pk:
            self.initial["next_evaluation_on"] = next_evaluation_after(timezone.localdate(), 12)

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        service = cleaned.get("responsible_service")
        if municipality and service and not service.municipalities.filter(pk=municipality.pk).exists():
            self.add_error("responsible_service", _("Tjenesten betjener ikke %s.") % municipality)
        partners = cleaned.get("partner_services")
        if municipality and partners:
            foreign = [
                service for service in partners if not service.municipalities.filter(pk=municipality.pk).exists()
            ]
            if foreign:
                self.add_error(
                    "partner_services",
                    _("Disse tjenestene betjener ikke %(municipality)s: %(services)s.")
                    % {"municipality": municipality, "services": ", ".join(map(str, foreign))},
                )
        return cleaned

    def partners(self) -> list[Service]:
        """The chosen partners, and those the editor cannot see: they are kept, not silently dropped."""
        return [*self.cleaned_data["partner_services"], *self.hidden_partners]


class EvaluationForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["evaluated_on", "participants", "reach", "what_worked", "what_did_not", "decision", "decision_note"]
        widgets = {
            "evaluated_on": DateInput(),
            "what_worked": forms.Textarea(attrs={"rows": 3}),
            "what_did_not": forms.Textarea(attrs={"rows": 3}),
            "decision_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("evaluated_on", timezone.localdate())

    def clean_evaluated_on(self):
        day = self.cleaned_data["evaluated_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("En evaluering kan ikke dateres fram i tid."))
        return day


class CatalogueImportForm(DesignsystemetForm, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("Kolonnene Tiltak; Beskrivelse/målgruppe; Ansvarlig; Status; Nivå, lagret som CSV UTF-8."),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Filen er for stor (mer enn 1 MB)."))
        return upload


class CataloguePartnerForm(DesignsystemetForm, forms.ModelForm):
    """A partner outside the pyramid. The view passes the municipalities the user administers; the services
    offered are those serving them (which one serves the chosen municipality is checked by partner_save)."""

    class Meta:
        model = CataloguePartner
        fields = [
            "municipality",
            "name",
            "service",
            "description",
            "offer",
            "contact_name",
            "contact_phone",
            "contact_email",
            "contact_url",
            "order",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "offer": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["service"].queryset = (
            Service.objects.filter(municipalities__in=municipalities).distinct().order_by("name")
        )
        if self.instance.pk:
            self.fields["municipality"].disabled = True  # a partner belongs to one catalogue
        elif len(choices := list(municipalities[:2])) == 1:
            self.initial["municipality"] = choices[0].pk  # the instance's empty value would win over the field's
