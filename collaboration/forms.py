from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collaboration.access import seat_errors, seat_position_choices, setup_municipality_ids
from collaboration.models import MINUTES_TEXT_MAX, ActionItem, AgendaItem, Attendance, MeetingStructure
from organisation.models import Municipality, Position, Service, User
from ui.forms import DesignsystemetForm, SubmissionKeyMixin


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _position_label(position: Position) -> str:
    holder = position.holder.full_name if position.holder else _("ledig")
    return f"{position.title}, {position.service or position.municipality} ({holder})"


SEAT_FIELDS = ("members", "conveners", "minute_takers")


class StructureForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = MeetingStructure
        fields = [
            "municipality",
            "name",
            "level",
            "mandate",
            "standing_agenda",
            "members",
            "conveners",
            "minute_takers",
            "cadence",
            "usual_weekday",
            "usual_time",
            "duration_minutes",
            "usual_place",
            "no_consent_policy",
            "evaluates_plan",
        ]
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 4}),
            "standing_agenda": forms.Textarea(attrs={"rows": 4}),
            "usual_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        allowed = setup_municipality_ids(user)
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=allowed)
        positions = seat_position_choices(allowed)
        for name in SEAT_FIELDS:
            self.fields[name].queryset = positions
            self.fields[name].label_from_instance = _position_label
        self.fields["members"].widget.attrs["size"] = 12
        for name in ("conveners", "minute_takers"):
            self.fields[name].widget.attrs["size"] = 6
        self.fields["conveners"].help_text = _("Velg én eller flere. Alle kan kalle inn, sette saksliste og godkjenne.")
        self.fields["conveners"].error_messages["required"] = _("Velg minst én stilling som innkaller og møteleder.")
        self.fields["minute_takers"].help_text = _("Velg én eller flere. Innkallerne kan også skrive referat.")
        self.fields["minute_takers"].error_messages["required"] = _("Velg minst én stilling som referent.")
        self.fields["evaluates_plan"].widget.attrs["class"] = "ds-checkbox"
        if self.instance.pk:
            self.fields["municipality"].disabled = True

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality:
            inside = set(seat_position_choices([municipality.pk]).values_list("pk", flat=True))
            for name in ("conveners", "minute_takers"):
                if any(position.pk not in inside for position in cleaned.get(name) or []):
                    self.add_error(name, _("Stillingene må høre til %s.") % municipality)
            outside = [p for p in cleaned.get("members") or [] if p.pk not in inside]
            if outside:
                self.add_error("members", _("Stillinger utenfor %s kan ikke være medlemmer.") % municipality)
        seats = {name: list(cleaned.get(name) or []) for name in SEAT_FIELDS}
        level = cleaned.get("level")
        for name, message in seat_errors(self.user, structure=self.instance, level=level, seats=seats).items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned


