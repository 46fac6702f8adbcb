"""Migration 0008 carries each structure's one convener and minute-taker into the new many-to-many seats (and
into its newest history row), and back again when reversed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("collaboration", "0007_minutes_progress")]
AFTER = [("collaboration", "0008_structure_conveners_minute_takers")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_structures_convener_and_minute_taker(org):
    from django.utils import timezone

    old = _migrate(BEFORE)
    try:
        Position = old.get_model("organisation", "Position")
        leader = Position.objects.get(holder__email="leader_a@test.demo")
        staff = Position.objects.get(holder__email="staff_a@test.demo")
        Structure = old.get_model("collaboration", "MeetingStructure")
        structure = Structure.objects.create(
            municipality_id=org.a.pk,
            name="TOG",
            level="system",
            cadence="semester",
            mandate="x",
            convener_id=leader.pk,
            minute_taker_id=staff.pk,
        )
        old.get_model("collaboration", "HistoricalMeetingStructure").objects.create(
            id=structure.pk,
            municipality_id=org.a.pk,
            name="TOG",
            level="system",
            cadence="semester",
            mandate="x",
            convener_id=leader.pk,
            minute_taker_id=staff.pk,
            usual_weekday=1,
            usual_time="13:00",
            duration_minutes=90,
            evaluates_plan=False,
            history_date=timezone.now(),
            history_type="+",
        )
        new = _migrate(AFTER)
        migrated = new.get_model("collaboration", "MeetingStructure").objects.get(pk=structure.pk)
        assert list(migrated.conveners.values_list("pk", flat=True)) == [leader.pk]
        assert list(migrated.minute_takers.values_list("pk", flat=True)) == [staff.pk]
        newest = new.get_model("collaboration", "HistoricalMeetingStructure").objects.get(id=structure.pk)
        history_rows = new.get_model("collaboration", "HistoricalMeetingStructure_conveners").objects
        assert list(history_rows.filter(history=newest).values_list("position_id", flat=True)) == [leader.pk]
        reverted = _migrate(BEFORE).get_model("collaboration", "MeetingStructure").objects.get(pk=structure.pk)
        assert (reverted.convener_id, reverted.minute_taker_id) == (leader.pk, staff.pk)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
