"""The interface every indicator kind provides, documented here and nowhere else. A kind is a package,
indicators/kinds/<code>/: __init__.py (the Kind subclass), figures.py (its district rows, totals and
loaders, on achievement.py's shared arithmetic), and its templates in templates/indicators/kinds/<code>/.
Callers ask; nothing outside the package tests which kind it holds (tests/indicators/test_kind_guard.py).

By concern:
- figures: summarise, quarter_overviews / quarter_overview, official_listings, district_figures,
  figures_for_report (raises TakesNoPart), report_figures, district_trend, result_values,
  score_result, default_criteria;
- the report form: report_fields, form_fields, form_initial, clean_form, form_relations, validate,
  missing_for_submission, warnings, has_figure;
- the dashboard: previous_figures, follow_up_reasons, sort_value, chart_value / chart_target / chart_unit;
- files: the KR workbook (thai_name, target_of, target_fields, target_level_of, target_level_fields,
  target_headers, target_cells, target_columns, unit_from_headers, read_target), the admin's target
  table (has_target_table, target_table_sheet), the results file (result_limits, read_result,
  results_headers, results_cells), the dashboard workbook (sheet_headers, sheet_cells, sheet_total,
  sheet_group_headers, sheet_group_cells);
- words: label, unit_of, target_text, summary_table (kpi_summary's table), as_json with json_totals /
  json_top / json_district (the read API's schema is generated from these);
- templates: template(part) / templates[part], the parts tests/indicators/test_kinds.py lists.
"""
from django.utils.translation import gettext as _

from okr_tracker.workbook import CellError


class TakesNoPart(LookupError):
    """The district does not report on this KR (Kind.figures_for_report)."""


