"""Store every e-mail address in the form the login now looks it up in (organisation.auth.normalize_email).

Two rows that normalise to the same address are left as they are and named, for an administrator to merge:
the migration must not pick which of two accounts keeps the address.
"""

import sys

from django.db import migrations

from organisation.auth import normalize_email


def normalise_emails(apps, schema_editor):
    User = apps.get_model("organisation", "User")
    rows = list(User.objects.values_list("pk", "email"))
    taken = {email for _pk, email in rows}
    for pk, email in rows:
        normalised = normalize_email(email)
        if normalised == email:
            continue
        if normalised in taken:
            sys.stderr.write(f"User {pk}: {normalised!r} belongs to another user; left unchanged.\n")
            continue
        taken.discard(email)
        taken.add(normalised)
        User.objects.filter(pk=pk).update(email=normalised)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(normalise_emails, migrations.RunPython.noop, elidable=True)]
