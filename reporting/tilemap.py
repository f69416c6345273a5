"""The national overview as a tile map: one square per province on a fixed grid that follows the archipelago
from Aceh in the north-west to Papua in the east (no boundary files), coloured by category with the category's
short name written in each tile, so colour is never the only cue.

Pure code: positions and styles are data; ``tile_map`` turns per-province figures into tiles for the template.
"""

from dataclasses import dataclass
from decimal import Decimal

from reporting import calculations

# Province code -> (row, column, the abbreviation written in the tile, as Indonesian usage shortens it). Sumatra runs down the left, Java and Nusa Tenggara along the bottom,
# Kalimantan, Sulawesi and Maluku in the middle, the six Papua provinces on the right (the 2022 split included).
TILE_POSITIONS: dict[str, tuple[int, int, str]] = {
    "11": (0, 0, "ACEH"),  # Aceh
    "12": (1, 1, "SUMUT"),  # Sumatera Utara
    "14": (1, 2, "RIAU"),  # Riau
    "21": (1, 3, "KEPRI"),  # Kepulauan Riau
    "13": (2, 1, "SUMBAR"),  # Sumatera Barat
    "15": (2, 2, "JAMBI"),  # Jambi
    "19": (2, 3, "BABEL"),  # Kepulauan Bangka Belitung
    "17": (3, 2, "BKL"),  # Bengkulu
    "16": (3, 3, "SUMSEL"),  # Sumatera Selatan
    "18": (4, 3, "LPG"),  # Lampung
    "31": (4, 4, "DKI"),  # DKI Jakarta
    "36": (5, 4, "BANTEN"),  # Banten
    "32": (5, 5, "JABAR"),  # Jawa Barat
    "33": (5, 6, "JATENG"),  # Jawa Tengah
    "34": (6, 6, "DIY"),  # DI Yogyakarta
    "35": (5, 7, "JATIM"),  # Jawa Timur
    "51": (5, 8, "BALI"),  # Bali
    "52": (5, 9, "NTB"),  # Nusa Tenggara Barat
    "53": (5, 10, "NTT"),  # Nusa Tenggara Timur
    "65": (1, 7, "KALTARA"),  # Kalimantan Utara
    "61": (2, 6, "KALBAR"),  # Kalimantan Barat
    "64": (2, 7, "KALTIM"),  # Kalimantan Timur
    "62": (3, 6, "KALTENG"),  # Kalimantan Tengah
    "63": (3, 7, "KALSEL"),  # Kalimantan Selatan
    "75": (1, 9, "GTLO"),  # Gorontalo
    "71": (1, 10, "SULUT"),  # Sulawesi Utara
    "72": (2, 9, "SULTENG"),  # Sulawesi Tengah
    "76": (3, 8, "SULBAR"),  # Sulawesi Barat
    "73": (3, 9, "SULSEL"),  # Sulawesi Selatan
    "74": (3, 10, "SULTRA"),  # Sulawesi Tenggara
    "82": (1, 11, "MALUT"),  # Maluku Utara
    "81": (3, 11, "MALUKU"),  # Maluku
    "96": (2, 12, "PBD"),  # Papua Barat Daya
    "92": (2, 13, "PABAR"),  # Papua Barat
    "91": (2, 14, "PAPUA"),  # Papua
    "94": (3, 13, "PAPTENG"),  # Papua Tengah
    "95": (3, 14, "PAPEG"),  # Papua Pegunungan
    "93": (4, 14, "PAPSEL"),  # Papua Selatan
}
GRID_COLUMNS = 1 + max(col for _, col, _ in TILE_POSITIONS.values())
GRID_ROWS = 1 + max(row for row, _, _ in TILE_POSITIONS.values())
TILE = 60  # SVG user units; the step between tiles is TILE + GAP
GAP = 4

