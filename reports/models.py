"""The annual evaluation report: each PDF built is kept unchanged, with who asked, when, the period and its
checksum; the text parts are written per municipality and period before the report is built."""

import uuid
from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import Municipality, Service, User


class PeriodKind(models.TextChoices):
    CALENDAR = "calendar", _("Kalenderår")
    SCHOOL = "school", _("Skoleår")


def period_dates(kind: str, year: int) -> tuple[date, date]:
    """The first and last day of a calendar year, or of the school year that starts in August of `year`."""
    if kind == PeriodKind.SCHOOL:
        return date(year, 8, 1), date(year + 1, 7, 31)
    return date(year, 1, 1), date(year, 12, 31)


def period_label(kind: str, year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}" if kind == PeriodKind.SCHOOL else str(year)


def _report_pdf_path(instance, filename: str) -> str:
    # A random name: the path says nothing of the municipality or the period.
    return f"reports/{uuid.uuid4().hex}.pdf"


class AnnualReport(models.Model):
    """One build of the report for one municipality and period. Never changed once ready: a new build is a new
    row, so every report given to the forum stays downloadable as it was."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        BUILDING = "building", _("Lages")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Feilet")

    # Longer than the build task's hard time limit (reports/tasks.py): a build still marked as being made
    # after this long lost its worker.
    STALE_AFTER = timedelta(minutes=10)
    IN_PROGRESS = (Status.QUEUED, Status.BUILDING)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("kommune")
    )
    kind = models.CharField(_("periode"), max_length=10, choices=PeriodKind, default=PeriodKind.CALENDAR)
    year = models.PositiveSmallIntegerField(_("år"))
    period_start = models.DateField(_("fra"))
    period_end = models.DateField(_("til"))
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("bestilt av"))
    requested_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to=_report_pdf_path, blank=True)
    sha256 = models.CharField(_("sjekksum (SHA-256)"), max_length=64, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    # The forum's yearly evaluation meeting whose minutes the report is attached to (the PDF stays unchanged).
    meeting = models.ForeignKey(
        "collaboration.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annual_reports",
        verbose_name=_("lagt ved referatet fra møtet"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")
        constraints = [
            # The same request twice while one builds starts no second build (services.report_request).
            models.UniqueConstraint(
                fields=["municipality", "kind", "year"],
                condition=Q(status__in=["queued", "building"]),
                name="one_report_build_per_period",
            ),
            models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")), name="report_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.kind, self.year)

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS and not self.is_stale

    @property
    def is_stale(self) -> bool:
        """Marked as being made for longer than any build may take: its worker died."""
        return (
            self.status == self.Status.BUILDING
            and self.started_at is not None
            and timezone.now() - self.started_at > self.STALE_AFTER
        )

    @property
    def may_retry(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stale


TEXT_MAX = 6_000


class ReportText(models.Model):
    """What the numbers cannot say, written by leadership or an administrator for one municipality and period.
    A part left empty is listed in the report as missing."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=PeriodKind, default=PeriodKind.CALENDAR)
    year = models.PositiveSmallIntegerField()
    goal = models.TextField(_("Hovedmålet: hva ble gjort"), blank=True, max_length=TEXT_MAX)
    subgoal_child = models.TextField(_("Barnet, ungdommen og familien i sentrum"), blank=True, max_length=TEXT_MAX)
    subgoal_collaboration = models.TextField(
        _("Sektorovergripende, tverrfaglig samarbeid og gode møteplasser"), blank=True, max_length=TEXT_MAX
    )
    subgoal_competence = models.TextField(_("Nødvendig kompetanse hos ansatte"), blank=True, max_length=TEXT_MAX)
    subgoal_early = models.TextField(
        _("Tidlig innsats – tidlig i alder og tidlig i et forløp"), blank=True, max_length=TEXT_MAX
    )
    challenges = models.TextField(
        _("Utfordringsbildet"),
        blank=True,
        max_length=TEXT_MAX,
        help_text=_(
            "Indikatorer fra folkehelseprofil, oppvekstprofil, Ungdata og elevundersøkelsen: verdi, år, kilde og "
            "landsverdi."
        ),
    )
    observations = models.TextField(_("Observasjoner fra tjenestene"), blank=True, max_length=TEXT_MAX)
    participation_individual = models.TextField(_("Brukermedvirkning på individnivå"), blank=True, max_length=TEXT_MAX)
    participation_system = models.TextField(_("Brukermedvirkning på systemnivå"), blank=True, max_length=TEXT_MAX)
    competence = models.TextField(
        _("Kompetanse"), blank=True, max_length=TEXT_MAX, help_text=_("Hvem som har hvilken opplæring, per tjeneste.")
    )
    forum_evaluation = models.TextField(_("Forumets evaluering av planen"), blank=True, max_length=TEXT_MAX)
    priorities = models.TextField(_("Prioriteringer for neste år"), blank=True, max_length=TEXT_MAX)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    PARTS = (
        "goal",
        "subgoal_child",
        "subgoal_collaboration",
        "subgoal_competence",
        "subgoal_early",
        "challenges",
        "observations",
        "participation_individual",
        "participation_system",
        "competence",
        "forum_evaluation",
        "priorities",
    )

    class Meta:
        verbose_name = _("tekst til årsrapporten")
        verbose_name_plural = _("tekster til årsrapporten")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind", "year"], name="one_report_text_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {period_label(self.kind, self.year)}"

    def missing_parts(self) -> list[str]:
        return [str(self._meta.get_field(name).verbose_name) for name in self.PARTS if not getattr(self, name).strip()]


