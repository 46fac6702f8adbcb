from django.db import migrations

from measures.arenas import ensure_arenas


def create_arenas(apps, schema_editor):
    ensure_arenas(apps.get_model("measures", "Arena"))


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]

    operations = [migrations.RunPython(create_arenas, migrations.RunPython.noop)]
