"""The fixed list of arenas. Created by a data migration; `ensure_arenas` restores it where a test run flushed
the tables."""

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


def ensure_arenas(arena_model=None) -> None:
    if arena_model is None:
        from measures.models import Arena as arena_model
    for order, (code, name) in enumerate(ARENAS):
        arena_model.objects.update_or_create(code=code, defaults={"name": name, "order": order})