class Indicator(models.Model):
    """One figure of the challenge picture (report section 3): a value for one year from a named source, beside
    the national value. Kept per municipality and shown in every report; the report gives the age of the data."""

    class Source(models.TextChoices):
        PUBLIC_HEALTH_PROFILE = "folkehelseprofil", _("Folkehelseprofil")
        CHILDHOOD_PROFILE = "oppvekstprofil", _("Oppvekstprofil")
        UNGDATA = "ungdata", _("Ungdata")
        PUPIL_SURVEY = "elevundersokelsen", _("Elevundersøkelsen")
        OTHER = "annet", _("Annen kilde")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="report_indicators", verbose_name=_("kommune")
    )
    name = models.CharField(_("indikator"), max_length=200, help_text=_("For eksempel «Barn i lavinntektsfamilier»."))
    source = models.CharField(_("kilde"), max_length=20, choices=Source)
    year = models.PositiveSmallIntegerField(_("år"), help_text=_("Året tallet gjelder for."))
    value = models.DecimalField(_("verdi"), max_digits=9, decimal_places=1)
    unit = models.CharField(_("enhet"), max_length=20, blank=True, default="%")
    national_value = models.DecimalField(_("landet"), max_digits=9, decimal_places=1, null=True, blank=True)
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "name", "-year"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "source", "name", "year"], name="one_indicator_value_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    def get_source_display(self) -> str:
        return str(self.Source(self.source).label)


class Competence(models.Model):
    """Who in a service is trained in what (report section 9), for example «COS-P: 4 helsesykepleiere»."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="report_competences", verbose_name=_("kommune")
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("tjeneste"))
    training = models.CharField(_("opplæring"), max_length=150, help_text=_("For eksempel COS-P, PMTO eller BTI."))
    people = models.PositiveSmallIntegerField(_("antall ansatte med opplæringen"))
    positions = models.CharField(
        _("hvem"), max_length=200, blank=True, help_text=_("Stillinger, for eksempel «helsesykepleiere».")
    )
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True, help_text=_("Året opplæringen ble gitt."))
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["service__name", "training"]
        verbose_name = _("kompetanse")
        verbose_name_plural = _("kompetanse")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "service", "training"], name="one_competence_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.training}"
