"""Django admin, for the platform operator only (superusers). It changes who works where only the way the app
does: positions through organisation.services.position_save (which refuses self-placement and moves the
service groups that carry case access), and never a person's groups or permissions by hand."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from organisation.access import position_change_error
from organisation.groups import service_groups_sync
from organisation.models import Municipality, Position, Service, User
from organisation.services import person_save, position_save


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "number"]
    search_fields = ["name", "number"]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "host_municipality", "is_municipal"]
    list_filter = ["kind", "host_municipality"]
    search_fields = ["name"]
    filter_horizontal = ["municipalities"]


class PositionAdminForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "role", "service", "municipality", "holder"]

    def clean(self):
        cleaned = super().clean()
        held_by_before = Position.objects.filter(pk=self.instance.pk).values_list("holder_id", flat=True).first()
        holder = cleaned.get("holder")
        error = position_change_error(
            self.acting_user, held_by_before=held_by_before, held_by_after=holder.pk if holder else None
        )
        if error:
            self.add_error("holder", error)
        return cleaned


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    form = PositionAdminForm
    list_display = ["title", "role", "service", "municipality", "holder"]
    list_filter = ["role"]
    search_fields = ["title", "holder__full_name", "holder__email"]
    raw_id_fields = ["holder", "service"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.acting_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        position_save(position=obj, by=request.user)

    def delete_model(self, request, obj):
        holder = obj.holder
        super().delete_model(request, obj)
        service_groups_sync(holder)

    def delete_queryset(self, request, queryset):
        holders = [position.holder for position in queryset.select_related("holder")]
        super().delete_queryset(request, queryset)
        for holder in holders:
            service_groups_sync(holder)


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "municipality", "is_active", "is_staff"]
    search_fields = ["full_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "phone", "municipality"]}),
        # No groups or permissions: case access follows positions (organisation/groups.py), never a hand-set group.
        ("Tilgang", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Datoer", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        person_save(person=obj, by=request.user)
