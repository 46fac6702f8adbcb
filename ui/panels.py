"""Start-page panels that the apps contribute, found the way `manage.py seed_demo` finds each app's demo.py.

An app that has something for a start page defines, in its `panels.py`, `staff_panels(request) -> list[Panel]`.
The page that shows them renders the panels of every installed app in INSTALLED_APPS order, without importing
any app itself, so the arrows keep pointing down: the apps depend on the page's owner, never the reverse.
"""

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class Panel:
    """A template (included in the page, as `data` it sees `context`) and what it shows."""

    template: str
    context: dict = field(default_factory=dict)


@functools.cache
def _providers(function: str) -> tuple[Callable[..., list[Panel]], ...]:
    """Each installed app's `panels.<function>`, in INSTALLED_APPS order. Looked up once per process: the
    installed apps do not change while it runs, and a failed import is not cached by Python."""
    providers = []
    for app in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app.name}.panels")
        except ModuleNotFoundError as error:
            if error.name != f"{app.name}.panels":
                raise
            continue
        if hasattr(module, function):
            providers.append(getattr(module, function))
    return tuple(providers)


def staff_panels(request) -> list[Panel]:
    """The panels of every installed app for the staff start page, in INSTALLED_APPS order."""
    return [panel for provider in _providers("staff_panels") for panel in provider(request)]


def leadership_panels(request) -> list[Panel]:
    """The panels of every installed app for the leadership's start page (a kommunalsjef who chairs TOG sees
    their meeting duties there), in INSTALLED_APPS order."""
    return [panel for provider in _providers("leadership_panels") for panel in provider(request)]


def admin_panels(request) -> list[Panel]:
    """The panels of every installed app for the administrator's start page, in INSTALLED_APPS order."""
    return [panel for provider in _providers("admin_panels") for panel in provider(request)]


def position_change_notes(position) -> list[str]:
    """What changing this position's holder will do in the apps above the organisation (each app's
    `panels.position_change_notes(position) -> list[str]`), for the position form, in INSTALLED_APPS order."""
    if position.pk is None:
        return []
    return [note for provider in _providers("position_change_notes") for note in provider(position)]
