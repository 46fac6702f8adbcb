from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from organisation.models import Municipality, Position, Service, User


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


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "role", "service", "municipality", "holder"]
    list_filter = ["role"]
    search_fields = ["title", "holder__full_name", "holder__email"]
    raw_id_fields = ["holder", "service"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "municipality", "is_active", "is_staff"]
    search_fields = ["full_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "phone", "municipality"]}),
        ("Tilgang", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Datoer", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
