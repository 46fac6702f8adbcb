"""The organisation: municipalities, the services that serve them, and the positions people hold.

Meeting structures and cases refer to positions, not people: when a helsesykepleier leaves, one edit of
the position's holder moves every seat and duty that hangs on it.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.auth import normalize_email


class Municipality(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    number = models.CharField(
        _("kommunenummer"),
        max_length=4,
        unique=True,
        help_text=_("Fire sifre, som 3324 for Hemsedal."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.number and not (len(self.number) == 4 and self.number.isdigit()):
            raise ValidationError({"number": _("Kommunenummeret må være fire sifre.")})


class ServiceQuerySet(models.QuerySet):
    def serving(self, municipality_ids):
        return self.filter(municipalities__in=municipality_ids).distinct()


class Service(models.Model):
    class Kind(models.TextChoices):
        HEALTH_STATION = "helsestasjon", _("Helsestasjon og skolehelsetjeneste")
        FAMILY_HOUSE = "familiens_hus", _("Familiens hus")
        MIDWIFE = "jordmor", _("Jordmortjeneste")
        KINDERGARTEN = "barnehage", _("Barnehage")
        SCHOOL = "skole", _("Skole")
        AFTER_SCHOOL = "sfo", _("SFO")
        PPT = "ppt", _("PPT (pedagogisk-psykologisk tjeneste)")
        CHILD_WELFARE = "barnevern", _("Barnevern")
        NAV = "nav", _("NAV")
        MENTAL_HEALTH = "psykisk_helse", _("Psykisk helsetjeneste barn og unge")
        MUNICIPAL_PSYCHOLOGIST = "kommunepsykolog", _("Kommunepsykolog")
        GP = "fastlege", _("Fastlege")
        BUP = "bup", _("BUP (barne- og ungdomspsykiatrisk poliklinikk)")
        POLICE = "politi", _("Politi")
        SLT = "slt", _("SLT (samordning av lokale kriminalitetsforebyggende tiltak)")
        CULTURE = "kultur", _("Kultur og fritid")
        VOLUNTARY = "frivillig", _("Frivillige")
        OTHER = "annet", _("Annen tjeneste")

    name = models.CharField(_("navn"), max_length=150)
    kind = models.CharField(_("type tjeneste"), max_length=30, choices=Kind)
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="hosted_services",
        verbose_name=_("vertskommune"),
        help_text=_("Kommunen som driver tjenesten og administrerer den i Laget."),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="services",
        verbose_name=_("betjener kommunene"),
        help_text=_("Alle kommunene tjenesten betjener, vertskommunen medregnet."),
    )
    is_municipal = models.BooleanField(
        _("kommunal tjeneste"),
        default=True,
        help_text=_("Slå av for samarbeidspartnere utenfor kommunen, som BUP og politi."),
    )
    # How the public reaches the service: shown for each service on «Er du urolig for et barn?».
    public_phone = models.CharField(
        _("telefon for publikum"),
        max_length=30,
        blank=True,
        help_text=_("Sentralbord eller fast nummer publikum kan ringe, aldri en ansatts private mobil."),
    )
    public_opening_hours = models.CharField(
        _("åpningstider"),
        max_length=200,
        blank=True,
        help_text=_("Når publikum når tjenesten, for eksempel «Mandag–fredag kl. 08.00–15.30»."),
    )
    public_address = models.CharField(
        _("besøksadresse"), max_length=200, blank=True, help_text=_("Gateadresse og sted publikum kan møte opp på.")
    )
    public_url = models.URLField(
        _("nettside for publikum"), blank=True, help_text=_("Tjenestens side på kommunens nettsted.")
    )

    objects = ServiceQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[municipalities])

    class Meta:
        ordering = ["name"]
        verbose_name = _("tjeneste")
        verbose_name_plural = _("tjenester")
        constraints = [
            models.UniqueConstraint(fields=["host_municipality", "name"], name="service_name_unique_per_host"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:service-detail", args=[self.pk])

    def get_kind_display(self) -> str:
        # Django's generic version rebuilds a dict of every (lazy) choice on each call: a tenth of a list page.
        return str(self.Kind(self.kind).label)

    @property
    def public_phone_uri(self) -> str:
        """The public phone as a tel: address ("32 05 50 00" -> "tel:32055000"), or "" without one."""
        digits = "".join(char for char in self.public_phone if char.isdigit() or char == "+")
        return f"tel:{digits}" if digits else ""

    @property
    def has_public_contact(self) -> bool:
        return bool(self.public_phone or self.public_opening_hours or self.public_address or self.public_url)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Addresses are stored normalised ("Kari@Hemsedal.kommune.no" is kari@hemsedal.kommune.no) and compared
        # exactly: iexact would compare with UPPER(), which also matches look-alikes such as "ı" for "i".
        return self.get(email=normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. What they may see follows from the positions they hold."""

    email = models.EmailField(_("e-post"), unique=True)
    full_name = models.CharField(_("fullt navn"), max_length=150)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("arbeidsgiverkommune"),
        help_text=_("Kommunen som administrerer brukerkontoen."),
    )
    is_active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Slå av når personen slutter. Pågående økter avsluttes da.")
    )
    is_staff = models.BooleanField(_("tilgang til Django-admin"), default=False)
    date_joined = models.DateTimeField(_("opprettet"), default=timezone.now)
    # Part of the session hash; every save of an inactive person bumps it, so sessions from before a
    # deactivation stay dead when the person is reactivated (ASVS 7.4.2).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login", "session_generation"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")

    def __str__(self) -> str:
        return self.full_name or self.email

    @classmethod
    def normalize_username(cls, username):
        return normalize_email(username)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)  # however the row was built (admin, factories, shell)
        if not self.is_active:
            # Django refuses an inactive person's session, but only while they stay inactive: reactivation
            # would bring the old sessions back. A new generation changes the session hash for good.
            self.session_generation += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "session_generation"}
        super().save(*args, **kwargs)

    def _session_hash(self, secret=None) -> str:
        if not self.session_generation:  # never deactivated: Django's own hash, so existing sessions survive
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "organisation.User.get_session_auth_hash",
            f"{self.session_generation}:{self.password}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class PositionQuerySet(models.QuerySet):
    def held_by(self, user):
        return self.filter(holder=user)

    def in_service(self):
        return self.filter(service__isnull=False)


