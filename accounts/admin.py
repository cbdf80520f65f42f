"""The user list gets "Import accounts from a file": upload, preview (every new, changed and unchanged
account, or every problem of the file), confirm. The same import as `manage.py import_accounts`."""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from okr_tracker.admin_import import FilePreviewImportMixin

from .services import import_accounts

User = get_user_model()


class AccountUserAdmin(FilePreviewImportMixin, UserAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "user_permissions":
            kwargs["queryset"] = assignable_permissions(db_field.remote_field.model.objects.all())
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)

    change_list_template = "admin/accounts/user_change_list.html"
    file_import_title = gettext_lazy("Import accounts from a file")
    file_import_help = gettext_lazy("Columns: ชื่อผู้ใช้, ชื่อ-นามสกุล, อีเมล, เขต, บทบาท. The file is checked first and "
                                    "nothing is written: you will see every account (or every problem) and then confirm. "
                                    "Each new account is mailed a one-time link to set its password.")
    file_import_url_name = "accounts_import"

    def run_file_import(self, data, file_name, dry_run, request=None):
        return import_accounts(data=data, file_name=file_name, dry_run=dry_run, by=request.user if request else None)

    def file_import_preview(self, outcome):
        return ([(_("new, invited by mail"), name) for name in outcome.new_users]
                + [(_("changed"), name) for name in outcome.changed_users]
                + [(_("unchanged"), name) for name in outcome.unchanged_users])

    def file_import_done(self, outcome):
        return _("Imported: %(new)s new accounts (each is mailed a link to set a password), %(changed)s changed, "
                 "%(unchanged)s unchanged.") % {"new": outcome.new, "changed": outcome.changed, "unchanged": outcome.unchanged}


def assignable_permissions(queryset):
    """Permissions an administrator gives: not those of django-simple-history's record models (no one
    adds or changes a history row by hand; their names are the package's English)."""
    return queryset.exclude(content_type__model__startswith="historical").select_related("content_type")


class AccountGroupAdmin(GroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "permissions":
            kwargs["queryset"] = assignable_permissions(db_field.remote_field.model.objects.all())
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)


admin.site.unregister(User)
admin.site.register(User, AccountUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, AccountGroupAdmin)
