from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from okr_tracker.admin_dates import be_datetime_column

from .models import OutboxMessage, Preferences
from .services import deliver_due


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", _("waiting")), ("failing", _("failed, will be tried again")), ("sent", _("sent"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(sent_at__isnull=True, attempts=0)
        if self.value() == "failing":
            return queryset.filter(sent_at__isnull=True, attempts__gt=0)
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = [be_datetime_column("created_at", _("queued")), "kind", "to", "subject", "state", "attempts",
                    be_datetime_column("next_attempt_at", _("next attempt")), "last_error"]
    list_filter = [StateFilter, "kind"]
    search_fields = ["to", "subject"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]
    actions = ["send_now"]

    @admin.display(description=_("state"))
    def state(self, message):
        if message.sent_at:
            return _("sent")
        return _("failed, will be tried again") if message.attempts else _("waiting")

    @admin.action(description=_("Try to send the selected messages now"))
    def send_now(self, request, queryset):
        from django.utils import timezone

        queryset.filter(sent_at__isnull=True).update(next_attempt_at=timezone.now())
        sent, failed = deliver_due(ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("Sent %(sent)s, failed %(failed)s.") % {"sent": sent, "failed": failed})

    def has_add_permission(self, request):
        return False


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "language", "review_notices", "deadline_reminders", "daily_digest"]
    search_fields = ["user__username", "user__email"]
