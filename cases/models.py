"""A child's case from concern to closure through the BTI levels, with its log (the stafettlogg).

Who sees a case is kept as django-guardian object permissions on the case (cases/access.py computes them from
the level, the owning service, the grants and the holder; cases/services.py writes them with every change).
Every read of a child's data is written to `AccessLog`, which the database refuses to change or delete
(cases/protection.py), as it refuses to change or delete log entries and history rows.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords
from stdnum.no import fodselsnummer

from organisation.models import Municipality, Service

TEXT_MAX = 5000  # a log entry or a concern field: a page of text, so a page or a PDF of the case stays bounded


def validate_national_id(value: str) -> None:
    if not fodselsnummer.is_valid(value):
        raise ValidationError(
            _("Fødselsnummeret eller D-nummeret er ikke gyldig. Sjekk de elleve sifrene."), code="invalid"
        )


class Child(models.Model):
    class AddressProtection(models.TextChoices):
        NONE = "", _("Ingen")
        CONFIDENTIAL = "fortrolig", _("Fortrolig adresse")
        STRICTLY_CONFIDENTIAL = "strengt_fortrolig", _("Strengt fortrolig adresse")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="children", verbose_name=_("bostedskommune")
    )
    full_name = models.CharField(_("barnets navn"), max_length=150)
    birth_date = models.DateField(_("fødselsdato"))
    national_id = models.CharField(
        _("fødselsnummer eller D-nummer"),
        max_length=11,
        blank=True,
        validators=[validate_national_id],
        help_text=_("Elleve sifre. Kan stå tomt."),
    )
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    address_protection = models.CharField(
        _("adressesperre"), max_length=20, choices=AddressProtection, blank=True, default=AddressProtection.NONE
    )
    school_or_kindergarten = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("barnehage eller skole"),
    )
    grade = models.CharField(_("trinn eller avdeling"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("registrert"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("barn")
        verbose_name_plural = _("barn")

    def __str__(self) -> str:
        return self.full_name

    @property
    def has_protected_address(self) -> bool:
        return bool(self.address_protection)

    def clean(self) -> None:
        if (
            self.national_id
            and self.birth_date
            and fodselsnummer.is_valid(self.national_id)
            and fodselsnummer.get_birth_date(self.national_id) != self.birth_date
        ):
            raise ValidationError(
                {"national_id": _("Fødselsnummeret passer ikke med fødselsdatoen.")}, code="birth_date"
            )


class Guardian(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="guardians")
    full_name = models.CharField(_("navn"), max_length=150)
    relation = models.CharField(_("relasjon til barnet"), max_length=60, blank=True, help_text=_("For eksempel mor."))
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    parental_responsibility = models.BooleanField(_("har foreldreansvar"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("foresatt")
        verbose_name_plural = _("foresatte")

    def __str__(self) -> str:
        return self.full_name


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class Case(models.Model):
    class Level(models.IntegerChoices):
        LEVEL_0 = 0, _("Nivå 0 – undring og bekymring")
        LEVEL_1 = 1, _("Nivå 1 – tiltak i egen tjeneste")
        LEVEL_2 = 2, _("Nivå 2 – enkelt samarbeid")
        LEVEL_3 = 3, _("Nivå 3 – komplekst samarbeid")

    class ClosureReason(models.TextChoices):
        GOAL_REACHED = "goal_reached", _("Ønsket endring for barnet er nådd")
        NO_CONCERN = "no_concern", _("Bekymringen ble ikke bekreftet")
        MOVED = "moved", _("Barnet har flyttet")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Samtykket er trukket")
        TAKEN_OVER = "taken_over", _("Fulgt opp av en annen tjeneste alene")
        OTHER = "other", _("Annen grunn")

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cases", verbose_name=_("barn"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="cases", verbose_name=_("kommune")
    )
    owning_service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="owned_cases", verbose_name=_("ansvarlig tjeneste")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrert av")
    )
    registered_at = models.DateTimeField(_("registrert"), default=timezone.now)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="held_cases",
        verbose_name=_("stafettholder"),
        help_text=_("Den som har stafettpinnen: koordinator eller los for barnet."),
    )
    level = models.PositiveSmallIntegerField(_("BTI-nivå"), choices=Level, default=Level.LEVEL_0)
    guardians_contact_due = models.DateField(_("frist for samtale med foresatte"))
    guardians_contacted_on = models.DateField(_("foresatte kontaktet"), null=True, blank=True)
    decision_due = models.DateField(_("frist for beslutning"))
    decided_on = models.DateField(_("besluttet"), null=True, blank=True)
    consent_recorded_on = models.DateField(_("samtykke gitt"), null=True, blank=True)
    consent_note = models.TextField(
        _("samtykket"),
        max_length=2000,
        blank=True,
        help_text=_("Hvem som samtykket, til hvilke tjenester, til hva og hvor lenge."),
    )
    child_goals = models.TextField(_("barnets egne mål"), max_length=TEXT_MAX, blank=True)
    has_right_to_child_coordinator = models.BooleanField(
        _("har rett til barnekoordinator"),
        default=False,
        help_text=_("Barn med alvorlig sykdom, skade eller funksjonsnedsettelse som trenger sammensatte tjenester."),
    )
    child_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("barnekoordinator"),
    )
    individual_plan_started_on = models.DateField(_("individuell plan startet"), null=True, blank=True)
    responsibility_group = models.TextField(
        _("ansvarsgruppe"),
        max_length=2000,
        blank=True,
        help_text=_("Hvem som er med, også barnet og de foresatte, og hvor ofte gruppen møtes."),
    )
    closed_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    closure_reason = models.CharField(_("grunn til avslutning"), max_length=30, choices=ClosureReason, blank=True)
    moved_to = models.CharField(_("flyttet til kommune"), max_length=100, blank=True)
    # Counted up by every change through cases/services.py: a form carries the number it was opened with, so
    # a second person's change made meanwhile is found and said, not overwritten.
    version = models.PositiveIntegerField(default=1, editable=False)
    # A one-time key from the form, so a double-clicked submit is stored once (see cases/services.py).
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-registered_at", "-pk"]
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        indexes = [models.Index(fields=["holder", "closed_at"]), models.Index(fields=["owning_service", "level"])]

    def __str__(self) -> str:
        return _("Sak %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def get_level_display(self) -> str:
        return str(self.Level(self.level).label)


class Concern(models.Model):
    """The concern that opened the case, with the fields of the hendelsesskjema (seeds/001_…)."""

    class GuardiansContacted(models.TextChoices):
        YES = "yes", _("Ja, foresatte er kontaktet")
        NOT_YET = "not_yet", _("Ikke ennå")
        NO = "no", _("Nei, og det skal ikke gjøres nå")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="concern")
    observed_at = models.DateTimeField(_("når"))
    place = models.CharField(_("hvor"), max_length=200)
    noticed_by = models.CharField(_("hvem la merke til det"), max_length=200)
    event = models.TextField(
        _("hva skjedde"),
        max_length=TEXT_MAX,
        help_text=_("Det objektive: hva barnet sa, gjorde eller viste. Bruk barnets egne ord."),
    )
    clarification = models.TextField(
        _("utdyping"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Hvem var til stede, hva skjedde før og etter, hvor, hvordan og når."),
    )
    own_assessment = models.TextField(
        _("egen vurdering"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("«Jeg opplevde at … Barnet virket … Jeg ble urolig fordi …»"),
    )
    talked_more_with_child = models.BooleanField(_("snakket mer med barnet"), default=False)
    discussed_with_leader = models.BooleanField(_("drøftet med leder"), default=False)
    contacted_other_services = models.BooleanField(_("kontaktet andre tjenester"), default=False)
    contacted_child_welfare = models.BooleanField(_("kontaktet barnevernet (drøfting)"), default=False)
    contacted_police = models.BooleanField(_("kontaktet politiet"), default=False)
    extra_care = models.BooleanField(_("ga barnet ekstra omsorg og oppfølging"), default=False)
    guardians_contacted = models.CharField(
        _("kontakt med foresatte"), max_length=10, choices=GuardiansContacted, default=GuardiansContacted.NOT_YET
    )
    guardians_not_contacted_reason = models.TextField(
        _("hvorfor foresatte ikke kontaktes"), max_length=2000, blank=True
    )
    actions_note = models.TextField(_("annet som ble gjort"), max_length=TEXT_MAX, blank=True)
    child_voice = models.TextField(_("barnets egne ord og ønsker"), max_length=TEXT_MAX, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bekymring")
        verbose_name_plural = _("bekymringer")

    def __str__(self) -> str:
        return _("Bekymring i sak %(number)s") % {"number": self.case_id}


class LogEntry(models.Model):
    """One line of the stafettlogg. Never changed in place: a correction is a new entry that points to it."""

    class Kind(models.TextChoices):
        CONCERN = "concern", _("Bekymring registrert")
        OBSERVATION = "observation", _("Observasjon")
        CONVERSATION = "conversation", _("Samtale")
        GUARDIANS_CONTACTED = "guardians", _("Samtale med foresatte")
        DECISION = "decision", _("Beslutning")
        LEVEL_CHANGE = "level", _("Endret nivå")
        MEASURE = "measure", _("Tiltak")
        MEASURE_EVALUATED = "measure_evaluated", _("Tiltak evaluert")
        GRANT = "grant", _("Tilgang for tjeneste")
        HANDOVER = "handover", _("Stafettpinnen")
        REFERRAL = "referral", _("Henvisning")
        MEETING = "meeting", _("Drøftet i møte")
        CHILD_WELFARE_REPORT = "child_welfare_report", _("Bekymringsmelding til barnevernet")
        CONSENT = "consent", _("Samtykke")
        PLAN = "plan", _("Mål, plan og koordinering")
        CLOSED = "closed", _("Avsluttet")
        REOPENED = "reopened", _("Gjenåpnet")
        CORRECTION = "correction", _("Rettelse")

    # Kinds a person writes by hand; the others are written by the service that made the change.
    WRITTEN_KINDS = (Kind.OBSERVATION, Kind.CONVERSATION, Kind.GUARDIANS_CONTACTED, Kind.MEETING)
    # What a correction may point to: what someone wrote (not a correction, not a line a change wrote).
    CORRECTABLE_KINDS = (*WRITTEN_KINDS, Kind.CONCERN)

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="log_entries")
    kind = models.CharField(_("type"), max_length=30, choices=Kind)
    occurred_on = models.DateField(_("dato"))
    text = models.TextField(_("tekst"), max_length=TEXT_MAX)
    child_voice = models.TextField(_("barnets stemme"), max_length=TEXT_MAX, blank=True)
    guardians_voice = models.TextField(_("foresattes stemme"), max_length=TEXT_MAX, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_service = models.ForeignKey(Service, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections")
    # A one-time key from the form, so a double-clicked submit is stored once (see cases/services.py).
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["occurred_on", "created_at", "pk"]
        verbose_name = _("loggføring")
        verbose_name_plural = _("stafettlogg")
        indexes = [models.Index(fields=["case", "occurred_on", "created_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_on:%d.%m.%Y} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("En loggføring kan ikke endres. Skriv en rettelse i stedet."))
        super().save(*args, **kwargs)

    def get_kind_display(self) -> str:
        return str(self.Kind(self.kind).label)


class ServiceGrant(models.Model):
    """At level 2 and 3, a service that works on the case with the owning service, on the consent recorded."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="grants")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("tjeneste"))
    consent_basis = models.TextField(
        _("samtykket tilgangen bygger på"),
        max_length=2000,
        help_text=_("Hvem samtykket, når og til hva."),
    )
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["granted_at", "pk"]
        verbose_name = _("tilgang for tjeneste")
        verbose_name_plural = _("tilganger for tjenester")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "service"], condition=Q(ended_at__isnull=True), name="one_open_grant_per_service"
            )
        ]

    def __str__(self) -> str:
        return str(self.service)


