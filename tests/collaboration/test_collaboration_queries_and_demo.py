import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import MeetingStructure
from collaboration.services import meeting_convene, meetings_propose_school_year

pytestmark = pytest.mark.django_db


def _grow(structures, years):
    for year in years:
        for structure in structures.values() if isinstance(structures, dict) else structures:
            if isinstance(structure, MeetingStructure):
                for meeting in meetings_propose_school_year(structure=structure, school_year=year, by=None):
                    meeting_convene(
                        meeting=meeting,
                        starts_at=meeting.starts_at,
                        ends_at=meeting.ends_at,
                        place="Rådhuset",
                        video_link="",
                        by=None,
                    )


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("staff_a", lambda s: reverse("collaboration:year-wheel") + "?aar=2026"),
        ("staff_a", lambda s: reverse("collaboration:year-wheel") + "?aar=2026&mine=1"),
        ("staff_a", lambda s: reverse("collaboration:structure-list")),
        ("staff_a", lambda s: s["system"].get_absolute_url()),
        ("staff_a", lambda s: reverse("organisation:staff-home")),
        ("leader_a", lambda s: s["system"].meetings.order_by("pk").first().get_absolute_url()),
        ("staff_a", lambda s: reverse("collaboration:calendar")),
    ],
)
def test_meeting_pages_stay_flat_as_meetings_grow(client, org, structures, who, url, count_queries):
    _grow(structures, [2026])
    client.force_login(org.users[who])
    few = count_queries(client, url(structures))
    _grow(structures, [2025, 2027, 2028])
    assert count_queries(client, url(structures)) == few


def test_the_demo_has_hemsedals_five_structures_from_vedlegg_1_and_tynsets_tst(demo):
    hemsedal = MeetingStructure.objects.filter(municipality__name="Hemsedal")
    assert hemsedal.count() == 5
    tog = hemsedal.get(name__startswith="TOG")
    assert (tog.level, tog.cadence, tog.evaluates_plan) == ("system", "semester", True)
    assert [p.title for p in tog.conveners.all()] == ["Kommunalsjef oppvekst og kultur"]
    assert [p.title for p in tog.minute_takers.all()] == ["Styrer barnehage"]
    assert tog.members.count() == 13
    eht = hemsedal.get(name="Elevhelseteam")
    assert (eht.level, eht.cadence, eht.no_consent_policy) == ("individual", "monthly", "anonymous")
    assert [p.title for p in eht.minute_takers.all()] == ["Helsesykepleier skolehelsetjenesten"]
    # Vedlegg 1: "Ansvar for referat: avdelingsledere helse og forebygging", both of them.
    skolemote = hemsedal.get(name="Tverrfaglig skolemøte")
    assert sorted(p.title for p in skolemote.minute_takers.all()) == [
        "Avdelingsleder helse og forebygging – helsestasjon",
        "Avdelingsleder helse og forebygging – psykisk helse og rus",
    ]
    # And "Teamledere Familiens hus" convene: two seats, each with a holder.
    conveners = skolemote.conveners.select_related("holder").order_by("title")
    assert [(p.title, p.holder is not None) for p in conveners] == [
        ("Teamleder Familiens hus", True),
        ("Teamleder Familiens hus – hjelpetilbud", True),
    ]
    barnehage = hemsedal.get(name="Samarbeidsmøte helse og barnehage")
    assert barnehage.no_consent_policy == "not_at_all"
    assert list(barnehage.conveners.all()) == list(barnehage.minute_takers.all())
    assert MeetingStructure.objects.filter(municipality__name="Tynset", name__startswith="TST").exists()
    assert eht.meetings.count() == 22  # last school year and this one, monthly without July
    held = tog.meetings.filter(status="held")
    assert held.exists()
    assert all(meeting.minutes_versions.filter(status="approved").exists() for meeting in held)
    from collaboration.models import ActionItem

    assert ActionItem.objects.open().filter(due_on__lt=timezone.localdate()).exists()


def test_the_large_municipality_gets_years_of_meetings_in_bulk(large_demo):
    from collaboration.models import Meeting, Minutes
    from organisation.demo import LARGE_NUMBER

    structures = MeetingStructure.objects.filter(municipality__number=LARGE_NUMBER)
    assert structures.count() == 6  # one a service
    meetings = Meeting.objects.filter(structure__municipality__number=LARGE_NUMBER)
    assert meetings.count() == 5 * (2 * 11 + 4 * 2)  # two monthly structures, four each semester, five years
    held = meetings.filter(status="held")
    assert Minutes.objects.filter(meeting__in=held, status="approved").count() == held.count()
    assert Meeting.history.filter(structure_id__in=structures.values("pk")).count() == meetings.count()
