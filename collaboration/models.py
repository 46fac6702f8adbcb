"""Meeting structures (TOG, tverrfaglige møter, elevhelseteam …), their meetings and invitations.

Structures are data, not code: names and set-ups differ between municipalities. Seats are positions, so a
staff change moves every seat with one edit of the position's holder.
"""

import uuid
from datetime import time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import Municipality, Position, User

MINUTES_TEXT_MAX = 5_000


class MeetingStructure(models.Model):
    class Level(models.TextChoices):
        SYSTEM = "system", _("Systemnivå")
        INDIVIDUAL = "individual", _("Enkeltsaker")

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", _("Hver måned")
        SEMESTER = "semester", _("Hvert semester")
        QUARTERLY = "quarterly", _("Hvert kvartal")
        YEARLY = "yearly", _("Hvert år")
        AD_HOC = "ad_hoc", _("Ved behov")

    class NoConsentPolicy(models.TextChoices):
        ANONYMOUS = "anonymous", _("Saken kan drøftes anonymt")
        NOT_AT_ALL = "not_at_all", _("Saken kan ikke drøftes")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("mandag")
        TUESDAY = 1, _("tirsdag")
        WEDNESDAY = 2, _("onsdag")
        THURSDAY = 3, _("torsdag")
        FRIDAY = 4, _("fredag")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="meeting_structures", verbose_name=_("kommune")
    )
    name = models.CharField(_("navn"), max_length=150)
    level = models.CharField(_("nivå"), max_length=12, choices=Level)
    mandate = models.TextField(_("mandat og formål"), max_length=4000)
    standing_agenda = models.TextField(
        _("faste saker på agendaen"),
        blank=True,
        max_length=2000,
        help_text=_("Én sak per linje. De kommer på hvert møte."),
    )
    members = models.ManyToManyField(
        Position, related_name="member_of_structures", verbose_name=_("medlemmer (stillinger)"), blank=True
    )
    # Several seats may convene and chair (Vedlegg 1: "Teamledere", "avdelingsledere"); at least one must
    # (services.structure_save refuses none).
    conveners = models.ManyToManyField(
        Position, related_name="convenes", verbose_name=_("innkallere og møteledere (stillinger)")
    )
    minute_takers = models.ManyToManyField(
        Position, related_name="takes_minutes_for", verbose_name=_("referenter (stillinger)")
    )
    cadence = models.CharField(_("hyppighet"), max_length=12, choices=Cadence)
    usual_weekday = models.PositiveSmallIntegerField(_("vanlig ukedag"), choices=Weekday, default=Weekday.TUESDAY)
    usual_time = models.TimeField(_("vanlig klokkeslett"), default=time(13, 0))
    duration_minutes = models.PositiveSmallIntegerField(_("varighet (minutter)"), default=90)
    usual_place = models.CharField(_("vanlig sted"), max_length=150, blank=True)
    no_consent_policy = models.CharField(
        _("når en sak mangler samtykke"),
        max_length=12,
        choices=NoConsentPolicy,
        blank=True,
        help_text=_("Bare for strukturer som drøfter enkeltsaker."),
    )
    evaluates_plan = models.BooleanField(
        _("evaluerer hele planen hvert år"), default=False, help_text=_("Ett forum per kommune, som TOG i Hemsedal.")
    )

    history = HistoricalRecords(m2m_fields=[members, conveners, minute_takers])

    class Meta:
        ordering = ["municipality", "level", "name"]
        verbose_name = _("møtestruktur")
        verbose_name_plural = _("møtestrukturer")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="structure_name_unique_per_municipality"),
            models.UniqueConstraint(
                fields=["municipality"], condition=Q(evaluates_plan=True), name="one_plan_evaluating_structure"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collaboration:structure-detail", args=[self.pk])

    def clean(self) -> None:
        if self.level == self.Level.INDIVIDUAL and not self.no_consent_policy:
            raise ValidationError({"no_consent_policy": _("Velg hva som gjelder når en sak mangler samtykke.")})
        if self.level == self.Level.SYSTEM:
            self.no_consent_policy = ""
        elif self.evaluates_plan:
            # The plan is evaluated on system level; leadership attaches the report to that forum's meetings and
            # must never see the meetings of a structure that discusses children.
            raise ValidationError({"evaluates_plan": _("Bare en struktur på systemnivå kan evaluere planen.")})

    @property
    def standing_items(self) -> list[str]:
        return [line.strip() for line in self.standing_agenda.splitlines() if line.strip()]

    def seat_positions(self):
        """Every position with a seat: members, conveners and minute-takers."""
        return Position.objects.filter(
            Q(member_of_structures=self) | Q(convenes=self) | Q(takes_minutes_for=self)
        ).distinct()

    @property
    def discusses_cases(self) -> bool:
        return self.level == self.Level.INDIVIDUAL


class SeatAcceptance(models.Model):
    """A structure's own municipality accepted that this person holds this seat in its individual-case structure.

    Needed only where the seat's position is administered by another municipality (a shared service hosted
    elsewhere): that municipality's administrator can change the holder, and the new holder must not read this
    municipality's cases until its convener or administrator accepts. A new holder needs a new acceptance.
    """

    structure = models.ForeignKey(MeetingStructure, on_delete=models.CASCADE, related_name="seat_acceptances")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    accepted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("godkjent plass")
        verbose_name_plural = _("godkjente plasser")
        constraints = [
            models.UniqueConstraint(fields=["structure", "position", "person"], name="one_acceptance_per_seat_holder")
        ]

    def __str__(self) -> str:
        return f"{self.person} i {self.structure} ({self.position.title})"


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now):
        return self.filter(starts_at__gte=now).exclude(status=Meeting.Status.CANCELLED)


