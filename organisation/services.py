import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from organisation.access import position_change_error
from organisation.auth import normalize_email
from organisation.groups import service_groups_sync
from organisation.history import acting
from organisation.models import Municipality, Position, Service, User
from organisation.signals import position_holder_changed
from organisation.tasks import send_invitation, send_password_reset

PASSWORD_RESET_WINDOW_SECONDS = 60 * 60
# Long enough for a busy or restarting worker and its retries; the link itself lives PASSWORD_RESET_TIMEOUT.
PASSWORD_RESET_REQUEST_SECONDS = 60 * 60


def _password_link(person: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    return base_url.rstrip("/") + reverse("password_reset_confirm", args=[uid, token])


def person_send_invitation(*, person: User, base_url: str) -> None:
    """Queue an e-mail to `person` with a one-time link to choose a password (the link a password reset sends).

    Queued after the surrounding transaction commits, so a rolled-back creation sends nothing; the task
    gets the person's id and builds the link itself.
    """
    send_invitation.delay_on_commit(person.pk, base_url, translation.get_language() or settings.LANGUAGE_CODE)


def person_email_invitation(*, person_id: int, base_url: str, language: str) -> None:
    """Send the invitation now (from the task). A person deactivated or deleted meanwhile gets nothing."""
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        return
    context = {"person": person, "link": _password_link(person, base_url)}
    with translation.override(language):
        subject = render_to_string("registration/invitation_subject.txt", context).strip()
        body = render_to_string("registration/invitation_email.txt", context)
    send_mail(subject, body, None, [person.email])


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
    service_groups_sync(person)  # a deactivated person leaves every service group, so every case
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
    existed = position.pk is not None
    acting(position, by).save()
    # Cases follow the service groups: the old holder leaves them and the new one joins, in this transaction.
    for holder_id in {held_by_before, position.holder_id} - {None}:
        service_groups_sync(User.objects.get(pk=holder_id))
    if existed and held_by_before != position.holder_id:
        position_holder_changed.send(
            sender=Position,
            position_id=position.pk,
            old_holder_id=held_by_before,
            new_holder_id=position.holder_id,
            by=by,
        )
    return position


def _over_limit(kind: str, value: str, limit: int) -> bool:
    """Count one more request for `value` in this window; True when it is over `limit`.

    The cache key holds an HMAC of the value, so the cache never holds the address asked for.
    """
    key = (
        f"password-reset:{kind}:"
        + salted_hmac("organisation.password-reset-throttle", value, algorithm="sha256").hexdigest()
    )
    cache.add(key, 0, timeout=PASSWORD_RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=PASSWORD_RESET_WINDOW_SECONDS)
        count = 1
    return count > limit


def password_reset_request(*, email: str, client_ip: str, base_url: str) -> bool:
    """Queue a password reset e-mail for `email`, unless the address or the client has asked too often.

    Does the same work whether or not the address has an account: no lookup here (the task does it), and
    the task message holds only a random key to the request, kept in the cache. Returns whether it queued.
    """
    email = normalize_email(email)
    # Both counters count every request (no short circuit), so hammering one address also spends the IP's.
    over_email = _over_limit("email", email, settings.PASSWORD_RESET_LIMIT_PER_EMAIL)
    over_ip = _over_limit("ip", client_ip, settings.PASSWORD_RESET_LIMIT_PER_IP)
    if over_email or over_ip:
        return False
    request_key = secrets.token_urlsafe(24)
    language = translation.get_language() or settings.LANGUAGE_CODE
    payload = {"email": email, "base_url": base_url, "language": language}
    cache.set(f"password-reset:request:{request_key}", payload, timeout=PASSWORD_RESET_REQUEST_SECONDS)
    send_password_reset.delay(request_key)  # nothing of this request's to commit first
    return True


def password_reset_send(*, request_key: str) -> None:
    """Send the e-mail a reset request asked for, if its address belongs to an active person with a password.

    Safe to run twice: the request is forgotten once handled, and a second run finds nothing.
    """
    cache_key = f"password-reset:request:{request_key}"
    payload = cache.get(cache_key)
    if payload is None:  # handled already, or expired
        return
    # Django's PasswordResetForm.get_users rules: active, and with a usable password.
    person = User.objects.filter(email=payload["email"], is_active=True).first()
    if person is not None and person.has_usable_password():
        base_url = payload["base_url"]
        protocol, domain = base_url.split("://", 1)
        uid = urlsafe_base64_encode(force_bytes(person.pk))
        context = {
            "email": person.email,
            "domain": domain,
            "site_name": domain,
            "uid": uid,
            "user": person,
            "token": default_token_generator.make_token(person),
            "protocol": protocol,
        }
        with translation.override(payload["language"]):
            subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
            body = render_to_string("registration/password_reset_email.txt", context)
        send_mail(subject, body, None, [person.email])
    cache.delete(cache_key)
