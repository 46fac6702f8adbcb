from django.db import migrations

ARENAS = [
    ("svangerskap", "Svangerskap"),
    ("helsestasjon", "Helsestasjon"),
    ("barnehage", "Barnehage"),
    ("skole", "Skole"),
    ("hjem", "Hjem"),
    ("fritid", "Fritid"),
    ("arbeid", "Arbeid og utdanning"),
    ("helsetjeneste", "Helsetjeneste"),
]


def create_arenas(apps, schema_editor):
    Arena = apps.get_model("measures", "Arena")
    for order, (code, name) in enumerate(ARENAS):
        Arena.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]

    operations = [migrations.RunPython(create_arenas, migrations.RunPython.noop)]
