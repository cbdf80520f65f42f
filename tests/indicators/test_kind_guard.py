"""Nothing outside `indicators/kinds/` asks which kind a KR is (issue 21).

The guard reads the code, not spellings: every Python module's syntax tree (`ast`) and every
template's node tree (Django's own parser). Outside the package it refuses

- a test (`if`, `elif`, `while`, `x if c else y`, a comprehension's `if`, `assert`, `match`) or a
  comparison that involves an indicator's kind (`.kind`, a variable named `kind`, `kind_of(…)`,
  `KINDS[…]`, `Indicator.Kind`), a kind's code as a string, or a report figure's name
  (`"amount" in fields`, `report.level is None`: which fields a kind has);
- reading a kind's flags anywhere (`cumulative`, `has_target_table`, … : the attributes of
  `base.Kind` that are data, not parts), or `Indicator.Kind.<member>`;
- a query on the kind field (`kind=…`, `kind__in=…`, `indicator__kind…`);
- in a template, an `{% if %}` on `kind`, a kind's code, or a report figure of a form, report,
  result or row.

A kind asks itself; everything else includes the kind's template parts and calls the kind's methods.
"""
import ast
from pathlib import Path

import pytest
from django.template import Engine
from django.template.defaulttags import IfNode
from django.template.loader_tags import ExtendsNode

from indicators.kinds import KINDS
from indicators.kinds.base import Kind

ROOT = Path(__file__).resolve().parents[2]
SKIP = (".venv", ".venv-load", "tests/", "indicators/kinds/", "staticfiles/", "node_modules/", "docs/")

KIND_CODES = set(KINDS)
# Every figure some kind reports (Kind.report_fields of every kind), and the model's own name for them.
REPORT_FIGURES = set().union(*(kind.report_fields for kind in KINDS.values())) | {"amount", "level", "achieved",
                                                                                   "answered_yes", "projects"}
# A kind's data that says what it is (not a method, not a template part): reading it outside is asking.
FLAGS = {name for name, value in vars(Kind).items()
         if not name.startswith("_") and not callable(value) and not isinstance(value, property)
         and name not in {"code", "thai_name"}} | {"cumulative", "has_target_table", "has_target_level", "report_fields"}
FLAGS -= {"sheet_headers", "sheet_group_headers", "results_headers", "json_totals", "json_top", "json_district"}
NAMES_OF_A_KIND = {"kind", "indicator_kind"}


def python_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(SKIP) or "/migrations/" in relative or relative.startswith("tools/"):
            continue
        yield relative, path


def _mentions_mail(node):
    """`kind == OutboxMessage.Kind.RETURNED` is a mail's kind, not an indicator's."""
    return any(isinstance(sub, ast.Name) and sub.id == "OutboxMessage" for sub in ast.walk(node))


def _is_kind(node):
    if isinstance(node, ast.Name):
        return node.id in NAMES_OF_A_KIND or node.id == "KINDS"
    if isinstance(node, ast.Attribute):
        return node.attr == "kind" or (node.attr == "Kind" and isinstance(node.value, ast.Name)
                                        and node.value.id == "Indicator")
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id == "kind_of"
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Name) and node.value.id == "KINDS"
    return False


def _asks_in_a_test(expression):
    """What in a test expression asks which kind it is, or None."""
    if _mentions_mail(expression) or _whether_named(expression):
        return None
    for node in _walk_but_answers(expression):
        if _is_kind(node):
            return "tests the kind"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in KIND_CODES:
                return f"compares with the kind code {node.value!r}"
            if node.value in REPORT_FIGURES:
                return f"asks whether the figure {node.value!r} exists"
        if isinstance(node, ast.Attribute) and node.attr in REPORT_FIGURES and not (
                isinstance(node.value, ast.Name) and node.value.id in {"indicator", "self"}):
            return f"tests the figure .{node.attr}"
    return None