class Position(models.Model):
    """A seat in a service (staff, leader) or in the municipality (leadership, administrator, privacy officer)."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Ansatt")
        SERVICE_LEADER = "service_leader", _("Leder av tjenesten")
        LEADERSHIP = "leadership", _("Kommunal ledelse")
        ADMINISTRATOR = "administrator", _("Administrator")
        PRIVACY_OFFICER = "privacy_officer", _("Personvernombud")

    SERVICE_ROLES = (Role.STAFF, Role.SERVICE_LEADER)
    MUNICIPAL_ROLES = (Role.LEADERSHIP, Role.ADMINISTRATOR, Role.PRIVACY_OFFICER)

    title = models.CharField(_("stillingstittel"), max_length=150)
    role = models.CharField(_("rolle"), max_length=20, choices=Role, default=Role.STAFF)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("tjeneste"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("kommune"),
    )
    holder = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("innehaver"),
        help_text=_("Tom når stillingen er ledig."),
    )

    objects = PositionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("stilling")
        verbose_name_plural = _("stillinger")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(service__isnull=False, municipality__isnull=True, role__in=["staff", "service_leader"])
                    | Q(
                        service__isnull=True,
                        municipality__isnull=False,
                        role__in=["leadership", "administrator", "privacy_officer"],
                    )
                ),
                name="position_in_service_or_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.service or self.municipality})"

    def get_role_display(self) -> str:
        return str(self.Role(self.role).label)  # see Service.get_kind_display

    def clean(self) -> None:
        if self.role in self.SERVICE_ROLES and not self.service_id:
            raise ValidationError({"service": _("En stilling som ansatt eller leder må høre til en tjeneste.")})
        if self.role in self.MUNICIPAL_ROLES and not self.municipality_id:
            raise ValidationError({"municipality": _("En kommunal rolle må høre til en kommune.")})
        if self.role in self.SERVICE_ROLES:
            self.municipality = None
        else:
            self.service = None