class ProposeYearForm(DesignsystemetForm, forms.Form):
    school_year = forms.TypedChoiceField(label=_("Skoleår"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        first = today.year if today.month >= 7 else today.year - 1
        self.fields["school_year"].choices = [(year, f"{year}–{year + 1}") for year in (first, first + 1)]


class ConveneForm(DesignsystemetForm, forms.Form):
    starts_at = forms.DateTimeField(label=_("Starter"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Slutter"), widget=DateTimeInput())
    place = forms.CharField(label=_("Sted"), max_length=150, required=False)
    video_link = forms.URLField(label=_("Videolenke"), required=False, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("Møtet må slutte etter at det starter."))
        if not (cleaned.get("place") or cleaned.get("video_link")):
            self.add_error("place", _("Oppgi sted eller videolenke."))
        return cleaned


class MeetingAddForm(DesignsystemetForm, forms.Form):
    starts_at = forms.DateTimeField(label=_("Starter"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Slutter"), widget=DateTimeInput())
    place = forms.CharField(label=_("Sted"), max_length=150, required=False)

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("Møtet må slutte etter at det starter."))
        return cleaned


class CancelForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor avlyses møtet?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De inviterte får vite det."),
        error_messages={"required": _("Skriv hvorfor møtet avlyses.")},
    )


class AgendaItemForm(DesignsystemetForm, SubmissionKeyMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MinutesForm(DesignsystemetForm, forms.Form):
    """Discussion and decisions for each agenda item, with the revision the writer started from."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, agenda, entries, progress=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda = list(agenda)
        progress = progress or {}
        for item in self.agenda:
            for followed in item.follow_ups:
                self.fields[f"progress_{followed.pk}"] = forms.CharField(
                    label=_("Framdrift: %s") % followed.what,
                    required=False,
                    max_length=MINUTES_TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=progress.get(followed.pk, ""),
                )
            entry = entries.get(item.pk)
            self.fields[f"discussion_{item.pk}"] = forms.CharField(
                label=_("Drøfting: %s") % item.title,
                required=False,
                max_length=MINUTES_TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=entry.discussion if entry else "",
            )
            self.fields[f"decisions_{item.pk}"] = forms.CharField(
                label=_("Vedtak: %s") % item.title,
                required=False,
                max_length=MINUTES_TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=entry.decisions if entry else "",
            )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def item_rows(self, conflict=None) -> list[dict]:
        """Per agenda item: its two fields, and what someone else saved meanwhile (on a conflict)."""
        return [
            {
                "item": item,
                "discussion": self[f"discussion_{item.pk}"],
                "decisions": self[f"decisions_{item.pk}"],
                "saved": (conflict or {}).get(item.pk),
                "progress": [self[f"progress_{followed.pk}"] for followed in item.follow_ups],
            }
            for item in self.agenda
        ]

    def progress(self) -> dict[int, str]:
        return {
            followed.pk: self.cleaned_data[f"progress_{followed.pk}"]
            for item in self.agenda
            for followed in item.follow_ups
        }

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            item.pk: (self.cleaned_data[f"discussion_{item.pk}"], self.cleaned_data[f"decisions_{item.pk}"])
            for item in self.agenda
        }


class AttendanceForm(DesignsystemetForm, forms.Form):
    def __init__(self, *args, invitations, recorded, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = list(invitations)
        for invitation in self.invitations:
            before = recorded.get(invitation.person_id)
            self.fields[f"status_{invitation.person_id}"] = forms.ChoiceField(
                label=invitation.person.full_name,
                choices=Attendance.Status.choices,
                initial=before.status if before else Attendance.Status.PRESENT,
            )
            self.fields[f"substitute_{invitation.person_id}"] = forms.CharField(
                label=_("Vara for %s") % invitation.person.full_name,
                required=False,
                max_length=150,
                initial=before.substitute if before else "",
            )

    def clean(self):
        cleaned = super().clean()
        for invitation in self.invitations:
            status = cleaned.get(f"status_{invitation.person_id}")
            if status == "substitute" and not cleaned.get(f"substitute_{invitation.person_id}"):
                self.add_error(f"substitute_{invitation.person_id}", _("Skriv hvem som møtte som vara."))
        return cleaned

    def rows(self) -> list[dict]:
        return [
            {
                "person": invitation.person,
                "position": invitation.position,
                "status": self.cleaned_data[f"status_{invitation.person_id}"],
                "substitute": self.cleaned_data[f"substitute_{invitation.person_id}"],
            }
            for invitation in self.invitations
        ]


class ActionItemForm(DesignsystemetForm, SubmissionKeyMixin, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["what", "owner_person", "owner_service", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"owner_person": _("Velg en person eller en tjeneste (eller begge).")}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(invitations__meeting=meeting).order_by("full_name")
        self.fields["owner_person"].queryset = people
        self.fields["owner_service"].queryset = Service.objects.filter(
            municipalities=meeting.structure.municipality_id
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner_person") and not cleaned.get("owner_service"):
            self.add_error("owner_person", _("Oppgaven må ha en ansvarlig person eller tjeneste."))
        return cleaned


class CorrectionForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(label=_("Hva skal rettes?"), max_length=300)