class Kind:
    code = ""
    # The report fields a district fills for this kind (the form shows these and no others).
    report_fields = ()
    # Whether the kind has a per-district target table (imported from the target workbook).
    has_target_table = False

    # --- the KR workbook (indicators/kr_workbook.py) ---
    thai_name = ""  # the kind's name in the workbook's "ประเภท" row, exactly

    def target_of(self, indicator):
        """The KR's "ค่าเป้าหมาย" as the workbook writes it."""
        return indicator.target_percent

    def target_fields(self, value):
        """The Indicator fields that "ค่าเป้าหมาย" sets (a Decimal read from the cell)."""
        if not 0 <= value <= 100:
            raise CellError(_("a percentage from 0 to 100"))
        return {"target_percent": value}

    def target_level_of(self, indicator):
        return None

    def target_level_fields(self, text):
        """The Indicator fields that "ระดับเป้าหมาย" sets; a kind without target levels refuses a value."""
        if text not in (None, ""):
            raise CellError(_("only a success-level KR has a target level; leave it empty"))
        return {}

    def target_table_sheet(self, indicator, summary):
        """(headers, rows, total row) of the district target table the admin imports (`summary`: the
        KR's summary without a quarter), or None where the kind has no such import."""
        return None

    def target_headers(self, indicator):
        """The district table's columns after ลำดับ, เขต, กลุ่มเขต; None: the kind has no district table."""
        return None

    def target_cells(self, target):
        return []

    def target_columns(self, unit):
        """okr_tracker.workbook Columns to read the district table with; None: no table."""
        return None

    def score_result(self, row):
        """The district's figure (of a summary's row) that the performance agreement scores, or None."""
        return None

    def default_criteria(self, indicator):
        """The scoring values a KR of this kind has without criteria of its own, or None."""
        return None

    def target_text(self, indicator):
        """The KR's target in words, for the lists (site and admin): a percent here."""
        return f"{indicator.target_percent:.2f}%"

    # Charts: what a bar shows of a quarter_overviews row, what the dashed line marks, in which unit
    # ("%" runs 0–100; any other unit runs from 0 to a round number above the target).
    def chart_value(self, row):
        return row.get("percent")

    def chart_target(self, indicator):
        return indicator.target_percent

    def chart_unit(self, indicator):
        return "%"

    def unit_from_headers(self, headers):
        """What the district table counts, told by its headers (“จำนวนโรงเรียน”), or None."""
        return None

    def read_target(self, values):
        """DistrictTarget fields from a row of the district table; CellError(message, column key)."""
        return {}

    def unit_of(self, indicator):
        """What the kind's figures count, for the JSON's `unit` (ชุมชน, สำนักงานเขต, คน, ระดับ)."""
        return indicator.unit

    def template(self, part):
        """The kind's template for one part of a page: templates/indicators/kinds/<code>/<part>.html."""
        return f"indicators/kinds/{self.code}/{part}.html"

    @property
    def templates(self):
        """The same for templates: {% include board.kind.templates.dashboard_figures %}."""
        return _Templates(self)


    def summarise(self, indicator, quarter=None, pending=None):
        raise NotImplementedError

    def detail_context(self, indicator):
        """What the indicator's page shows besides its KR sheet (template: the kind's detail.html)."""
        return {}

    def quarter_overviews(self, indicators, quarters):
        """{indicator pk: [{quarter, numerator, denominator, districts_reported, percent, met}] for
        each quarter} of KRs of this kind: a fixed number of queries however many KRs."""
        raise NotImplementedError

    def quarter_overview(self, indicator, quarters=None):
        """quarter_overviews of one KR over its year's quarters (`quarters`, or read)."""
        if quarters is None:
            quarters = list(indicator.fiscal_year.quarters.order_by("number"))
        return self.quarter_overviews([indicator], quarters)[indicator.pk]

    def district_trend(self, district, codes=None):
        """{indicator code: ([(“Q/BE”, value)], target)} of one district's results over the last
        quarters, for the district's page; none by default (a kind whose district figure is a share
        of its own units draws it)."""
        return {}

    def official_listings(self, indicators, quarters):
        """{(indicator pk, quarter pk): summary} where the official report lists, per quarter, the
        districts by their answer (seed 002's form); none by default."""
        return {}

    def report_figures(self, report):
        """The district's target and this report's figure against it (met or not), for the report form
        and the report page: the kind's own row (achievement.*Row), or None without a target."""
        return None

    def figures_for_report(self, indicator, district):
        """district_figures for the report form; raises TakesNoPart where the district does not
        report on the KR (not in its target table)."""
        return self.district_figures(indicator, district)

    def district_figures(self, indicator, district):
        """What the report form and report page show of a district's target, or None."""
        return None

    def takes_part(self, indicator, district, listed):
        """Whether `district` reports on `indicator`; `listed` holds the (indicator id, district id)
        pairs of the target tables, read once for a page."""
        return True

    # --- the report form (reports/forms.py): the kind's own fields, shown by its form_fields.html ---

    def form_fields(self, report, figures):
        """{name: form field} of the figures a district reports (`figures`: the district's row from
        figures_for_report, or None)."""
        return {}

    def form_initial(self, report):
        """The form's initial values for the kind's fields where the stored value is not the field's."""
        return {}

    def clean_form(self, cleaned, add_error):
        """Checks across the kind's fields (add_error(field, ValidationError))."""

    def form_relations(self, cleaned):
        """{many-to-many field: chosen objects} the form sets on the report (None: left as it is)."""
        return {}

    def warnings(self, report, earlier_reports):
        """Figures that are possible but suspicious (Thai): the district explains them in one line to
        submit. `earlier_reports()` reads the district's earlier reports of the year when asked."""
        return []

    def previous_figures(self, indicator, quarter):
        """{district id: counted figure of the quarter before}, where the kind compares a quarter with
        the one before (the dashboard's "lower than last quarter"); empty by default."""
        return {}

    def follow_up_reasons(self, row, previous):
        """Why the dashboard flags a district's row for follow-up (`previous`: its figure of the quarter
        before, from previous_figures)."""
        return []

    def sort_value(self, row):
        """What the dashboard sorts a district's row by ("highest first"): the row's percent, or its
        figure where the kind has no percent per district; None sorts last."""
        return row.percent

    def validate(self, report, figures):
        """{field: message} for figures that cannot be right whoever enters them."""
        return {}

    def missing_for_submission(self, report):
        """{field: message} for what a report needs before it can be submitted."""
        return {}

    def result_values(self, report):
        """The figures an approved report leaves in its DistrictResult."""
        return {name: getattr(report, name) for name in ("achieved", "answered_yes", "projects")}

    def result_limits(self, indicator):
        """What `read_result` checks a district's figure against (read once for a file)."""
        return {}

    def read_result(self, row, limits):
        """Read the quarterly results file's "result" cell of `row` into the row's figures; returns
        {field: message naming sheet, row, column and value} for a cell that cannot be right."""
        raise NotImplementedError

    def has_figure(self, report):
        """Whether the report carries the kind's figure (for lists: the figure column)."""
        raise NotImplementedError

    # The dashboard workbook's columns for this kind (Thai, whatever the page's language): a
    # district's figures, the total row, and a district group's figures.
    sheet_headers = ()
    sheet_group_headers = ()

    def sheet_cells(self, row):
        raise NotImplementedError

    def sheet_total(self, summary):
        raise NotImplementedError

    def sheet_group_cells(self, totals):
        raise NotImplementedError

    # The quarterly results workbook (export, and the layout import_results reads back).
    results_headers = ()

    def results_cells(self, row):
        raise NotImplementedError

    def summary_table(self, data):
        """kpi_summary's table of the JSON `data`: (headers, rows, numeric column indexes, footer)."""
        raise NotImplementedError

    # The types of as_json's keys (name → type): group and citywide totals, the citywide extras, a
    # district's row. The read API's description is generated from them (indicators/api.py), and its
    # answers are checked against them, so the two cannot drift.
    json_totals = {}
    json_top = {}
    json_district = {}

    def as_json(self, summary):
        """(top-level keys, a function row → district keys, a function totals → group keys)."""
        raise NotImplementedError


class _Templates:
    def __init__(self, kind):
        self.kind = kind

    def __getitem__(self, part):
        return self.kind.template(part)
