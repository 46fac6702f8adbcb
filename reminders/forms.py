from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.models import Kind, MunicipalitySettings
from ui.forms import DesignsystemetForm


class PreferenceForm(DesignsystemetForm, forms.Form):
    daily_digest = forms.BooleanField(
        label=_("Send meg én daglig oppsummering i stedet for en e-post per varsel"), required=False
    )
    email_kinds = forms.MultipleChoiceField(
        label=_("Varsler jeg vil ha på e-post"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alt kommer uansett i varslingslisten i Laget."),
    )


class MunicipalitySettingsForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = MunicipalitySettings
        fields = [
            "meeting_reminder_days",
            "minutes_unwritten_days",
            "action_due_days",
            "case_silent_weeks",
            "plan_evaluation_month",
        ]

    def clean_plan_evaluation_month(self):
        month = self.cleaned_data["plan_evaluation_month"]
        if not 1 <= month <= 12:
            raise forms.ValidationError(_("Skriv en måned fra 1 til 12."))
        return month
