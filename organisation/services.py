from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from organisation.access import position_change_error
from organisation.history import acting
from organisation.models import Municipality, Position, Service, User


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
def person_create(*, person: User, base_url: str, by: User) -> User:
    """Save a new, unsaved person with no usable password and send them the invitation."""
    person.set_unusable_password()
    acting(person, by).save()
    person_send_invitation(person=person, base_url=base_url)
    return person


@transaction.atomic
def municipality_save(*, municipality: Municipality, by: User) -> Municipality:
    acting(municipality, by).save()
    return municipality


@transaction.atomic
def person_save(*, person: User, by: User) -> User:
    """Save changes to a person (the caller has checked that `by` administers them)."""
    acting(person, by).save()
    return person


@transaction.atomic
def service_save(*, service: Service, municipalities, by: User) -> Service:
    """Save a service and the municipalities it serves (the caller has checked them against what `by`
    administers)."""
    acting(service, by).save()
    service.municipalities.set(municipalities)
    return service


@transaction.atomic
def position_save(*, position: Position, by: User) -> Position:
    """Save a position. Nobody widens their own access: raises ValidationError when `by` holds the position now
    or would hold it after the change. The change of holder is kept in the position's history with `by`."""
    held_by_before = (
        Position.objects.select_for_update().filter(pk=position.pk).values_list("holder_id", flat=True).first()
        if position.pk
        else None
    )
    error = position_change_error(by, held_by_before=held_by_before, held_by_after=position.holder_id)
    if error:
        raise ValidationError({"holder": error})
    acting(position, by).save()
    return position