def _whether_named(expression):
    """`kind is None`, `kind is not None`, `if kind`: whether a kind was found, not which one."""
    if isinstance(expression, ast.Name) and expression.id in NAMES_OF_A_KIND:
        return True
    if isinstance(expression, ast.UnaryOp) and isinstance(expression.op, ast.Not):
        return _whether_named(expression.operand)
    if isinstance(expression, ast.BoolOp):
        return all(_whether_named(value) or _asks_in_a_test(value) is None for value in expression.values)
    return (isinstance(expression, ast.Compare) and len(expression.ops) == 1
            and isinstance(expression.ops[0], (ast.Is, ast.IsNot)) and isinstance(expression.left, ast.Name)
            and expression.left.id in NAMES_OF_A_KIND
            and isinstance(expression.comparators[0], ast.Constant) and expression.comparators[0].value is None)


def _walk_but_answers(expression):
    """ast.walk, but not into a call of a kind's method: `kind.takes_part(…)` is the kind answering."""
    stack = [expression]
    while stack:
        node = stack.pop()
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is_kind(node.func.value)):
            stack.extend(node.args)
            stack.extend(keyword.value for keyword in node.keywords)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def python_offences(relative, source):
    tree = ast.parse(source, relative)
    found = []

    def offend(node, why):
        line = f"{relative}:{node.lineno}: {why}: {ast.get_source_segment(source, node) or ''}"[:200]
        if line not in found:
            found.append(line)

    for node in ast.walk(tree):
        tests = []
        if isinstance(node, (ast.If, ast.While, ast.IfExp, ast.Assert)):
            tests.append(node.test)
        elif isinstance(node, ast.comprehension):
            tests.extend(node.ifs)
        elif isinstance(node, ast.Match):
            tests.append(node.subject)
        elif isinstance(node, ast.Compare):
            tests.append(node)
        for test in tests:
            why = _asks_in_a_test(test)
            if why:
                offend(test, why)
        if isinstance(node, ast.Attribute) and node.attr in FLAGS:
            offend(node, f"reads the kind's flag .{node.attr}")
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "Kind"
                and isinstance(node.value.value, ast.Name) and node.value.value.id == "Indicator"
                and node.attr.isupper()):
            offend(node, "names one kind")
        if isinstance(node, ast.keyword) and node.arg and (node.arg == "kind" or node.arg.startswith("kind__")
                                                          or "__kind" in node.arg):
            if isinstance(node.value, ast.Constant) and node.value.value not in KIND_CODES:
                continue  # kind="notice" and the like: not an indicator's kind
            if not _mentions_mail(node.value) and _is_query(tree, node):
                offend(node.value, f"queries the kind ({node.arg}=)")
    return found


