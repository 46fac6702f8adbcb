"""Notifications: what is due for whom, recorded once under a unique key, shown in the app and sent by e-mail.

The key names the kind, the object, the recipient and the due moment ("action_overdue:action:17:week2:person:5").
The sweep inserts a row per key that does not exist yet, so the same reminder is never recorded twice, whoever
sweeps and however often; the row is the outbox from which one e-mail is sent.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import Municipality


class Kind(models.TextChoices):
    MEETING_INVITATION = "meeting_invitation", _("Innkalling til møte")
    MEETING_UPDATED = "meeting_updated", _("Møtet er flyttet eller endret")
    MEETING_CANCELLED = "meeting_cancelled", _("Møtet er avlyst, eller du er ikke lenger innkalt")
    MEETING_REMINDER = "meeting_reminder", _("Påminnelse om møte")
    ACTION_ASSIGNED = "action_assigned", _("Ny oppgave til deg")
    ACTION_DUE = "action_due", _("Oppgave med frist snart")
    ACTION_OVERDUE = "action_overdue", _("Oppgave over fristen")
    MINUTES_UNWRITTEN = "minutes_unwritten", _("Referat som ikke er skrevet")
    MINUTES_TO_APPROVE = "minutes_to_approve", _("Referat som venter på godkjenning")
    MINUTES_APPROVED = "minutes_approved", _("Referat godkjent")
    MEASURE_EVALUATION = "measure_evaluation", _("Tiltak som skal evalueres")
    CASE_DECISION = "case_decision", _("Bekymring som ikke er besluttet innen fristen")
    CASE_MEASURE_EVALUATION = "case_measure_evaluation", _("Tiltak for et barn som skal evalueres")
    CASE_SILENT = "case_silent", _("Sak uten loggføring på lenge")
    HANDOVER_WAITING = "handover_waiting", _("Stafettpinnen venter på deg")
    PLAN_EVALUATION = "plan_evaluation", _("Årlig evaluering av planen")


class Notification(models.Model):
    class Email(models.TextChoices):
        PENDING = "pending", _("Venter på å bli sendt")
        SENT = "sent", _("Sendt på e-post")
        FAILED = "failed", _("E-posten kunne ikke sendes")
        DIGEST = "digest", _("Med i daglig oppsummering")
        IN_DIGEST = "in_digest", _("Sendt i daglig oppsummering")
        OFF = "off", _("Bare i Laget (e-post slått av)")

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=Kind)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # What the notice says: never a child's name, birth date, identity number or what a case is about.
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=1000, blank=True)
    url = models.CharField(max_length=200)
    # A meeting notice carries its .ics (REQUEST, or CANCEL) with the meeting's UID and this SEQUENCE.
    meeting = models.ForeignKey(
        "collaboration.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    ics_method = models.CharField(max_length=8, blank=True)
    ics_sequence = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=10, choices=Email, default=Email.PENDING)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=300, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)  # when its sending task was last queued

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_kind_display(self) -> str:
        return str(Kind(self.kind).label)


class SweepState(models.Model):
    """When reminders started: what happened before (meetings convened, items given) is recorded without
    e-mail on the first sweep, so switching reminders on does not flood everyone's inbox."""

    started_at = models.DateTimeField(default=timezone.now)
    action_items_before = models.PositiveBigIntegerField(default=0)  # the newest action item's id then

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class Preference(models.Model):
    """A person's choices: which kinds come by e-mail, and a daily digest instead of single e-mails."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    daily_digest = models.BooleanField(_("én daglig oppsummering i stedet for enkelte e-poster"), default=False)
    # The kinds not wanted by e-mail, comma-separated (a JSONField would make `manage.py check` open SQLite).
    email_off_kinds = models.CharField(max_length=1000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("varslingsvalg")
        verbose_name_plural = _("varslingsvalg")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def email_off(self) -> list[str]:
        return [kind for kind in self.email_off_kinds.split(",") if kind]

    @email_off.setter
    def email_off(self, kinds) -> None:
        self.email_off_kinds = ",".join(sorted(set(kinds) & set(Kind.values)))


class MunicipalitySettings(models.Model):
    """The municipality's numbers for reminders; without a row, the defaults below apply."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="+")
    meeting_reminder_days = models.PositiveSmallIntegerField(_("påminnelse om møte, dager før"), default=2)
    minutes_unwritten_days = models.PositiveSmallIntegerField(_("referat ikke skrevet, dager etter møtet"), default=3)
    action_due_days = models.PositiveSmallIntegerField(_("oppgave med frist snart, dager før"), default=3)
    case_silent_weeks = models.PositiveSmallIntegerField(_("sak uten loggføring, uker"), default=8)
    plan_evaluation_month = models.PositiveSmallIntegerField(
        _("måned for varsel om årlig evaluering"), default=10, help_text=_("1–12")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommunens varslingsinnstillinger")
        verbose_name_plural = _("kommunens varslingsinnstillinger")

    def __str__(self) -> str:
        return str(self.municipality)
