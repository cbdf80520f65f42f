"""The user list gets "Import accounts from a file": upload, preview (every new, changed and unchanged
account, or every problem of the file), confirm. The same import as `manage.py import_accounts`."""
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from okr_tracker.import_storage import DatabaseStorage
from okr_tracker.workbook import MAX_FILE_BYTES

from .services import import_accounts

User = get_user_model()


class AccountFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Accounts file (.xlsx, .xls, .ods, .csv)"),
                           help_text=gettext_lazy("Columns: ชื่อผู้ใช้, ชื่อ-นามสกุล, อีเมล, เขต, บทบาท."))


class AccountUserAdmin(UserAdmin):
    change_list_template = "admin/accounts/user_change_list.html"

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view), name="accounts_import")] + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": _("Import accounts from a file")}
        if request.method == "POST" and "confirm" in request.POST:
            storage = DatabaseStorage(name=request.POST.get("upload", ""))
            try:
                data = storage.read()
            except Exception:  # the upload expired or was confirmed already
                messages.error(request, _("The uploaded file is no longer here; upload it again."))
                return redirect("admin:accounts_import")
            outcome = import_accounts(data=data, file_name=request.POST.get("file_name", ""))
            storage.remove()
            if outcome.ok:
                messages.success(request, _("Imported: %(new)s new accounts (each is mailed a link to set a password), "
                                            "%(changed)s changed, %(unchanged)s unchanged.")
                                 % {"new": outcome.new, "changed": outcome.changed, "unchanged": outcome.unchanged})
                return redirect(reverse("admin:auth_user_changelist"))
            context.update(form=AccountFileForm(), outcome=outcome)
            return render(request, "admin/accounts/import.html", context)
        form = AccountFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error("file", _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
            else:
                data = upload.read()
                outcome = import_accounts(data=data, file_name=upload.name, dry_run=True)
                context["outcome"] = outcome
                if outcome.ok:
                    storage = DatabaseStorage()
                    storage.save(data)
                    context.update(upload=storage.name, file_name=upload.name)
        context["form"] = form
        return render(request, "admin/accounts/import.html", context)


admin.site.unregister(User)
admin.site.register(User, AccountUserAdmin)
