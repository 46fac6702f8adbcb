import unicodedata


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
