"""Forms for cases. The choices they offer come from cases/access.py; the services check them again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseMeasure, Child, Concern, Guardian, LogEntry, Referral
from organisation.models import Service, User
from ui.forms import DesignsystemetForm, SubmissionKeyMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Datoen kan ikke være fram i tid."))
    return value


class VersionMixin:
    """The case's version when the form was opened, so a change made meanwhile by someone else is found."""

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial["version"] = case.version


class ChildForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = Child
        fields = [
            "full_name",
            "birth_date",
            "national_id",
            "municipality",
            "school_or_kindergarten",
            "grade",
            "address",
            "address_protection",
        ]
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, municipalities, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = None
        self.fields["school_or_kindergarten"].queryset = schools
        self.fields["national_id"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["address"].help_text = _("Vises bare for dem som arbeider med saken, og aldri ved adressesperre.")

    def clean_national_id(self):
        return "".join(self.cleaned_data["national_id"].split())

    def clean_birth_date(self):
        return _not_in_future(self.cleaned_data["birth_date"])


class ChildEditForm(VersionMixin, ChildForm):
    """The child's details on an open case. A protected address is never put in the page, not even in the
    form: the field is left out, and only the owning service's leader may lower the protection."""

    def __init__(self, *args, may_lower_protection: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.has_protected_address:
            del self.fields["address"]
            if not may_lower_protection:
                current = self.instance.address_protection
                values = Child.AddressProtection.values
                self.fields["address_protection"].choices = [
                    (value, label)
                    for value, label in Child.AddressProtection.choices
                    if values.index(value) >= values.index(current)
                ]


class GuardianForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = Guardian
        fields = ["full_name", "relation", "phone", "email", "parental_responsibility"]

    def __init__(self, *args, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = required
        self.fields["parental_responsibility"].initial = True

    @property
    def is_filled(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("full_name"))


class GuardianEditForm(VersionMixin, GuardianForm):
    pass


class ConcernForm(DesignsystemetForm, SubmissionKeyMixin, forms.ModelForm):
    service = forms.ModelChoiceField(
        label=_("Registreres i tjenesten"), queryset=Service.objects.none(), empty_label=None
    )
    child_welfare_report_sent_on = forms.DateField(
        label=_("Bekymringsmelding sendt til barnevernet"),
        required=False,
        widget=DateInput(),
        help_text=_("Fyll ut datoen hvis du har sendt en bekymringsmelding. Meldeplikten gjelder uten samtykke."),
    )

    class Meta:
        model = Concern
        fields = [
            "observed_at",
            "place",
            "noticed_by",
            "event",
            "clarification",
            "own_assessment",
            "child_voice",
            "talked_more_with_child",
            "discussed_with_leader",
            "contacted_other_services",
            "contacted_child_welfare",
            "contacted_police",
            "extra_care",
            "actions_note",
            "guardians_contacted",
            "guardians_not_contacted_reason",
        ]
        widgets = {
            "observed_at": DateTimeInput(),
            "event": forms.Textarea(attrs={"rows": 4}),
            "clarification": forms.Textarea(attrs={"rows": 3}),
            "own_assessment": forms.Textarea(attrs={"rows": 3}),
            "child_voice": forms.Textarea(attrs={"rows": 2}),
            "actions_note": forms.Textarea(attrs={"rows": 2}),
            "guardians_not_contacted_reason": forms.Textarea(attrs={"rows": 2}),
            "guardians_contacted": forms.RadioSelect,
        }

    OBSERVATION = (
        "service",
        "observed_at",
        "place",
        "noticed_by",
        "event",
        "clarification",
        "own_assessment",
        "child_voice",
        "submission_key",
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services

    def observation_part(self):
        """The hendelsesskjema's first half: what happened, and the staff member's own assessment."""
        return [self[name] for name in self.OBSERVATION]

    def action_part(self):
        """Its second half: what was done, the guardians, a bekymringsmelding."""
        return [self[name] for name in self.fields if name not in self.OBSERVATION]

    def clean_observed_at(self):
        observed_at = self.cleaned_data["observed_at"]
        if observed_at and observed_at > timezone.now():
            raise forms.ValidationError(_("Tidspunktet kan ikke være fram i tid."))
        return observed_at

    def clean_child_welfare_report_sent_on(self):
        return _not_in_future(self.cleaned_data["child_welfare_report_sent_on"])

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("guardians_contacted") == Concern.GuardiansContacted.NO
            and not cleaned.get("guardians_not_contacted_reason", "").strip()
        ):
            self.add_error(
                "guardians_not_contacted_reason",
                _("Skriv hvorfor foresatte ikke skal kontaktes, for eksempel fordi det kan skade barnet."),
            )
        return cleaned


class LogEntryForm(DesignsystemetForm, SubmissionKeyMixin, forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["kind", "occurred_on", "text", "child_voice", "guardians_voice"]
        widgets = {
            "occurred_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 4}),
            "child_voice": forms.Textarea(attrs={"rows": 2}),
            "guardians_voice": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, correcting: LogEntry | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in LogEntry.WRITTEN_KINDS]
        self.fields["occurred_on"].initial = timezone.localdate()
        self.fields["child_voice"].help_text = _("Hva barnet selv sier og ønsker, med barnets ord.")
        if correcting is not None:
            del self.fields["kind"]
            self.fields["text"].label = _("Rettelse")
            self.fields["text"].help_text = _("Den opprinnelige loggføringen blir stående. Skriv hva som er riktig.")

    def clean_occurred_on(self):
        return _not_in_future(self.cleaned_data["occurred_on"])


class LevelForm(DesignsystemetForm, VersionMixin, forms.Form):
    level = forms.TypedChoiceField(label=_("Nytt nivå"), choices=Case.Level.choices, coerce=int)
    reason = forms.CharField(label=_("Begrunnelse"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    consent_recorded_on = forms.DateField(
        label=_("Samtykke gitt"),
        required=False,
        widget=DateInput(),
        help_text=_("Trengs for nivå 2 og 3, der tjenestene deler opplysninger om barnet."),
    )
    consent_note = forms.CharField(
        label=_("Samtykket"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Hvem som samtykket (foresatte med foreldreansvar, barnet selv fra 16 år), til hvilke tjenester og hva."
        ),
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Tjenester som skal samarbeide om saken"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, grantable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(v, label) for v, label in Case.Level.choices if v != self.case.level]
        self.fields["services"].queryset = grantable
        if self.case.consent_recorded_on and not self.is_bound:
            self.initial.update(consent_recorded_on=self.case.consent_recorded_on, consent_note=self.case.consent_note)

    def clean_consent_recorded_on(self):
        return _not_in_future(self.cleaned_data["consent_recorded_on"])


class GrantForm(DesignsystemetForm, forms.Form):
    service = forms.ModelChoiceField(label=_("Tjeneste"), queryset=Service.objects.none())
    consent_basis = forms.CharField(
        label=_("Samtykket tilgangen bygger på"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hvem samtykket, når og til hva."),
    )

    def __init__(self, *args, grantable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = grantable


class HandoverForm(DesignsystemetForm, forms.Form):
    to_user = forms.ModelChoiceField(label=_("Gi stafettpinnen til"), queryset=User.objects.none())
    note = forms.CharField(
        label=_("Melding til mottakeren"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, receivers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = receivers


class GuardiansContactedForm(DesignsystemetForm, forms.Form):
    contacted_on = forms.DateField(label=_("Dato"), widget=DateInput(), initial=timezone.localdate)
    text = forms.CharField(label=_("Hva ble sagt"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    guardians_voice = forms.CharField(
        label=_("Foresattes syn og ønsker"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    child_voice = forms.CharField(
        label=_("Barnets syn og ønsker"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_contacted_on(self):
        return _not_in_future(self.cleaned_data["contacted_on"])


class ChildWelfareReportForm(DesignsystemetForm, SubmissionKeyMixin, forms.Form):
    sent_on = forms.DateField(label=_("Sendt"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Kort om meldingen"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_sent_on(self):
        return _not_in_future(self.cleaned_data["sent_on"])


class ReferralForm(DesignsystemetForm, SubmissionKeyMixin, forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["to_service", "reason", "sent_on", "follow_up_while_waiting"]
        widgets = {"sent_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, services, followers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_service"].queryset = services
        self.fields["follow_up_while_waiting"].queryset = followers
        self.fields["sent_on"].initial = timezone.localdate()

    def clean_sent_on(self):
        return _not_in_future(self.cleaned_data["sent_on"])


class ReferralAnswerForm(DesignsystemetForm, VersionMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Svar"),
        choices=[
            (Referral.Answer.ACCEPTED, Referral.Answer.ACCEPTED.label),
            (Referral.Answer.DECLINED, Referral.Answer.DECLINED.label),
        ],
        widget=forms.RadioSelect,
    )
    answered_on = forms.DateField(label=_("Svar mottatt"), widget=DateInput(), initial=timezone.localdate)
    decline_reason = forms.CharField(
        label=_("Begrunnelse for avslag"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    discharged_on = forms.DateField(
        label=_("Avsluttet der"),
        required=False,
        widget=DateInput(),
        help_text=_("Når barnet er skrevet ut, for eksempel fra BUP. Saken i kommunen fortsetter."),
    )
    discharge_note = forms.CharField(
        label=_("Epikrise og videre oppfølging"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_answered_on(self):
        return _not_in_future(self.cleaned_data["answered_on"])

    def clean_discharged_on(self):
        return _not_in_future(self.cleaned_data["discharged_on"])


class CaseMeasureForm(DesignsystemetForm, SubmissionKeyMixin, forms.ModelForm):
    class Meta:
        model = CaseMeasure
        fields = ["catalogue_measure", "title", "owner", "starts_on", "ends_on", "evaluate_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "evaluate_on": DateInput()}

    def __init__(self, *args, catalogue, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue_measure"].queryset = catalogue
        self.fields["catalogue_measure"].required = False
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Fyll ut når tiltaket ikke står i tiltakskatalogen.")
        self.fields["owner"].queryset = owners
        self.fields["starts_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("catalogue_measure") and not cleaned.get("title", "").strip():
            self.add_error("title", _("Velg et tiltak fra katalogen eller skriv hva tiltaket er."))
        ends_on, starts_on = cleaned.get("ends_on"), cleaned.get("starts_on")
        if ends_on and starts_on and ends_on < starts_on:
            self.add_error("ends_on", _("Slutten kan ikke være før starten."))
        return cleaned


class CaseMeasureEvaluationForm(DesignsystemetForm, VersionMixin, forms.Form):
    evaluated_on = forms.DateField(label=_("Evaluert"), widget=DateInput(), initial=timezone.localdate)
    evaluation = forms.CharField(
        label=_("Hva viste evalueringen"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision = forms.ChoiceField(label=_("Beslutning"), choices=CaseMeasure.Decision.choices, widget=forms.RadioSelect)
    next_evaluate_on = forms.DateField(label=_("Neste evaluering"), required=False, widget=DateInput())

    def clean_evaluated_on(self):
        return _not_in_future(self.cleaned_data["evaluated_on"])


class CasePlanForm(DesignsystemetForm, VersionMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = [
            "child_goals",
            "has_right_to_child_coordinator",
            "child_coordinator",
            "individual_plan_started_on",
            "responsibility_group",
        ]
        widgets = {
            "child_goals": forms.Textarea(attrs={"rows": 3}),
            "individual_plan_started_on": DateInput(),
            "responsibility_group": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child_goals"].help_text = _("Med barnets egne ord: hva barnet selv ønsker skal bli annerledes.")
        self.fields["child_coordinator"].queryset = coordinators

    def clean_individual_plan_started_on(self):
        return _not_in_future(self.cleaned_data["individual_plan_started_on"])


class CloseForm(DesignsystemetForm, VersionMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Hvorfor avsluttes saken"), choices=Case.ClosureReason.choices, widget=forms.RadioSelect
    )
    moved_to = forms.CharField(label=_("Flyttet til kommune"), required=False, max_length=100)
    note = forms.CharField(
        label=_("Merknad"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(DesignsystemetForm, VersionMixin, forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor gjenåpnes saken"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CaseSearchForm(DesignsystemetForm, forms.Form):
    q = forms.CharField(label=_("Søk etter navn eller saksnummer"), required=False, max_length=100)
    level = forms.TypedChoiceField(
        label=_("Nivå"),
        choices=[("", _("Alle nivåer")), *Case.Level.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("open", _("Åpne")), ("closed", _("Avsluttede")), ("all", _("Alle"))],
        required=False,
    )
