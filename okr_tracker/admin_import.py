"""The admin's import pages for a workbook layout: indicator chosen on the form, every problem of
the file shown in Thai (never an exception name), preview then confirm (django-import-export)."""
import copy

from django import forms
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from .workbook import WorkbookInvalid


class WorkbookImportMixin(ImportMixin):
    """Subclasses set `formats` and `resource_classes`, and may add `context_fields` to the forms."""

    context_fields = {}
    import_template_name = "admin/okr_import.html"

    def get_import_form_class(self, request):
        admin = self

        def clean(form):
            cleaned = ImportForm.clean(form)
            for field, message in admin.validate_context(cleaned).items():
                form.add_error(field, message)
            return cleaned

        return type("ContextImportForm", (ImportForm,), {**self.context_fields, "clean": clean})

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
