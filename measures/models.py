"""The municipality's catalogue of preventive measures, ordered by the measure pyramid and evaluated yearly."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import Municipality, Service, User


class Arena(models.Model):
    """Where a measure meets the child: svangerskap, helsestasjon, barnehage, skole, hjem, fritid …"""

    code = models.SlugField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("navn"), max_length=60)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("arena")
        verbose_name_plural = _("arenaer")

    def __str__(self) -> str:
        return self.name


class MeasureQuerySet(models.QuerySet):
    def in_municipalities(self, municipality_ids):
        return self.filter(municipality__in=municipality_ids)

    def active(self):
        return self.exclude(status=Measure.Status.ENDED)

    def evaluation_overdue(self, today: date | None = None):
        return self.active().filter(next_evaluation_on__lt=today or timezone.localdate())

    def public(self):
        return self.active().filter(is_public=True)


class Measure(models.Model):
    class Level(models.TextChoices):
        # Ordered from the pyramid's broad base to its narrow top.
        HEALTH_PROMOTION = "helsefremmende", _("Helsefremmende")
        UNIVERSAL = "universell", _("Universell")
        SELECTIVE = "selektiv", _("Selektiv")
        INDICATED = "indisert", _("Indisert")

    class Status(models.TextChoices):
        PLANNED = "planlagt", _("Planlagt")
        IN_DEVELOPMENT = "under_utvikling", _("Under utvikling")
        RUNNING = "i_gang", _("I gang")
        ENDED = "avsluttet", _("Avsluttet")

    class Cadence(models.IntegerChoices):
        HALF_YEARLY = 6, _("Hvert halvår")
        YEARLY = 12, _("Hvert år")
        EVERY_OTHER_YEAR = 24, _("Hvert andre år")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="measures", verbose_name=_("kommune")
    )
    name = models.CharField(_("navn på tiltaket"), max_length=150)
    description = models.TextField(_("beskrivelse"))
    target_group = models.CharField(_("målgruppe"), max_length=200, blank=True)
    age_from = models.PositiveSmallIntegerField(
        _("alder fra (år)"), null=True, blank=True, help_text=_("Tomt for tiltak i svangerskapet.")
    )
    age_to = models.PositiveSmallIntegerField(_("alder til (år)"), null=True, blank=True)
    arenas = models.ManyToManyField(Arena, blank=True, related_name="measures", verbose_name=_("arenaer"))
    level = models.CharField(_("nivå i tiltakspyramiden"), max_length=20, choices=Level)
    responsible_service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="responsible_for", verbose_name=_("ansvarlig tjeneste")
    )
    partner_services = models.ManyToManyField(
        Service,
        blank=True,
        related_name="partner_in",
        verbose_name=_("samarbeidspartnere"),
        help_text=_("Også tjenester utenfor kommunen, som BUP, familievernkontoret eller interkommunal PPT."),
    )
    programme = models.CharField(
        _("program eller metode"), max_length=100, blank=True, help_text=_("For eksempel COS-P, PMTO eller MOT.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.RUNNING)
    status_note = models.CharField(_("merknad til status"), max_length=200, blank=True)
    started_on = models.DateField(_("startet"), null=True, blank=True)
    ended_on = models.DateField(_("avsluttet"), null=True, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_url = models.URLField(_("nettside"), blank=True)
    contact_is_public = models.BooleanField(
        _("kontaktpersonen kan vises offentlig"),
        default=False,
        help_text=_("Uten dette viser den offentlige siden bare tjenestens navn og nettsiden."),
    )
    is_public = models.BooleanField(_("vises på den offentlige siden"), default=True)
    evaluation_cadence = models.PositiveSmallIntegerField(_("evalueres"), choices=Cadence, default=Cadence.YEARLY)
    next_evaluation_on = models.DateField(_("neste evaluering"))

    objects = MeasureQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[arenas, partner_services])

    class Meta:
        ordering = ["name"]
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="measure_name_unique_per_municipality"),
            models.CheckConstraint(
                condition=models.Q(age_from__isnull=True)
                | models.Q(age_to__isnull=True)
                | models.Q(age_to__gte=models.F("age_from")),
                name="measure_age_range_in_order",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "level", "status"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("measures:measure-detail", args=[self.pk])

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("municipality", "name"):
            # Most often a double-clicked «Lagre»: say that the measure is there, not that a constraint failed.
            return ValidationError(
                _(
                    "%(municipality)s har allerede et tiltak som heter «%(name)s». "
                    "Trykket du «Lagre» to ganger, er tiltaket lagret én gang."
                ),
                code="unique_together",
                params={"municipality": self.municipality, "name": self.name},
            )
        return super().unique_error_message(model_class, unique_check)

    def clean(self) -> None:
        errors = {}
        if self.age_from is not None and self.age_to is not None and self.age_to < self.age_from:
            errors["age_to"] = _("Alderen kan ikke slutte før den begynner (%(start)s år).") % {"start": self.age_from}
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("Tiltaket kan ikke avsluttes før det startet.")
        if errors:
            raise ValidationError(errors)

    @property
    def evaluation_is_overdue(self) -> bool:
        return self.status != self.Status.ENDED and self.next_evaluation_on < timezone.localdate()

    @property
    def age_label(self) -> str:
        if self.age_from is None and self.age_to is None:
            return ""
        if self.age_from is None:
            return _("svangerskap til %(end)s år") % {"end": self.age_to}
        if self.age_to is None:
            return _("fra %(start)s år") % {"start": self.age_from}
        return _("%(start)s–%(end)s år") % {"start": self.age_from, "end": self.age_to}

    def get_level_display(self) -> str:
        return str(self.Level(self.level).label)  # cheaper than Django's generic version, see Service

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)


class Evaluation(models.Model):
    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Videreføre")
        ADJUST = "adjust", _("Justere")
        STOP = "stop", _("Avslutte")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("dato for evalueringen"))
    evaluated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="measure_evaluations", verbose_name=_("registrert av")
    )
    participants = models.CharField(
        _("hvem evaluerte"), max_length=300, blank=True, help_text=_("Tjenester eller møte, som «TOG vår 2026».")
    )
    reach = models.PositiveIntegerField(_("antall deltakere"), help_text=_("Hvor mange tok del i perioden."))
    what_worked = models.TextField(_("hva virket"))
    what_did_not = models.TextField(_("hva virket ikke"), blank=True)
    decision = models.CharField(_("beslutning"), max_length=10, choices=Decision)
    decision_note = models.TextField(_("begrunnelse og justeringer"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-evaluated_on", "-pk"]
        verbose_name = _("evaluering")
        verbose_name_plural = _("evalueringer")
        constraints = [
            # One evaluation a measure and day: a second one is a double submit or the same meeting registered
            # twice. services.evaluation_record explains what the user is told.
            models.UniqueConstraint(fields=["measure", "evaluated_on"], name="evaluation_one_per_measure_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.evaluated_on}"

    def get_decision_display(self) -> str:
        return str(self.Decision(self.decision).label)


class CataloguePartnerQuerySet(models.QuerySet):
    def in_municipalities(self, municipality_ids):
        return self.filter(municipality__in=municipality_ids)


class CataloguePartner(models.Model):
    """A partner the catalogue points to but that is no level of the pyramid: inter-municipal services,
    agreements with the specialist health service and other partners (Hemsedal's plan §11.5: PPT, barnevern,
    NAV, BUP …). Listed apart from the measures, so that counts by level stay the plan's own."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="catalogue_partners", verbose_name=_("kommune")
    )
    name = models.CharField(_("navn"), max_length=150)
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tjeneste i Laget"),
        help_text=_("Tomt når samarbeidspartneren ikke er registrert som tjeneste."),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    offer = models.TextField(_("hva de tilbyr"), blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_url = models.URLField(_("nettside"), blank=True)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    objects = CataloguePartnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("samarbeidspartner")
        verbose_name_plural = _("interkommunale tiltak og samarbeidspartnere")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="catalogue_partner_name_unique",
                violation_error_message=_("Kommunen har allerede en samarbeidspartner med dette navnet."),
            )
        ]

    def __str__(self) -> str:
        return self.name
