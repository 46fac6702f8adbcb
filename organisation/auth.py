import ipaddress
import unicodedata

from django.conf import settings


def normalize_email(value: str) -> str:
    """The one form of an e-mail address that Laget stores, looks up and counts failed logins under.

    NFKC folds compatibility characters ("Ｋ" full width, "K" the Kelvin sign, "ſ" the long s) and casefold
    folds case, so every spelling that PostgreSQL's UPPER() would match lands on the same string: the login
    then compares exactly, and the lockout counts look-alike spellings as the same address.
    """
    folded = unicodedata.normalize("NFKC", (value or "").strip()).casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def axes_username(request, credentials=None) -> str:
    """The e-mail a login attempt was for, normalised as the login normalises it (one counter per account)."""
    source = credentials if credentials else getattr(request, "POST", {})
    return normalize_email(source.get("username") or "")


def client_ip(request) -> str:
    """The address of the client that sent `request`, as the lockout, the access log and throttles see it.

    Behind TRUSTED_PROXY_COUNT proxies, each proxy appends the address it was contacted from to
    X-Forwarded-For, so the client is the TRUSTED_PROXY_COUNT-th entry from the right; anything left of it
    was written by the client and is not believed. Without proxies (the default) the header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(forwarded) < proxies:  # did not come through every proxy: the nearest hop is all we know
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