class Handover(models.Model):
    """The stafettpinne handed to someone else. Until the receiver accepts, the sender keeps it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="handovers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handovers_to_me", verbose_name=_("til")
    )
    note = models.TextField(_("melding til mottakeren"), max_length=2000, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    accepted = models.BooleanField(null=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("overlevering av stafettpinnen")
        verbose_name_plural = _("overleveringer av stafettpinnen")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(answered_at__isnull=True), name="one_waiting_handover_per_case"
            )
        ]

    def __str__(self) -> str:
        return _("Overlevering i sak %(number)s") % {"number": self.case_id}


class Referral(models.Model):
    class Answer(models.TextChoices):
        WAITING = "waiting", _("Venter på svar")
        ACCEPTED = "accepted", _("Tatt imot")
        DECLINED = "declined", _("Avslag")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    to_service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("henvist til"))
    reason = models.TextField(_("hva henvisningen gjelder"), max_length=2000)
    sent_on = models.DateField(_("sendt"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    follow_up_while_waiting = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("følger opp barnet mens det venter"),
    )
    answer = models.CharField(_("svar"), max_length=10, choices=Answer, default=Answer.WAITING)
    answered_on = models.DateField(_("svar mottatt"), null=True, blank=True)
    decline_reason = models.TextField(_("begrunnelse for avslag"), max_length=2000, blank=True)
    discharged_on = models.DateField(_("avsluttet der"), null=True, blank=True)
    discharge_note = models.TextField(_("epikrise og videre oppfølging"), max_length=TEXT_MAX, blank=True)
    # A one-time key from the form, so a double-clicked submit is stored once (see cases/services.py).
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")

    def __str__(self) -> str:
        return str(self.to_service)

    @property
    def waiting_days(self) -> int:
        until = self.answered_on or timezone.localdate()
        return (until - self.sent_on).days


class ChildWelfareReport(models.Model):
    """A bekymringsmelding sent to barnevernet: the duty to report stands without consent and at every level."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="child_welfare_reports")
    sent_on = models.DateField(_("sendt"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("kort om meldingen"), max_length=2000, blank=True)
    # A one-time key from the form, so a double-clicked submit is stored once (see cases/services.py).
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("bekymringsmelding")
        verbose_name_plural = _("bekymringsmeldinger")

    def __str__(self) -> str:
        return _("Bekymringsmelding %(date)s") % {"date": f"{self.sent_on:%d.%m.%Y}"}


class CaseMeasure(models.Model):
    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Fortsetter")
        ADJUST = "adjust", _("Justeres")
        END = "end", _("Avsluttes")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="measures")
    catalogue_measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fra tiltakskatalogen"),
    )
    title = models.CharField(_("tiltak"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarlig")
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("slutt"), null=True, blank=True)
    evaluate_on = models.DateField(_("evalueres"))
    evaluated_on = models.DateField(_("evaluert"), null=True, blank=True)
    evaluation = models.TextField(_("evaluering"), max_length=TEXT_MAX, blank=True)
    decision = models.CharField(_("beslutning"), max_length=10, choices=Decision, blank=True)
    # A one-time key from the form, so a double-clicked submit is stored once (see cases/services.py).
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("tiltak for barnet")
        verbose_name_plural = _("tiltak for barnet")

    def __str__(self) -> str:
        return self.title


class AccessLog(models.Model):
    """Who read which child's data, when, what and on what basis. Written in the transaction of the response."""

    class Action(models.TextChoices):
        VIEW = "view", _("Så saken")
        LIST = "list", _("Så i en liste")
        SEARCH = "search", _("Så i et søk")
        EDIT = "edit", _("Åpnet et skjema")
        EXPORT = "export", _("Lastet ned")
        DENIED = "denied", _("Nektet tilgang")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=10, choices=Action)
    view_name = models.CharField(max_length=80)
    basis = models.CharField(max_length=200)
    client_ip = models.GenericIPAddressField(null=True)
    request_id = models.UUIDField(default=uuid.uuid4)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("innsynslogg")
        verbose_name_plural = _("innsynslogg")
        indexes = [models.Index(fields=["child", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
