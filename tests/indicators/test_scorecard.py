"""A district's year under its performance agreement (issue 23): the scoring rule at each level value,
between values, beyond both ends, lower is better, a success level; weights 40/35/25; ties in the
ranking; a KR without a result; the agreement from one workbook (weights refused unless they add to
100); the criteria in the KR workbook; the scorecard command and pages, computed by hand."""
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from districts.models import District
from indicators.agreement_workbook import export_agreement, import_agreement
from indicators.kr_workbook import export_indicator, import_indicator
from indicators.models import AgreementItem, DistrictResult, Indicator, Quarter, ScoringCriteria
from indicators.scoring import ranks, score, weighted_total

pytestmark = pytest.mark.django_db
V = [60, 70, 80, 90, 100]


@pytest.mark.parametrize("result, expected", [
    ("86.00", "3.6000"), ("93.92", "4.3920"), ("55", "1.0000"), ("100", "5.0000"),  # the worked example
    ("60", "1.0000"), ("70", "2.0000"), ("80", "3.0000"), ("90", "4.0000"), ("120", "5.0000"), ("0", "1.0000"),
    ("65", "1.5000"), ("89.99", "3.9990"), ("60.00005", "1.0000"), ("61.23456", "1.1235"),  # half-up at the 4th place
])
def test_the_score_of_a_result_by_hand(result, expected):
    assert score(Decimal(result), V) == Decimal(expected)


@pytest.mark.parametrize("result, expected", [("100", "1.0000"), ("60", "5.0000"), ("75", "3.5000"), ("40", "5.0000"),
                                              ("130", "1.0000")])
def test_lower_is_better_is_mirrored(result, expected):
    assert score(Decimal(result), [100, 90, 80, 70, 60], "lower") == Decimal(expected)


def test_weights_and_ties_by_hand():
    assert weighted_total([(40, Decimal("3.6")), (35, Decimal(5)), (25, Decimal(1))]) == Decimal("3.4400")
    assert ranks({"a": Decimal("4.1"), "b": Decimal("3.2"), "c": Decimal("3.2"), "d": Decimal("2")}) == {
        "a": 1, "b": 2, "c": 2, "d": 4}


# --- an agreement from its workbook, scored ----------------------------------------------------


@pytest.fixture
def year_with_three_kinds(kr8308, open_fy2568):
    """KR 8308 (a share of communities), an amount and a success level in FY2568, with criteria."""
    year = kr8308.fiscal_year
    amount = Indicator.objects.create(code="AMT5", fiscal_year=year, kind="amount", unit="คน", title="อาสาสมัคร",
                                      host_agency="สำนักพัฒนาสังคม", target_percent=0, target_value=Decimal(1000))
    level = Indicator.objects.create(code="LVL5", fiscal_year=year, kind="success_level", unit="ระดับ", title="แผนชุมชน",
                                     host_agency="สำนักพัฒนาสังคม", target_percent=80, target_value=4)
    for indicator in (kr8308, amount):
        ScoringCriteria.objects.create(indicator=indicator, **{f"level_{n}": Decimal(v) for n, v in enumerate(V, 1)})
    q1 = Quarter.objects.get(fiscal_year=year, number=1)
    q2 = Quarter.objects.get(fiscal_year=year, number=2)
    din_daeng, dusit = District.objects.get(code="1026"), District.objects.get(code="1002")
    # ดินแดง: 19 of its 22 communities by Q2 = 86.36%; 93 people; level 3. ดุสิต: only its Q1 amount, 100 people.
    DistrictResult.objects.create(indicator=kr8308, district=din_daeng, quarter=q1, achieved=10)
    DistrictResult.objects.create(indicator=kr8308, district=din_daeng, quarter=q2, achieved=19)
    DistrictResult.objects.create(indicator=amount, district=din_daeng, quarter=q2, amount=Decimal(93))
    DistrictResult.objects.create(indicator=level, district=din_daeng, quarter=q2, level=3)
    DistrictResult.objects.create(indicator=amount, district=dusit, quarter=q1, amount=Decimal(100))
    return kr8308, amount, level


