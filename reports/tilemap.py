"""Bangkok at a glance: one tile a district, placed as the districts lie (Phra Nakhon in the centre,
Nong Chok east, Thawi Watthana west, Don Mueang north, Bang Khun Thian south; the Thon Buri side west
of the river), drawn as inline SVG by the app (no map service, no internet). Each tile is a link with
the district's name as its text and its accessible name; a table beside the map gives the same figures.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# (row, column) of each district's tile on an 11 × 9 grid, north up.
TILES = {
    "1036": (0, 5), "1042": (0, 6),
    "1041": (1, 5), "1005": (1, 6), "1046": (1, 7),
    "1029": (2, 4), "1030": (2, 5), "1038": (2, 6), "1043": (2, 7), "1010": (2, 8),
    "1019": (3, 2), "1025": (3, 3), "1002": (3, 4), "1014": (3, 5), "1026": (3, 6), "1045": (3, 7), "1027": (3, 8),
    "1003": (3, 10),
    "1048": (4, 0), "1020": (4, 4), "1001": (4, 5), "1037": (4, 6), "1017": (4, 7), "1006": (4, 8), "1044": (4, 9),
    "1011": (4, 10),
    "1040": (5, 1), "1022": (5, 2), "1016": (5, 3), "1015": (5, 4), "1008": (5, 5), "1007": (5, 6), "1039": (5, 7),
    "1034": (5, 8), "1032": (5, 9),
    "1023": (6, 0), "1035": (6, 2), "1018": (6, 3), "1013": (6, 4), "1004": (6, 5), "1033": (6, 6), "1009": (6, 7),
    "1047": (6, 8),
    "1050": (7, 1), "1024": (7, 2), "1028": (7, 4), "1031": (7, 5), "1012": (7, 6),
    "1021": (8, 1), "1049": (8, 2),
}
SHORT_NAMES = {"1008": "ป้อมปราบฯ"}  # the one name too long for its tile (its full name is the tile's accessible name)
TILE_WIDTH, TILE_HEIGHT, GAP = 84, 44, 4
COLUMNS = 1 + max(column for _row, column in TILES.values())
ROWS = 1 + max(row for row, _column in TILES.values())


@dataclass
class Tile:
    district: object
    x: int
    y: int
    label: str
    value: str  # the second line: a score, or a mark
    state: str  # a key of the legend
    description: str  # the accessible name: the district and what the tile says
    url: str

    @property
    def text_x(self):
        return self.x + TILE_WIDTH // 2

    @property
    def name_y(self):
        return self.y + 18

    @property
    def value_y(self):
        return self.y + 36


@dataclass
class TileMap:
    tiles: list
    legend: list  # (state, label)
    title: str
    width: int = COLUMNS * (TILE_WIDTH + GAP)
    height: int = ROWS * (TILE_HEIGHT + GAP)
    tile_width: int = TILE_WIDTH
    tile_height: int = TILE_HEIGHT


def tile_map(districts, describe, title, legend):
    """A TileMap of `districts` (those with a place on the grid); `describe(district)` gives
    (state, value text, description, url) for each."""
    tiles = []
    for district in districts:
        place = TILES.get(district.code)
        if place is None:
            continue  # a district without a place (a synthetic one in the benchmarks) is in the table only
        state, value, description, url = describe(district)
        row, column = place
        tiles.append(Tile(district=district, x=column * (TILE_WIDTH + GAP), y=row * (TILE_HEIGHT + GAP),
                          label=SHORT_NAMES.get(district.code, district.name_th), value=value, state=state,
                          description=f"{district.office_name}: {description}", url=url))
    return TileMap(tiles=tiles, legend=legend, title=str(title))


SCORE_BANDS = [  # (lowest total, state, label): the scorecard's total, 1.0000–5.0000
    (4.5, "band-5", _("4.50–5.00")), (3.5, "band-4", _("3.50–4.49")), (2.5, "band-3", _("2.50–3.49")),
    (1.5, "band-2", _("1.50–2.49")), (0, "band-1", _("1.00–1.49")),
]


def score_state(total):
    if total is None:
        return "none"
    return next(state for lowest, state, _label in SCORE_BANDS if total >= lowest)


def ranking_map(cards_by_district, districts, year, quarter):
    """The ranking's map: each district coloured by its total's band."""
    from django.urls import reverse

    def describe(district):
        card = cards_by_district.get(district.pk)
        url = reverse("reports:scorecard", args=[year, district.code]) + f"?quarter={quarter}"
        if card is None or card.total is None:
            return "none", "–", str(_("no performance agreement")), url
        return (score_state(card.total), f"{card.total:.2f}",
                str(_("total %(total)s, rank %(rank)s of %(of)s")) % {"total": card.total, "rank": card.rank,
                                                                    "of": card.ranked}, url)

    legend = [(state, label) for _lowest, state, label in SCORE_BANDS] + [("none", _("no agreement"))]
    return tile_map(districts, describe, _("Total weighted score by district"), legend)


def describe_state(line):
    """A dashboard line's state on the map."""
    if line is None:
        return "no-part"
    if not line.figures.reported:
        return "not-reported"
    if line.figures.met is None:
        return "reported"  # an amount without a district target: reported, nothing to meet
    return "met" if line.figures.met else "not-met"


def results_map(lines, indicator, year, quarter_number):
    """A KR dashboard's map: each district met, not met, not reported, or not taking part."""
    from django.urls import reverse

    by_district = {line.district.pk: line for line in lines}
    marks = {"met": "✓", "not-met": "✗", "reported": "•", "not-reported": "–", "no-part": ""}
    words = {"met": _("met the target"), "not-met": _("did not meet the target"),
             "reported": _("reported (no district target)"), "not-reported": _("no result yet"),
             "no-part": _("does not report on this KR")}

    def describe(district):
        state = describe_state(by_district.get(district.pk))
        url = reverse("reports:district", args=[district.code]) + f"?year={year}&kr={indicator.code}"
        return state, marks[state], str(words[state]), url

    from districts.models import District

    districts = District.objects.select_related("group").order_by("code")
    shown = {describe_state(line) for line in lines} | {"no-part"}
    legend = [(state, words[state]) for state in ("met", "not-met", "reported", "not-reported", "no-part")
              if state in shown or state in ("met", "not-met", "not-reported")]
    return tile_map(districts, describe, _("Districts that met the target"), legend)