class Meeting(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Foreslått")
        CONVENED = "convened", _("Innkalt")
        HELD = "held", _("Holdt")
        CANCELLED = "cancelled", _("Avlyst")

    structure = models.ForeignKey(
        MeetingStructure, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("møtestruktur")
    )
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=150, blank=True)
    video_link = models.URLField(_("videolenke"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    evaluates_plan = models.BooleanField(_("årlig evaluering av planen"), default=False)
    # The calendar identity: a moved or cancelled meeting keeps its UID and raises its SEQUENCE.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    convened_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_reason = models.CharField(_("hvorfor møtet avlyses"), max_length=300, blank=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.structure} {self.starts_at:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:meeting-detail", args=[self.pk])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Møtet må slutte etter at det starter.")})

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    def refusal(self, action: str, *, newest_minutes: "Minutes | None", now) -> str | None:
        """Why `action` cannot be done to this meeting now (a Norwegian sentence), or None when it can.

        The one statement of what a meeting's state allows: the services refuse with this reason and the meeting
        page offers only what gets None. Actions: convene, cancel, restore, agenda, minutes, attendance,
        action_items, approve.
        """
        cancelled = self.status == self.Status.CANCELLED
        record = self.status == self.Status.HELD or (newest_minutes is not None and newest_minutes.is_locked)
        started = self.starts_at <= now
        if action == "restore":
            if not cancelled:
                return str(_("Møtet er ikke avlyst."))
            return None if not started else str(_("Et avlyst møte kan bare gjenopprettes før det skulle holdes."))
        if cancelled:
            return str(_("Møtet er avlyst."))
        if action in {"convene", "cancel", "agenda", "action_items"} and record:
            return str(_("Møtet er holdt og referatet godkjent. Det kan ikke endres lenger."))
        if action == "cancel" and newest_minutes is not None:
            return str(_("Møtet har referat og kan ikke avlyses."))
        if action in {"minutes", "attendance", "action_items", "approve"} and self.status == self.Status.PROPOSED:
            return str(_("Møtet er ikke kalt inn ennå. Kall det inn først."))
        if action in {"attendance", "approve"} and not started:
            return str(_("Møtet har ikke startet ennå. Oppmøte og godkjenning av referatet kommer etter møtet."))
        return None


class Invitation(models.Model):
    """Who was invited, through which seat, when the meeting was convened (or moved)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    position = models.ForeignKey(Position, on_delete=models.SET_NULL, null=True, related_name="+")
    invited_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_invitation_per_person")]

    def __str__(self) -> str:
        return f"{self.person} → {self.meeting}"


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        STANDING = "standing", _("Fast sak")
        TOPIC = "topic", _("Sak på systemnivå")
        FOLLOW_UP = "follow_up", _("Oppfølging av oppgave")
        # The cases issue adds the link to a case, discussed named (with consent) or anonymously.
        CASE = "case", _("Enkeltsak")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)
    action_item = models.ForeignKey(
        "ActionItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind, default=Kind.TOPIC)
    title = models.CharField(_("sak"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True, max_length=4000)
    # The form's one-time key: a double-clicked «Legg til» stores one item, not two.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("sak på agendaen")
        verbose_name_plural = _("saker på agendaen")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Til stede")
        ABSENT = "absent", _("Fraværende")
        SUBSTITUTE = "substitute", _("Møtte med vara")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey(Position, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    service_name = models.CharField(max_length=150, blank=True)  # kept as it was on the day
    status = models.CharField(_("oppmøte"), max_length=10, choices=Status, default=Status.PRESENT)
    substitute = models.CharField(_("vara"), max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class Minutes(models.Model):
    """One version of a meeting's minutes. Approved versions are locked; a correction is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        APPROVED = "approved", _("Godkjent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # Raised by every save: two people editing at once are told, not silently overwritten.
    revision = models.PositiveIntegerField(default=0)
    correction_reason = models.CharField(_("hva rettes"), max_length=300, blank=True)
    approved_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "-version"]
        verbose_name = _("referat")
        verbose_name_plural = _("referater")
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="one_minutes_per_version")]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.version}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


