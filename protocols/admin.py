from django.contrib import admin

from council.admin_scope import CouncilScopedAdmin, HistoryAdmin, ReadOnlyAdmin, council_filter

from .models import Protocol, Signature


class SignatureInline(admin.TabularInline):
    model = Signature
    extra = 0
    fields = ("capacity", "person", "signed_at", "ip_address", "method")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Protocol)
class ProtocolAdmin(ReadOnlyAdmin, CouncilScopedAdmin, HistoryAdmin):
    """Read-only: protocols are drafted, agreed, signed and sent on the secretary's pages; a signed protocol
    never changes, and nothing is deleted automatically (R-001-3e keeping period is shown)."""

    list_display = ("meeting", "council", "registration", "status", "signed_at", "keep_until")
    list_filter = ("status", council_filter("council"), "year")
    search_fields = ("items__question_ru", "items__question_kk")
    list_select_related = ("meeting__council", "council")
    inlines = [SignatureInline]