# Fill and text colour by category rank (best first); every text colour has at least 4.5:1 contrast on its fill.
RANK_STYLES = (
    ("#0b5d3b", "#ffffff"),
    ("#7fc97f", "#000000"),
    ("#d9ef8b", "#000000"),
    ("#fee08b", "#000000"),
    ("#fdae61", "#000000"),
    ("#a50f15", "#ffffff"),
)
NO_DATA_STYLE = ("#ffffff", "#000000")
NO_DATA_LABEL = "Belum ada laporan terkirim"
NO_DATA_SHORT = "–"


@dataclass(frozen=True)
class Category:
    name: str
    short: str
    fill: str
    text: str


@dataclass
class Tile:
    code: str
    label: str
    short_label: str
    x: int
    y: int
    category: Category | None
    indeks: Decimal | None
    reporting_rate: Decimal | None
    url: str
    row: object = None  # the figures the tile was made of, for the table beside the map

    @property
    def fill(self) -> str:
        return self.category.fill if self.category else NO_DATA_STYLE[0]

    @property
    def text_colour(self) -> str:
        return self.category.text if self.category else NO_DATA_STYLE[1]

    @property
    def category_short(self) -> str:
        return self.category.short if self.category else NO_DATA_SHORT

    @property
    def category_name(self) -> str:
        return self.category.name if self.category else NO_DATA_LABEL


@dataclass
class TileMap:
    tiles: list[Tile]
    legend: list[Category]
    width: int
    height: int

    @property
    def west_to_east(self) -> list[Tile]:
        """The tiles column by column from Aceh to Papua: the order of the phone's list of tiles, where the
        grid drawn to scale would shrink its text below reading size."""
        return sorted(self.tiles, key=lambda t: (t.x, t.y))


def category_shorts(names: list[str]) -> list[str]:
    """Short names for the tiles: initials, or the second word's first three letters where initials repeat.

    ``category_shorts(["Tuntas Paripurna", "Tuntas Madya", "Tuntas Muda", "Belum Tuntas"])
    == ["TP", "TMad", "TMud", "BT"]``
    """
    initials = ["".join(word[0] for word in name.split()).upper() for name in names]
    shorts = []
    for name, short in zip(names, initials, strict=True):
        words = name.split()
        if initials.count(short) > 1 and len(words) > 1:
            short = words[0][0].upper() + words[1][:3].capitalize()
        shorts.append(short)
    return shorts


def categories_styled(thresholds) -> list[Category]:
    """The live categories (best first) with their tile colours and short names."""
    names = [name for name, _lower in sorted(thresholds, key=lambda t: t[1], reverse=True)]
    shorts = category_shorts(names)
    return [
        Category(name, short, *RANK_STYLES[min(rank, len(RANK_STYLES) - 1)])
        for rank, (name, short) in enumerate(zip(names, shorts, strict=True))
    ]


def tile_map(rows, thresholds, url_for) -> TileMap:
    """Tiles for ``rows`` (objects with ``code``, ``label``, ``indeks`` and ``reporting_rate``); a province
    missing from the grid goes on a row below it, so none is left out."""
    categories = categories_styled(thresholds)
    by_name = {c.name: c for c in categories}
    step = TILE + GAP
    tiles, extra = [], 0
    for row in rows:
        position = TILE_POSITIONS.get(row.code)
        if position is None:
            position = (GRID_ROWS + extra // GRID_COLUMNS, extra % GRID_COLUMNS, row.code)
            extra += 1
        name = calculations.category_for(row.indeks, thresholds)
        tiles.append(
            Tile(
                code=row.code,
                label=row.label,
                short_label=position[2],
                x=position[1] * step,
                y=position[0] * step,
                category=by_name.get(name),
                indeks=row.indeks,
                reporting_rate=row.reporting_rate,
                url=url_for(row.code),
                row=row,
            )
        )
    rows_used = max([GRID_ROWS] + [t.y // step + 1 for t in tiles])
    return TileMap(tiles=tiles, legend=categories, width=GRID_COLUMNS * step, height=rows_used * step)
