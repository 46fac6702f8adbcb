"""Migration 0004 drops the copies that double submits stored before one evaluation a day was enforced."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from measures.models import Evaluation

pytestmark = pytest.mark.django_db

migration = import_module("measures.migrations.0004_evaluation_one_per_measure_and_day")


def test_identical_copies_are_dropped_and_the_first_is_kept(org, catalogue):
    with connection.cursor() as cursor:  # DDL is transactional in PostgreSQL: the test's rollback restores it
        cursor.execute("ALTER TABLE measures_evaluation DROP CONSTRAINT evaluation_one_per_measure_and_day")
    today = timezone.localdate()
    fields = {"measure": catalogue["a"], "evaluated_by": org.users["leader_a"], "reach": 3, "decision": "continue"}
    first = Evaluation.objects.create(evaluated_on=today, what_worked="Bra", **fields)
    Evaluation.objects.create(evaluated_on=today, what_worked="Bra", **fields)
    earlier = Evaluation.objects.create(evaluated_on=today - timedelta(days=1), what_worked="Bra", **fields)
    migration.drop_double_submits(apps, None)
    assert set(Evaluation.objects.all()) == {first, earlier}
