"""The demo children (cases/demo.py): the stories the issue names, built through the services, the canaries, seeding
twice, and the large synthetic cases with the same permissions case_access_sync writes."""

import io
import os
from collections import Counter
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone
from stdnum.no import fodselsnummer

from cases.access import case_access_sync, visible_cases
from cases.demo import CANARY_CHILDREN, HEMSEDAL, LONG_LOG, TYNSET
from cases.models import (
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Child,
    ChildWelfareReport,
    Handover,
    LogEntry,
    Referral,
)
from organisation.demo import LARGE_NUMBER
from organisation.models import User

ROOT = Path(__file__).resolve().parents[2]
DEMO = {"municipality__number__in": [HEMSEDAL, TYNSET]}


def _demo_cases():
    return Case.objects.filter(**DEMO)


def _by_first_name(first_name: str) -> Case:
    return _demo_cases().select_related("child", "holder").get(child__full_name__startswith=f"{first_name} ")


def test_the_demo_has_about_forty_children_at_every_level_and_closed(demo):
    cases = _demo_cases()
    assert 36 <= cases.count() <= 44
    assert Child.objects.filter(**DEMO).count() == cases.count()
    open_levels = Counter(cases.open().values_list("level", flat=True))
    assert all(open_levels[level] >= 2 for level in Case.Level.values), open_levels
    assert cases.filter(closed_at__isnull=False).count() >= 3
    assert {HEMSEDAL, TYNSET} == set(cases.values_list("municipality__number", flat=True))
    # Built through the services: every case has its concern in the log, and history naming who registered it.
    for case in cases:
        assert case.log_entries.filter(kind=LogEntry.Kind.CONCERN).exists()
        assert case.history.earliest("history_date").history_user_id == case.registered_by_id


def test_a_hand_over_waits_for_the_demo_login_the_readme_names(demo):
    waiting = Handover.objects.filter(answered_at__isnull=True, case__municipality__number=HEMSEDAL)
    receiver = User.objects.get(email="sosialradgiver@hemsedal.demo")
    handover = waiting.get(to_user=receiver)
    assert handover.case.holder_id == handover.from_user_id  # the sender keeps the baton until it is accepted
    assert visible_cases(receiver).filter(pk=handover.case_id).exists()
    assert Handover.objects.filter(answered_at__isnull=True, to_user__email="helsesykepleier@tynset.demo").exists()


def test_decisions_and_guardians_are_overdue_in_the_past_with_history_naming_who(demo):
    today = timezone.localdate()
    undecided = _demo_cases().open().filter(level=0, decided_on__isnull=True, decision_due__lt=today)
    assert undecided.count() >= 3
    not_contacted = _demo_cases().filter(guardians_contacted_on__isnull=True, guardians_contact_due__lt=today)
    assert not_contacted.exclude(concern__guardians_contacted="no").count() >= 2
    case = undecided.first()
    first = case.history.earliest("history_date")
    assert first.history_user_id == case.registered_by_id
    assert timezone.localdate(first.history_date) == timezone.localdate(case.registered_at) < today


def test_a_bekymringsmelding_and_bup_referrals_accepted_and_declined(demo):
    report = ChildWelfareReport.objects.filter(case__in=_demo_cases()).first()
    assert report is not None and report.sent_by_id
    bup = Referral.objects.filter(case__in=_demo_cases(), to_service__name="BUP Hallingdal")
    assert bup.filter(answer=Referral.Answer.ACCEPTED).exists()
    declined = bup.get(answer=Referral.Answer.DECLINED)
    assert declined.decline_reason and not declined.case.is_closed  # the municipality keeps the child


def test_anna_is_fourteen_at_level_2_with_school_and_school_health_service(demo):
    anna = _by_first_name("Anna")
    age = (timezone.localdate() - anna.child.birth_date).days // 365
    assert age == 14
    assert anna.level == Case.Level.LEVEL_2 and not anna.is_closed
    assert anna.owning_service.name == "Hemsedal skole"
    granted = set(anna.grants.filter(ended_at__isnull=True).values_list("service__name", flat=True))
    assert "Helse og forebygging – Familiens hus" in granted
    assert anna.holder.email == "helsesykepleier@hemsedal.demo"  # the coordinator took the baton
    referred = set(anna.referrals.values_list("to_service__name", flat=True))
    assert {"Kommunepsykolog", "BUP Hallingdal"} <= referred
    assert anna.measures.filter(catalogue_measure__isnull=False).exists()
    assert anna.measures.filter(catalogue_measure__isnull=True).exists()
    assert anna.measures.filter(evaluated_on__isnull=False).exists()
    assert anna.log_entries.exclude(child_voice="").count() >= 3
    assert anna.log_entries.exclude(guardians_voice="").exists()
    for login in ("helsesykepleier@hemsedal.demo", "sosialradgiver@hemsedal.demo"):
        assert visible_cases(User.objects.get(email=login)).filter(pk=anna.pk).exists()


