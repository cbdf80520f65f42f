"""What the kinds' figures share that reads the database or writes text: the districts in the
tables' order, grouping rows by district group, and the JSON/table spellings of a figure."""
from districts.models import District


def districts():
    """Every district, in the tables' order (group, then code): one query."""
    return list(District.objects.select_related("group").order_by("group__order", "group__code", "code"))


def by_group(rows, make):
    """Rows gathered into `make(group)` totals, in the groups' order."""
    groups = {}
    for row in rows:
        groups.setdefault(row.district.group.pk, make(row.district.group)).districts.append(row)
    return sorted(groups.values(), key=lambda totals: (totals.group.order, totals.group.code))


def yes_no(value):
    return {True: "ใช่", False: "ไม่ใช่", None: "-"}[value]


def dash(value):
    return "-" if value is None else value


def percent_text(value):
    return None if value is None else f"{value:.2f}"
