"""The start page's line about unread notifications (ui/panels.py)."""

from organisation.access import administered_municipalities
from reminders.models import Notification
from ui.panels import Panel


def staff_panels(request) -> list[Panel]:
    unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()
    if not unread:
        return []
    return [Panel("reminders/staff_panel.html", {"unread": unread})]


def admin_panels(request) -> list[Panel]:
    return [Panel("reminders/admin_panel.html", {"municipalities": list(administered_municipalities(request.user))})]