def _minutes_pdf_path(instance, filename: str) -> str:
    # A random name: the path says nothing of the meeting, its structure or its municipality.
    return f"minutes/{uuid.uuid4().hex}.pdf"


class MinutesPdf(models.Model):
    """The stored PDF of one approved version of the minutes, rendered once by a Celery task, never in a request.

    One rendering per version serves every reader: see selectors.minutes_document_context for why that is safe.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        BUILDING = "building", _("Lages")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Feilet")

    # Longer than the build task's hard time limit (collaboration/tasks.py): a build still marked as being made
    # after this long lost its worker.
    STALE_AFTER = timedelta(minutes=10)

    minutes = models.OneToOneField(Minutes, on_delete=models.CASCADE, related_name="pdf")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    file = models.FileField(upload_to=_minutes_pdf_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the current build claimed the row: a build claimed long ago whose worker died counts as failed.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referat som PDF")
        verbose_name_plural = _("referater som PDF")

    def __str__(self) -> str:
        return f"{self.minutes}: {self.get_status_display()}"

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

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


class MinutesEntry(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="minutes_entries")
    # Bounded, so that a minutes PDF stays a few pages and renders in well under a second per item.
    discussion = models.TextField(_("drøfting"), blank=True, max_length=MINUTES_TEXT_MAX)
    decisions = models.TextField(_("vedtak og konklusjoner"), blank=True, max_length=MINUTES_TEXT_MAX)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item__order", "agenda_item__pk"]
        constraints = [models.UniqueConstraint(fields=["minutes", "agenda_item"], name="one_entry_per_item")]

    def __str__(self) -> str:
        return f"{self.minutes}: {self.agenda_item}"


class MinutesProgress(models.Model):
    """What one version of the minutes says of one followed-up action item (the standing item «Oppfølging av
    oppgaver» lists each open item; the minutes record its progress)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="progress_notes")
    action_item = models.ForeignKey("ActionItem", on_delete=models.PROTECT, related_name="progress_notes")
    note = models.TextField(_("framdrift"), blank=True, max_length=MINUTES_TEXT_MAX)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("framdrift på oppgave")
        verbose_name_plural = _("framdrift på oppgaver")
        constraints = [models.UniqueConstraint(fields=["minutes", "action_item"], name="one_progress_note_per_item")]

    def __str__(self) -> str:
        return f"{self.minutes}: {self.action_item}"


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ActionItem.Status.OPEN)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)

    def owned_by(self, user, service_ids):
        return self.filter(Q(owner_person=user) | Q(owner_service__in=service_ids))


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Åpen")
        DONE = "done", _("Utført")

    structure = models.ForeignKey(MeetingStructure, on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    what = models.CharField(_("hva skal gjøres"), max_length=300)
    owner_person = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("ansvarlig person"),
    )
    owner_service = models.ForeignKey(
        "organisation.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("ansvarlig tjeneste"),
    )
    due_on = models.DateField(_("frist"))
    status = models.CharField(_("status"), max_length=6, choices=Status, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ActionItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("oppgave")
        verbose_name_plural = _("oppgaver")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=False) | Q(owner_service__isnull=False), name="action_item_has_owner"
            )
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def owner(self):
        return self.owner_person or self.owner_service


class CalendarFeed(models.Model):
    """A secret address for a person's meeting calendar: calendar programs cannot log in."""

    person = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnement")

    def __str__(self) -> str:
        return str(self.person)
