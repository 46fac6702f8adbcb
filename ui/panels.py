"""Start-page panels that the apps contribute, found the way `manage.py seed_demo` finds each app's demo.py.

An app that has something for a start page defines, in its `panels.py`, `staff_panels(request) -> list[Panel]`.
The page that shows them renders the panels of every installed app in INSTALLED_APPS order, without importing
any app itself, so the arrows keep pointing down: the apps depend on the page's owner, never the reverse.
"""

import importlib
from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class Panel:
    """A template (included in the page, as `data` it sees `context`) and what it shows."""

    template: str
    context: dict = field(default_factory=dict)


def _panels(function: str, request) -> list[Panel]:
    panels: list[Panel] = []
    for app in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app.name}.panels")
        except ModuleNotFoundError as error:
            if error.name != f"{app.name}.panels":
                raise
            continue
        if hasattr(module, function):
            panels.extend(getattr(module, function)(request))
    return panels


def staff_panels(request) -> list[Panel]:
    """The panels of every installed app for the staff start page, in INSTALLED_APPS order."""
    return _panels("staff_panels", request)
