from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from council.admin_scope import CouncilScopedAdmin

from .models import Approval


@admin.register(Approval)
class ApprovalAdmin(CouncilScopedAdmin, SimpleHistoryAdmin):
    """Read-only in admin: approvals move only through the secretary's and the chair's actions."""

    list_display = ("council", "kind", "status", "created_at", "decided_at")
    list_filter = ("status", "kind", "council")
    search_fields = ("council__name_ru", "council__name_kk", "note", "remarks")
    list_select_related = ("council",)
    readonly_fields = [f.name for f in Approval._meta.fields if f.name != "id"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
