from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from organisation.access import administered_municipalities, administered_services, position_holder_choices
from organisation.auth import normalize_email
from organisation.models import Municipality, Position, Service, User
from ui.forms import DesignsystemetForm


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


def _password_message(error: ValidationError) -> ValidationError:
    """The password validators' messages in Laget's words. Django 6.1 changed the minimum length message's
    msgid (it now formats with %d, not %(min_length)d), and Django's nb catalogue has no entry for the new one,
    so it came out in English although nb is active; the others are here so every message reads alike."""
    params = error.params or {}
    messages = {
        "password_too_short": lambda: (
            ngettext(
                "Passordet er for kort. Det må ha minst %(min_length)d tegn.",
                "Passordet er for kort. Det må ha minst %(min_length)d tegn.",
                params.get("min_length", 0),
            )
            % params
        ),
        "password_too_common": lambda: gettext("Passordet er for vanlig. Velg et som er vanskeligere å gjette."),
        "password_entirely_numeric": lambda: gettext("Passordet kan ikke bare være tall."),
        "password_too_similar": lambda: gettext("Passordet ligner for mye på %(verbose_name)s.") % params,
    }
    message = messages.get(error.code)
    return ValidationError(message(), code=error.code) if message else error


class NorwegianPasswordMessages:
    """The set-password and change-password forms' validator messages in Norwegian (see _password_message)."""

    def validate_password_for_user(self, user, password_field_name="password2"):  # noqa: S107 (a field name)
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error(password_field_name, [_password_message(e) for e in error.error_list])


class StyledSetPasswordForm(DesignsystemetForm, NorwegianPasswordMessages, SetPasswordForm):
    pass


class StyledPasswordChangeForm(DesignsystemetForm, NorwegianPasswordMessages, PasswordChangeForm):
    pass


class MunicipalityForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "number"]


# Shown to the public for each service on «Er du urolig for et barn?»; a fieldset of their own on the form.
PUBLIC_CONTACT_FIELDS = ["public_phone", "public_opening_hours", "public_address", "public_url"]


class ServiceForm(DesignsystemetForm, forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "name",
            "kind",
            "host_municipality",
            "municipalities",
            "is_municipal",
            *PUBLIC_CONTACT_FIELDS,
        ]
        widgets = {"municipalities": forms.CheckboxSelectMultiple}

    def public_contact_fields(self):
        return [self[name] for name in PUBLIC_CONTACT_FIELDS]

    def internal_fields(self):
        return [field for field in self if field.name not in PUBLIC_CONTACT_FIELDS]

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
        if self.instance.pk and self.instance.last_login:
            # Someone who has logged in owns their address: an administrator who could change it and send an
            # invitation (a password link) there could take over the account and the cases it works on.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "Personen har logget inn, så bare driftsansvarlig for Laget kan endre e-postadressen."
            )

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
