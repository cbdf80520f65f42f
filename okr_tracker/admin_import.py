"""The admin's import pages for a workbook layout: indicator chosen on the form, every problem of
the file shown in Thai (never an exception name), preview then confirm (django-import-export)."""
import copy

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from .import_storage import DatabaseStorage
from .workbook import MAX_FILE_BYTES, WorkbookInvalid


class WorkbookImportMixin(ImportMixin):
    """Subclasses set `formats` and `resource_classes`, and may add `context_fields` to the forms."""

    context_fields = {}
    import_template_name = "admin/okr_import.html"

    def has_import_permission(self, request):
        """An import adds and changes rows: the add *and* the change permission (the admin's own
        has_change_permission may be False on a read-only list, so the permission itself is asked)."""
        from django.contrib.auth import get_permission_codename

        opts = self.model._meta
        return (super().has_import_permission(request)
                and request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}"))

    def get_import_form_class(self, request):
        admin = self

        def clean(form):
            cleaned = ImportForm.clean(form)
            for field, message in admin.validate_context(cleaned).items():
                form.add_error(field, message)
            return cleaned

        return type("ContextImportForm", (ImportForm,), {**self.context_fields, "clean": clean})

    def import_action(self, request, *args, **kwargs):
        """The page lists the columns a file has, as the file heads them (Thai), not the resource's field
        names (`district, number, communities, target_communities`)."""
        response = super().import_action(request, *args, **kwargs)
        columns = getattr(self.formats[0], "columns", None)
        if columns and getattr(response, "context_data", None) and "fields_list" in response.context_data:
            ordered = [column for column in columns if column.key == "district"] + [
                column for column in columns if column.key != "district"]
            response.context_data["fields_list"] = [(str(self.model._meta.verbose_name_plural), [
                column.patterns[0] if column.required else _("%(column)s (if any)") % {"column": column.patterns[0]}
                for column in ordered])]
        return response

    def validate_context(self, cleaned_data):
        """{field: message} for a choice of context that makes no sense."""
        return {}

    def get_confirm_form_class(self, request):
        return type("ContextConfirmImportForm", (ConfirmImportForm,),
                    {name: self._hidden(field) for name, field in self.context_fields.items()})

    @staticmethod
    def _hidden(field):
        """The same field (so the confirmation reads the same type of value), as a hidden input."""
        hidden = copy.deepcopy(field)
        hidden.widget = forms.HiddenInput()
        return hidden

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            for name in self.context_fields:
                value = import_form.cleaned_data.get(name)
                initial[name] = "" if value is None else getattr(value, "pk", value)
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        context = {}
        if form is not None and form.is_valid():
            context = {name: form.cleaned_data.get(name) for name in self.context_fields}
        return self.resource_context(**context)

    def resource_context(self, **context):
        return context

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, WorkbookInvalid):
            name = form.cleaned_data["import_file"].name if form.cleaned_data.get("import_file") else ""
            for problem in error.problems:
                form.add_error("import_file", f"{name}: {problem}")
        else:
            form.add_error("import_file", _("The file cannot be read as a spreadsheet (.xlsx, .xls, .ods or .csv)."))


class PreviewFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.xlsx, .xls, .ods, .csv)"))


class FilePreviewImportMixin:
    """An admin page "<title>": upload a file, see what importing it would do (or every problem of
    the file), confirm. The upload waits in the database between the two steps (several app servers
    share it). Subclasses set `file_import_title`, `file_import_help` and implement
    `run_file_import(data, file_name, dry_run)` (an outcome with .ok, .problems), `file_import_preview(outcome)`
    (rows of (what happens, name)) and `file_import_done(outcome)` (the message after the import)."""

    file_import_title = ""
    file_import_help = ""
    file_import_url_name = ""

    def get_urls(self):
        return [path("import-file/", self.admin_site.admin_view(self.file_import_view), name=self.file_import_url_name)] \
            + super().get_urls()

    def has_file_import_permission(self, request):
        """An import creates and changes rows: who may add *and* change them (Django's own rule for the
        user admin, whose add form needs both)."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def file_import_view(self, request):
        if not self.has_file_import_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": self.file_import_title,
                   "help": self.file_import_help}
        if request.method == "POST" and "confirm" in request.POST:
            storage = DatabaseStorage(name=request.POST.get("upload", ""))
            try:
                data = storage.read()
            except Exception:  # the upload expired or was confirmed already
                messages.error(request, gettext_now("The uploaded file is no longer here; upload it again."))
                return redirect(f"admin:{self.file_import_url_name}")
            outcome = self.run_file_import(data, request.POST.get("file_name", ""), dry_run=False, request=request)
            storage.remove()
            if outcome.ok:
                messages.success(request, self.file_import_done(outcome))
                return redirect(reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"))
            context.update(form=PreviewFileForm(), outcome=outcome)
            return render(request, "admin/file_import.html", context)
        form = PreviewFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error("file", gettext_now("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
            else:
                data = upload.read()
                outcome = self.run_file_import(data, upload.name, dry_run=True, request=request)
                context["outcome"] = outcome
                if outcome.ok:
                    storage = DatabaseStorage()
                    storage.save(data)
                    context.update(upload=storage.name, file_name=upload.name, preview=self.file_import_preview(outcome))
        context["form"] = form
        return render(request, "admin/file_import.html", context)


