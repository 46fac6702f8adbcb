"""A structure may have several convener and minute-taker positions (Vedlegg 1: "Teamledere",
"avdelingsledere"): the two foreign keys become many-to-many fields, each structure keeping the position it had.

The old keys are made nullable (and lose their reverse names) before the copy, so the migration can be reversed:
backwards, the first convener and minute-taker go back into the keys.
"""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


def copy_into_m2m(apps, schema_editor):
    MeetingStructure = apps.get_model("collaboration", "MeetingStructure")
    Historical = apps.get_model("collaboration", "HistoricalMeetingStructure")
    latest = {}
    for history_id, structure_id in Historical.objects.order_by("history_date", "history_id").values_list(
        "history_id", "id"
    ):
        latest[structure_id] = history_id  # the newest history row of each structure, by the end of the loop
    structures = list(MeetingStructure.objects.values_list("pk", "convener_id", "minute_taker_id"))
    for name, column in (("conveners", 1), ("minute_takers", 2)):
        Through = getattr(MeetingStructure, name).through
        Through.objects.bulk_create(
            [
                Through(meetingstructure_id=row[0], position_id=row[column])
                for row in structures
                if row[column] is not None
            ],
            batch_size=1000,
        )
        # The newest history row says who held the seats at migration time, as a row saved after it would.
        HistoryThrough = apps.get_model("collaboration", f"HistoricalMeetingStructure_{name}")
        HistoryThrough.objects.bulk_create(
            [
                HistoryThrough(
                    id=pk, history_id=latest[structure_id], meetingstructure_id=structure_id, position_id=position_id
                )
                for pk, structure_id, position_id in Through.objects.values_list(
                    "pk", "meetingstructure_id", "position_id"
                )
                if structure_id in latest
            ],
            batch_size=1000,
        )


def copy_back(apps, schema_editor):
    MeetingStructure = apps.get_model("collaboration", "MeetingStructure")
    for structure in MeetingStructure.objects.all():
        structure.convener = structure.conveners.order_by("pk").first()
        structure.minute_taker = structure.minute_takers.order_by("pk").first() or structure.convener
        structure.save(update_fields=["convener", "minute_taker"])


class Migration(migrations.Migration):
    dependencies = [
        ("collaboration", "0007_minutes_progress"),
        ("organisation", "0003_user_session_generation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meetingstructure",
            name="convener",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.position",
                verbose_name="innkaller og møteleder",
            ),
        ),
        migrations.AlterField(
            model_name="meetingstructure",
            name="minute_taker",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.position",
                verbose_name="referent",
            ),
        ),
        migrations.AddField(
            model_name="meetingstructure",
            name="conveners",
            field=models.ManyToManyField(
                related_name="convenes",
                to="organisation.position",
                verbose_name="innkallere og møteledere (stillinger)",
            ),
        ),
        migrations.AddField(
            model_name="meetingstructure",
            name="minute_takers",
            field=models.ManyToManyField(
                related_name="takes_minutes_for", to="organisation.position", verbose_name="referenter (stillinger)"
            ),
        ),
        migrations.CreateModel(
            name="HistoricalMeetingStructure_conveners",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="collaboration.historicalmeetingstructure",
                    ),
                ),
                (
                    "meetingstructure",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="collaboration.meetingstructure",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisation.position",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMeetingStructure_conveners",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMeetingStructure_minute_takers",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="collaboration.historicalmeetingstructure",
                    ),
                ),
                (
                    "meetingstructure",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="collaboration.meetingstructure",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisation.position",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMeetingStructure_minute_takers",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(copy_into_m2m, copy_back),
        migrations.RemoveField(
            model_name="historicalmeetingstructure",
            name="convener",
        ),
        migrations.RemoveField(
            model_name="historicalmeetingstructure",
            name="minute_taker",
        ),
        migrations.RemoveField(
            model_name="meetingstructure",
            name="convener",
        ),
        migrations.RemoveField(
            model_name="meetingstructure",
            name="minute_taker",
        ),
    ]