def test_tanja_was_closed_years_ago_and_reopened(demo):
    tanja = _by_first_name("Tanja")
    assert not tanja.is_closed
    closed = tanja.log_entries.get(kind=LogEntry.Kind.CLOSED)
    reopened = tanja.log_entries.get(kind=LogEntry.Kind.REOPENED)
    assert (reopened.occurred_on - closed.occurred_on).days > 365
    assert tanja.log_entries.order_by("occurred_on").first().occurred_on.year <= timezone.localdate().year - 8


def test_one_child_has_a_strictly_confidential_address(demo):
    protected = Child.objects.filter(**DEMO, address_protection=Child.AddressProtection.STRICTLY_CONFIDENTIAL)
    assert protected.count() == 1


def test_every_demo_identity_number_is_valid_and_matches_the_birth_date(demo):
    for national_id, birth_date in Child.objects.filter(**DEMO).values_list("national_id", "birth_date"):
        assert fodselsnummer.is_valid(national_id)
        assert fodselsnummer.get_birth_date(national_id) == birth_date


def _repository_texts() -> dict[str, str]:
    """Every file of the checkout (not the virtualenv, caches or local databases), as text."""
    skip = {".git", ".venv", "var", ".bench", ".pytest-db", "node_modules", "__pycache__", "staticfiles"}
    texts = {}
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = [name for name in subdirectories if name not in skip]
        for name in files:
            path = Path(directory, name)
            relative = str(path.relative_to(ROOT))
            if relative != "cases/demo.py" and path.stat().st_size < 5_000_000:
                texts[relative] = path.read_bytes().decode("utf-8", errors="ignore")
    return texts


def test_the_canaries_are_valid_in_the_demo_once_and_in_no_other_file(demo):
    texts = _repository_texts()
    assert "tests/cases/test_demo.py" in texts and "README.md" in texts
    for full_name, national_id in CANARY_CHILDREN:
        assert fodselsnummer.is_valid(national_id)
        assert Child.objects.filter(full_name=full_name).count() == 1
        assert Child.objects.filter(national_id=national_id).count() == 1
        for name, text in texts.items():
            assert full_name not in text and national_id not in text, f"canary {full_name} in {name}"


def test_seeding_again_adds_nothing(demo):
    before = (_demo_cases().count(), Child.objects.count(), LogEntry.objects.count(), Handover.objects.count())
    call_command("seed_demo", "--quiet-logins", "--force-demo-people", stdout=io.StringIO())
    after = (_demo_cases().count(), Child.objects.count(), LogEntry.objects.count(), Handover.objects.count())
    assert after == before


def _permissions(case: Case) -> tuple[set[int], set[int]]:
    users = set(CaseUserObjectPermission.objects.filter(content_object=case).values_list("user_id", flat=True))
    groups = set(CaseGroupObjectPermission.objects.filter(content_object=case).values_list("group_id", flat=True))
    return users, groups


def test_the_large_demo_builds_at_the_test_size(large_demo):
    large = Case.objects.filter(municipality__number=LARGE_NUMBER)
    assert large.count() == 60
    assert Child.objects.filter(municipality__number=LARGE_NUMBER).count() == 200
    assert LogEntry.objects.filter(case__municipality__number=LARGE_NUMBER).count() == 300
    assert set(large.values_list("level", flat=True)) == set(Case.Level.values)
    longest = large.order_by("pk").first()
    assert longest.log_entries.count() >= min(LONG_LOG, (300 - 60) // 4)
    # History rows name who registered each case and who wrote each entry.
    assert not Case.history.filter(municipality__number=LARGE_NUMBER, history_user__isnull=True).exists()
    assert not LogEntry.history.filter(case__municipality__number=LARGE_NUMBER, history_user__isnull=True).exists()


def test_the_large_demo_permissions_are_what_case_access_sync_writes(large_demo):
    sample = list(Case.objects.filter(municipality__number=LARGE_NUMBER).order_by("pk")[:60:3])
    assert {case.level for case in sample} == set(Case.Level.values)
    for case in sample:
        bulk = _permissions(case)
        assert bulk[0] and bulk[1]
        case_access_sync(case)  # removes what the rule does not give, adds what is missing
        assert _permissions(case) == bulk, f"case {case.pk} at level {case.level}"
