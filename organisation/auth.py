def axes_username(request, credentials=None) -> str:
    """The e-mail a login attempt was for, in lower case, so that "Kari@…" and "kari@…" share one counter."""
    source = credentials if credentials else getattr(request, "POST", {})
    return (source.get("username") or "").strip().lower()
