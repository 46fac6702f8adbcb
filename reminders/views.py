from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from organisation.access import access_municipality
from organisation.history import acting
from reminders import services
from reminders.forms import MunicipalitySettingsForm, PreferenceForm
from reminders.models import Kind, MunicipalitySettings, Notification, Preference

PAGE_SIZE = 50


@login_required
@require_GET
def notification_list(request):
    """Everything the person has been told, newest first: the in-app list always has it all."""
    notifications = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("side"))
    unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()
    return render(request, "reminders/list.html", {"page": page, "unread": unread})


@login_required
@require_POST
def mark_read_view(request):
    ids = [int(pk) for pk in request.POST.getlist("varsel") if pk.isdigit()]
    count = services.mark_read(person=request.user, notification_ids=ids or None)
    messages.success(request, _("%(count)s varsler er merket som lest.") % {"count": count})
    return redirect("reminders:list")


@login_required
def preferences(request):
    preference = Preference.objects.filter(person=request.user).first()
    initial = {
        "daily_digest": bool(preference and preference.daily_digest),
        "email_kinds": [kind for kind in Kind.values if not preference or kind not in preference.email_off],
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["email_kinds"])
        services.preference_save(
            person=request.user,
            daily_digest=form.cleaned_data["daily_digest"],
            email_off=[kind for kind in Kind.values if kind not in wanted],
            by=request.user,
        )
        messages.success(request, _("Varslingsvalgene dine er lagret."))
        return redirect("reminders:preferences")
    return render(
        request, "form_page.html", {"form": form, "title": _("Hvordan vil du bli varslet?"), "cancel": "/varsler/"}
    )


@login_required
def municipality_settings(request, municipality_id: int):
    """The municipality's numbers for reminders: its administrators set them."""
    municipality = access_municipality(request.user, municipality_id, administer=True)
    settings_row = MunicipalitySettings.objects.filter(municipality=municipality).first() or MunicipalitySettings(
        municipality=municipality
    )
    form = MunicipalitySettingsForm(request.POST or None, instance=settings_row)
    if request.method == "POST" and form.is_valid():
        acting(form.instance, request.user).save()
        messages.success(request, _("Varslingsinnstillingene for %(name)s er lagret.") % {"name": municipality})
        return redirect("reminders:municipality-settings", municipality_id=municipality.pk)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("Varsler i %(name)s") % {"name": municipality}, "cancel": "/administrasjon/"},
    )
