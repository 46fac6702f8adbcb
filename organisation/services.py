from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from organisation.models import User


def person_send_invitation(*, person: User, base_url: str) -> None:
    """E-mail `person` a one-time link to choose a password (the same link a password reset sends).

    Sent after the surrounding transaction commits, so a rolled-back creation sends nothing.
    """
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    link = base_url.rstrip("/") + reverse("password_reset_confirm", args=[uid, token])
    context = {"person": person, "link": link}
    subject = render_to_string("registration/invitation_subject.txt", context).strip()
    body = render_to_string("registration/invitation_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [person.email]))


@transaction.atomic
def person_create(*, person: User, base_url: str) -> User:
    """Save a new, unsaved person with no usable password and send them the invitation."""
    person.set_unusable_password()
    person.save()
    person_send_invitation(person=person, base_url=base_url)
    return person