def _is_query(tree, keyword):
    """Whether the keyword is an argument of filter/exclude/get/Q (a query on the field)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and keyword in node.keywords:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            return name in {"filter", "exclude", "get", "Q", "get_or_create", "update_or_create", "count", "exists"}
    return False


def template_files():
    for path in sorted((ROOT / "templates").rglob("*")):
        relative = path.relative_to(ROOT).as_posix()
        if path.is_file() and not relative.startswith("templates/indicators/kinds/") and path.suffix in {".html", ".txt"}:
            yield relative, path


TEMPLATE_OBJECTS = {"form", "report", "result", "row", "line", "figures", "latest", "district_row"}


def _variables(condition):
    """The FilterExpressions of an {% if %} condition (smartif's tree)."""
    stack = [condition]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if hasattr(node, "value") and hasattr(node.value, "var"):
            yield node.value
        for attribute in ("first", "second"):
            stack.append(getattr(node, attribute, None))


def template_offences(relative, text, engine):
    found = []
    template = engine.from_string(text)

    def offend(line):
        if line not in found:
            found.append(line)

    def walk(nodelist):
        for node in nodelist:
            if isinstance(node, IfNode):
                for condition, _nodelist in node.conditions_nodelists:
                    for expression in _variables(condition):
                        var = expression.var
                        lookups = getattr(var, "lookups", None) or ()
                        literal = getattr(var, "literal", None) if not lookups else None
                        if "kind" in lookups:
                            offend(f"{relative}: {{% if %}} on the kind: {expression.token}")
                        elif isinstance(literal, str) and literal in KIND_CODES:
                            offend(f"{relative}: {{% if %}} on a kind's code: {expression.token}")
                        elif (len(lookups) > 1 and lookups[0] in TEMPLATE_OBJECTS
                              and set(lookups[1:]) & REPORT_FIGURES):
                            offend(f"{relative}: {{% if %}} on which figures exist: {expression.token}")
            for attribute in getattr(node, "child_nodelists", ()):
                walk(getattr(node, attribute, None) or [])
            if isinstance(node, ExtendsNode):
                walk(node.nodelist)

    walk(template.nodelist)
    return found


def test_the_guard_sees_every_way_of_asking():
    """The guard itself: each way of asking is caught, and asking the kind to do it is not."""
    asking = {
        "if indicator.kind == 'amount': pass": 1,
        "x = 1 if kind_of(indicator).code == code else 2": 1,
        "rows = [r for r in rows if r.amount is not None]": 1,
        "if 'level' in form.fields: pass": 1,
        "flag = report.kind.cumulative": 1,
        "qs = Indicator.objects.filter(kind__in=codes)": 1,
        "qs = Result.objects.filter(indicator__kind='amount')": 1,
        "match indicator.kind:\n    case 'amount': pass": 1,
        "k = Indicator.Kind.AMOUNT": 1,
        "if kind is not None and kind.has_target_level: pass": 1,
    }
    for source, expected in asking.items():
        assert len(python_offences("example.py", source)) >= expected, source
    telling = ["rows = kind_of(indicator).summarise(indicator, quarter)",
               "if kind == OutboxMessage.Kind.RETURNED: pass",
               "fields = {**fields, 'kind': kind.code}",
               "if indicator.level == 'output': pass",
               "if not kind_of(indicator).takes_part(indicator, district, listed): pass",
               "if kind is not None and cell: pass"]
    for source in telling:
        assert python_offences("example.py", source) == [], source
    engine = Engine(libraries={"i18n": "django.templatetags.i18n"})
    assert template_offences("t.html", "{% if form.amount %}x{% endif %}", engine)
    assert template_offences("t.html", "{% if indicator.kind == 'amount' %}x{% endif %}", engine)
    assert not template_offences("t.html", "{% if indicator.level == 'output' %}x{% endif %}", engine)


def test_no_python_outside_the_kinds_package_asks_which_kind_it_holds():
    offences = []
    for relative, path in python_files():
        offences += python_offences(relative, path.read_text(encoding="utf-8"))
    assert not offences, "ask the kind (indicators.kinds) instead:\n" + "\n".join(offences)


def test_no_template_outside_the_kinds_folder_asks_which_kind_it_holds(settings):
    from django.template import engines

    engine = engines["django"].engine
    offences = []
    for relative, path in template_files():
        try:
            offences += template_offences(relative, path.read_text(encoding="utf-8"), engine)
        except Exception as error:  # a mail text or a fragment the engine cannot parse alone
            pytest.fail(f"{relative}: {error}")
    assert not offences, "include the kind's template part instead:\n" + "\n".join(offences)


# What a kind may build on: the framework, the models and the shared arithmetic below it, and the
# project's tools for files, forms and numbers. Nothing that itself asks the kinds (pages, imports,
# summaries, reports) — that would be an import cycle, however well hidden inside a function.
BELOW_THE_KINDS = ("districts.models", "indicators.models", "indicators.achievement", "indicators.scoring",
                   "okr_tracker.workbook", "okr_tracker.forms", "okr_tracker.numbers", "okr_tracker.thai")
PROJECT = ("accounts", "bench", "districts", "indicators", "notifications", "okr_tracker", "reports")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def test_nothing_in_the_kinds_package_imports_from_above_it():
    offences = []
    for path in sorted((ROOT / "indicators" / "kinds").rglob("*.py")):
        for line, module in _imports(path):
            if module.split(".")[0] in PROJECT and not module.startswith(BELOW_THE_KINDS):
                offences.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    assert not offences, "\n".join(offences)


def test_the_shared_arithmetic_imports_nothing_of_the_project():
    modules = [module for _line, module in _imports(ROOT / "indicators" / "achievement.py")]
    assert not [module for module in modules if module.split(".")[0] in PROJECT], modules


def test_each_kind_is_a_package_with_its_figures_and_its_templates():
    for code, kind in KINDS.items():
        package = ROOT / "indicators" / "kinds" / code
        assert (package / "__init__.py").exists() and (package / "figures.py").exists(), code
        assert type(kind).__module__ == f"indicators.kinds.{code}", code
        assert (ROOT / "templates" / "indicators" / "kinds" / code).is_dir(), code
