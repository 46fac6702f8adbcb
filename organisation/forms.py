from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from organisation.access import administered_municipalities, administered_services, position_holder_choices
from organisation.auth import normalize_email
from organisation.models import Municipality, Position, Service, User


class FastSelect(forms.Select):
    """A <select> whose options are joined with format_html instead of a template each.

    Django renders every <option> through a template; a list of 150 services or 3,000 people then costs tens
    of milliseconds a page. The markup is the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"] if option["value"] is not None else "",
                    _SELECTED if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


_SELECTED = mark_safe(" selected")  # noqa: S308 (a constant)

_WIDGET_CLASSES = {
    forms.Select: "ds-input",
    FastSelect: "ds-input",
    forms.SelectMultiple: "ds-input",
    forms.Textarea: "ds-input",
    forms.CheckboxInput: "ds-input",
    forms.CheckboxSelectMultiple: "ds-input",
}


class DesignsystemetForm:
    """Styles widgets as Designsystemet inputs and ties each error to its field for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget.__class__ = FastSelect  # same widget, faster rendering
            css_class = _WIDGET_CLASSES.get(type(field.widget), "ds-input")
            field.widget.attrs.setdefault("class", css_class)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described_by = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    described_by.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": " ".join(described_by)}
                )


class EmailAuthenticationForm(DesignsystemetForm, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-post"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    error_messages = {
        "invalid_login": _("Feil e-post eller passord. Sjekk begge og prøv igjen."),
        "inactive": _("Denne kontoen er deaktivert."),
    }


class StyledPasswordResetForm(DesignsystemetForm, PasswordResetForm):
    pass


class StyledSetPasswordForm(DesignsystemetForm, SetPasswordForm):
    pass


class StyledPasswordChangeForm(DesignsystemetForm, PasswordChangeForm):
    pass


class MunicipalityForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "number"]


class ServiceForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = Service
        fields = ["name", "kind", "host_municipality", "municipalities", "is_municipal"]
        widgets = {"municipalities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_municipality"].queryset = administered_municipalities(user)
        # An administrator adds only municipalities they administer. Another municipality joins a shared
        # service by agreement, entered by the platform operator; it stays when the host edits the service.
        already = set(self.instance.municipalities.values_list("pk", flat=True)) if self.instance.pk else set()
        self.fields["municipalities"].queryset = Municipality.objects.filter(
            Q(pk__in=administered_municipalities(user)) | Q(pk__in=already)
        )
        self.fields["municipalities"].widget.attrs["class"] = "ds-checkbox"

    def clean(self):
        cleaned = super().clean()
        host = cleaned.get("host_municipality")
        served = cleaned.get("municipalities")
        if host and served is not None and host not in served:
            self.add_error("municipalities", _("Vertskommunen må være blant kommunene tjenesten betjener."))
        return cleaned


class PersonForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "phone", "municipality", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = administered_municipalities(user)
        self.fields["municipality"].required = True
        self.fields["is_active"].widget.attrs["class"] = "ds-checkbox"

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        clash = User.objects.filter(email=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Det finnes allerede en person med denne e-postadressen."))
        return email


class PositionForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "role", "service", "municipality", "holder"]
        help_texts = {
            "service": _("For ansatte og ledere i en tjeneste."),
            "municipality": _("For kommunal ledelse, administratorer og personvernombud."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = administered_services(user).order_by("name")
        self.fields["municipality"].queryset = administered_municipalities(user)
        # Only the administrator's own employees (and whoever holds the seat now): a neighbour's staff are
        # placed by their own administrator.
        self.fields["holder"].queryset = position_holder_choices(user, self.instance)
        self.fields["holder"].label_from_instance = lambda person: f"{person.full_name} ({person.email})"

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role in Position.SERVICE_ROLES:
            if not cleaned.get("service"):
                self.add_error("service", _("Velg tjenesten stillingen hører til."))
            cleaned["municipality"] = None
        elif role in Position.MUNICIPAL_ROLES:
            if not cleaned.get("municipality"):
                self.add_error("municipality", _("Velg kommunen rollen gjelder."))
            cleaned["service"] = None
        return cleaned