def agreement_workbook(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ข้อตกลง"
    sheet.append(["เขต", "มิติ", "ตัวชี้วัด", "น้ำหนัก"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROWS = [("ดินแดง", "มิติด้านประสิทธิผล", "8308", 40), ("ดินแดง", "มิติด้านประสิทธิผล", "AMT5", 35),
        ("ดินแดง", "มิติด้านการพัฒนาองค์กร", "LVL5", 25),
        ("ดุสิต", "มิติด้านประสิทธิผล", "8308", 40), ("ดุสิต", "มิติด้านประสิทธิผล", "AMT5", 35),
        ("ดุสิต", "มิติด้านการพัฒนาองค์กร", "LVL5", 25)]


def scorecard_json(code, quarter):
    out = io.StringIO()
    call_command("scorecard", "--district", code, "--year", "2568", "--quarter", str(quarter), "--format", "json",
                 stdout=out)
    return json.loads(out.getvalue())


def test_a_districts_year_scored_by_hand(tmp_path, year_with_three_kinds):
    path = tmp_path / "ข้อตกลง.xlsx"
    path.write_bytes(agreement_workbook(ROWS))
    call_command("import_agreement", str(path), "--year", "2568", stdout=io.StringIO())
    card = scorecard_json("1026", 2)
    # 8308: 19 × 100 / 22 = 86.36 → 3 + 6.36/10 = 3.6360; AMT5: 93 → 4.3000; LVL5: level 3 → 3.0000.
    assert [(kr["code"], kr["result"], kr["score"], kr["weighted_score"]) for kr in card["krs"]] == [
        ("8308", "86.36", "3.6360", "1.4544"), ("AMT5", "93.00", "4.3000", "1.5050"), ("LVL5", "3.00", "3.0000", "0.7500")]
    assert card["total"] == "3.7094"  # (40 × 3.6360 + 35 × 4.3 + 25 × 3) / 100
    assert card["dimensions"] == [{"dimension": "มิติด้านประสิทธิผล", "weight": "75.00", "weighted_score": "2.9594"},
                                  {"dimension": "มิติด้านการพัฒนาองค์กร", "weight": "25.00", "weighted_score": "0.7500"}]
    # ดุสิต: no result for 8308 nor LVL5 (each 1.0000, marked), 100 people in Q1 → 5.0000.
    dusit = scorecard_json("1002", 2)
    assert [(kr["no_result"], kr["score"]) for kr in dusit["krs"]] == [(True, "1.0000"), (False, "5.0000"), (True, "1.0000")]
    assert dusit["total"] == "2.4000" and (card["rank"], dusit["rank"], card["of"]) == (1, 2, 2)
    # As of Q1: ดินแดง's 8308 is its Q1 figure, 10/22 = 45.45 → 1.0000.
    assert scorecard_json("1026", 1)["krs"][0]["score"] == "1.0000"


def test_weights_that_do_not_add_to_100_are_refused_naming_the_rows(year_with_three_kinds):
    rows = [*ROWS[:2], ("ดินแดง", "มิติด้านการพัฒนาองค์กร", "LVL5", 20), ("บางใหญ่", "x", "8308", 100),
            ("ดุสิต", "x", "NOPE", 100)]
    items, problems = import_agreement(data=agreement_workbook(rows), file_name="a.xlsx", year_be=2568)
    text = "\n".join(problems)
    assert not items and "แถว 5" in text and "แถว 6" in text and not AgreementItem.objects.exists()
    items, problems = import_agreement(data=agreement_workbook(ROWS[:2] + [("ดินแดง", "x", "LVL5", 20)]),
                                       file_name="a.xlsx", year_be=2568)
    assert "แถว 2, 3, 4" in "\n".join(problems) and "95" in "\n".join(problems)


def test_the_agreement_and_the_criteria_round_trip_through_their_workbooks(year_with_three_kinds):
    kr8308, amount, _level = year_with_three_kinds
    import_agreement(data=agreement_workbook(ROWS), file_name="a.xlsx", year_be=2568)
    exported = export_agreement(2568)
    AgreementItem.objects.all().delete()
    items, problems = import_agreement(data=exported, file_name="b.xlsx", year_be=2568)
    assert not problems and len(items) == 6
    workbook = export_indicator(amount)
    ScoringCriteria.objects.filter(indicator=amount).delete()
    assert import_indicator(data=workbook, file_name="AMT5.xlsx").ok
    assert ScoringCriteria.objects.get(indicator=amount, district=None).values == [Decimal(v) for v in V]


def test_the_scorecard_is_read_by_its_district_and_reviewers_only(client, year_with_three_kinds, din_daeng_clerk,
                                                                  dusit_clerk, reviewer):
    import_agreement(data=agreement_workbook(ROWS), file_name="a.xlsx", year_be=2568)
    url = reverse("reports:scorecard", args=[2568, "1026"]) + "?quarter=2"
    client.force_login(din_daeng_clerk)
    page = client.get(url).content.decode()
    assert 'data-testid="total">3.7094<' in page and "1 / 2" in page
    client.force_login(dusit_clerk)
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:ranking", args=[2568])).status_code == 403
    client.force_login(reviewer)
    ranking = client.get(reverse("reports:ranking", args=[2568]) + "?quarter=2").content.decode()
    table = ranking[ranking.index('data-testid="ranking"'):]  # the table (the map above names them too)
    assert table.index("สำนักงานเขตดินแดง") < table.index("สำนักงานเขตดุสิต")


def test_the_scorecard_downloads_as_excel_with_the_same_figures(client, year_with_three_kinds, reviewer):
    import_agreement(data=agreement_workbook(ROWS), file_name="a.xlsx", year_be=2568)
    client.force_login(reviewer)
    response = client.get(reverse("reports:scorecard", args=[2568, "1026"]) + "?quarter=2&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [row[5] for row in rows[:3]] == [3.636, 4.3, 3.0] and rows[-1][6] == 3.7094
    assert "อันดับ 1/2" in sheet["A1"].value


@pytest.mark.parametrize("index", [0, 1, 2], ids=["community_share", "amount", "success_level"])
def test_a_kr_with_criteria_of_every_kind_round_trips_through_its_workbook(year_with_three_kinds, index):
    """The criteria rows were read into the name that held the sheet's labels: the success-level KR's
    target level, read after them, raised AttributeError (a 500 on the admin's import page)."""
    indicator = year_with_three_kinds[index]
    ScoringCriteria.objects.update_or_create(indicator=indicator, district=None,
                                             defaults={f"level_{n}": Decimal(v) for n, v in enumerate(V, 1)})
    workbook = export_indicator(indicator)
    outcome = import_indicator(data=workbook, file_name=f"{indicator.code}.xlsx")
    assert outcome.ok, outcome.problems
    indicator.refresh_from_db()
    assert [getattr(indicator.criteria.get(district=None), f"level_{n}") for n in range(1, 6)] == [Decimal(v) for v in V]


def test_the_read_api_answers_the_scorecard_and_the_ranking_as_the_command_does(client, year_with_three_kinds, reviewer,
                                                                               din_daeng_clerk, dusit_clerk):
    """Issue 23, item 6: the scorecard and the 50-district ranking in the read API, described in its
    OpenAPI schema and validated against it; a district's staff read their own scorecard only."""
    import_agreement(data=agreement_workbook(ROWS), file_name="a.xlsx", year_be=2568)
    url = reverse("api:scorecard", kwargs={"year": 2568, "district": "1026"}) + "?quarter=2"
    client.force_login(reviewer)
    answer = client.get(url)
    assert answer.status_code == 200 and answer.json() == scorecard_json("1026", 2)
    ranking = client.get(reverse("api:ranking", kwargs={"year": 2568}) + "?quarter=2").json()
    assert {row["district"]: (row["total"], row["rank"], row["rank_in_group"]) for row in ranking["districts"]} == {
        code: (card["total"], card["rank"], card["rank_in_group"])
        for code, card in ((code, scorecard_json(code, 2)) for code in ("1026", "1002"))}
    assert [row["rank"] for row in ranking["districts"]] == sorted(row["rank"] for row in ranking["districts"])
    schema = client.get(reverse("api:openapi")).json()
    assert {"/api/v1/scorecards/{year}/{district}/", "/api/v1/scorecards/{year}/"} <= set(schema["paths"])
    client.force_login(din_daeng_clerk)
    assert client.get(url).status_code == 200
    assert client.get(reverse("api:ranking", kwargs={"year": 2568})).status_code == 403
    client.force_login(dusit_clerk)
    assert client.get(url).status_code == 404  # another district's: as if it did not exist
    client.force_login(reviewer)
    assert client.get(reverse("api:ranking", kwargs={"year": 2599})).status_code == 404
    assert client.get(reverse("api:scorecard", kwargs={"year": 2568, "district": "1026"}) + "?quarter=5").status_code == 400


def test_bangkok_at_a_glance_places_every_district_as_they_lie():
    """Issue 23, item 4: one tile a district, no two on one place; Phra Nakhon in the centre, Nong Chok
    east, Thawi Watthana west, Don Mueang north, Bang Khun Thian south."""
    from reports.tilemap import COLUMNS, ROWS, TILES

    assert set(TILES) == set(District.objects.values_list("code", flat=True))
    assert len(set(TILES.values())) == len(TILES) == 50
    rows, columns = {code: row for code, (row, _c) in TILES.items()}, {code: column for code, (_r, column) in TILES.items()}
    assert TILES["1001"] == (ROWS // 2, COLUMNS // 2)  # พระนคร
    assert columns["1003"] == max(columns.values()) and columns["1048"] == min(columns.values())  # หนองจอก, ทวีวัฒนา
    assert rows["1036"] == min(rows.values()) and rows["1021"] == max(rows.values())  # ดอนเมือง, บางขุนเทียน
    # The Thon Buri side lies west of Phra Nakhon.
    assert all(columns[code] < columns["1001"] for code in ("1015", "1016", "1018", "1020", "1022", "1023", "1040", "1048"))


def test_the_ranking_and_a_krs_dashboard_draw_the_map_with_a_named_link_per_district(client, year_with_three_kinds, reviewer):
    import re

    kr8308, _amount, _level = year_with_three_kinds
    import_agreement(data=agreement_workbook(ROWS), file_name="a.xlsx", year_be=2568)
    client.force_login(reviewer)
    page = client.get(reverse("reports:ranking", args=[2568]) + "?quarter=2").content.decode()
    tiles = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)" class="tile ([\w-]+)">', page)
    assert len(tiles) == 50
    named = {label.split(":")[0]: (href, state) for href, label, state in tiles}
    din_daeng = scorecard_json("1026", 2)
    href, state = named["สำนักงานเขตดินแดง"]
    assert href == reverse("reports:scorecard", args=[2568, "1026"]) + "?quarter=2"
    assert state == {5: "band-5", 4: "band-4", 3: "band-3", 2: "band-2", 1: "band-1"}[
        min(5, max(1, int(Decimal(din_daeng["total"]) + Decimal("0.5"))))]
    assert named["สำนักงานเขตพระนคร"][1] == "none"  # no agreement
    assert "ป้อมปราบฯ" in page  # a tile's short label; its accessible name is the full one
    dashboard = client.get(reverse("reports:dashboard", args=["8308", 2568, 2])).content.decode()
    states = dict((label.split(":")[0], state) for _href, label, state in
                  re.findall(r'<a href="([^"]+)" aria-label="([^"]+)" class="tile ([\w-]+)">', dashboard))
    # ดินแดง: 19 of 22 by Q2, short of its 20; every other district has no result yet.
    assert states["สำนักงานเขตดินแดง"] == "not-met" and states["สำนักงานเขตดุสิต"] == "not-reported"


def test_the_ranking_is_served_from_its_cache_until_a_figure_of_its_krs_changes(client, year_with_three_kinds, reviewer,
                                                                               django_assert_max_num_queries):
    """Issue 23, item 7: the ranking's body is cached under the stamps of every KR of the year's
    agreements; a new result, a changed criterion or a re-imported agreement shows at once."""
    kr8308, amount, _level = year_with_three_kinds
    import_agreement(data=agreement_workbook(ROWS), file_name="a.xlsx", year_be=2568)
    client.force_login(reviewer)
    url = reverse("reports:ranking", args=[2568]) + "?quarter=2"
    import re

    def body(response):  # the page without its per-request CSRF tokens
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    first = body(client.get(url))
    with django_assert_max_num_queries(8):  # the session, the user, the year, one stamps query, the cached body …
        assert body(client.get(url)) == first
    dusit = scorecard_json("1002", 2)["total"]
    DistrictResult.objects.create(indicator=amount, district=District.objects.get(code="1002"),
                                  quarter=Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=2), amount=Decimal(95))
    assert scorecard_json("1002", 2)["total"] != dusit
    assert scorecard_json("1002", 2)["total"] in client.get(url).content.decode()
    criteria = ScoringCriteria.objects.get(indicator=amount, district=None)
    criteria.level_5 = Decimal(200)
    criteria.save()
    assert scorecard_json("1002", 2)["total"] in client.get(url).content.decode()


def test_the_evaluators_assessed_result_is_scored_beside_the_reported_one(client, year_with_three_kinds, reviewer,
                                                                         din_daeng_clerk):
    """Issue 23, item 5: an evaluator (สยป.) records an assessed result and a comment on an approved
    report; the scorecard scores it and shows the reported one beside it; the district sees both; the
    history keeps it; no one else may assess, nor assess a report not approved."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from indicators.models import Assessment
    from reports.models import Report
    from reports.roles import EVALUATOR_GROUP, ensure_role_groups

    kr8308, _amount, _level = year_with_three_kinds
    import_agreement(data=agreement_workbook(ROWS), file_name="a.xlsx", year_be=2568)
    ensure_role_groups()
    evaluator = get_user_model().objects.create_user("evaluator")
    evaluator.groups.add(Group.objects.get(name=EVALUATOR_GROUP))
    q2 = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=2)
    report = Report.objects.create(indicator=kr8308, district=District.objects.get(code="1026"), quarter=q2,
                                   status=Report.Status.APPROVED, achieved=19)
    assert scorecard_json("1026", 2)["krs"][0]["result"] == "86.36"  # 19 of 22 communities
    url = reverse("reports:assess", args=[report.pk])
    client.force_login(reviewer)
    assert client.post(url, {"result": "80", "comment": "x"}).status_code == 403  # a reviewer does not assess
    client.force_login(evaluator)
    assert client.post(url, {"result": "๘๐", "comment": "เอกสารยืนยันได้ 17 ชุมชน"}).status_code == 302
    kr = scorecard_json("1026", 2)["krs"][0]
    # 80.00 scores 3.0000 on 60/70/80/90/100; the reported 86.36 would have scored 3.6360.
    assert (kr["result"], kr["reported"], kr["assessed"], kr["score"]) == ("80.00", "86.36", True, "3.0000")
    assert Assessment.history.filter(indicator=kr8308).count() == 1
    client.force_login(din_daeng_clerk)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "เอกสารยืนยันได้ 17 ชุมชน" in page and 'action="' + url + '"' not in page
    scorecard_page = client.get(reverse("reports:scorecard", args=[2568, "1026"]) + "?quarter=2").content.decode()
    assert 'data-testid="assessed"' in scorecard_page and "86.36" in scorecard_page
    client.force_login(reviewer)  # the KR's dashboard shows the reported figure and the assessed one side by side
    dashboard = client.get(reverse("reports:dashboard", args=["8308", 2568, 2])).content.decode()
    table = dashboard[dashboard.index('data-testid="assessed-table"'):]
    row = table[table.index("<td>ดินแดง</td>"):table.index("</tr>", table.index("<td>ดินแดง</td>"))]
    assert '<td class="num">86.36</td>' in row and '<td class="num">80</td>' in row and "เอกสารยืนยันได้ 17 ชุมชน" in row
    # The evaluator reads every district and decides nothing else.
    client.force_login(evaluator)
    assert client.get(reverse("reports:scorecard", args=[2568, "1002"])).status_code == 200
    assert client.post(reverse("reports:approve", args=[report.pk])).status_code == 403
    assert client.get(reverse("reports:form", args=["1026", "8308", 2568, 2])).status_code in (403, 404)
    assert client.get(reverse("reports:ranking", args=[2568])).status_code == 403
    Report.objects.filter(pk=report.pk).update(status=Report.Status.SUBMITTED)
    assert client.post(url, {"result": "70"}).status_code == 403  # only an approved report is assessed
    assert Assessment.objects.get(indicator=kr8308).result == Decimal(80)
