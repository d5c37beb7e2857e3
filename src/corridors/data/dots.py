"""The IMF's Direction of Trade Statistics (DOTS) workbooks as trade rows.

A DOTS workbook is what the IMF's data portal exports for one reporting country: two
sheets, "Exports, FOB" and "Imports, CIF", each with a title line, the reporter's name, a
unit line ("US Dollars, Millions"), a row of years, then one row per partner country. This
module reads such workbooks (as the IMF writes them, not a tidied copy) and turns the cells
for China and the five into rows of ``geodata/trade/`` (:data:`schema.TRADE_COLUMNS`):
China's trade with each of the five, and each one's trade with China, every value in whole
US dollars and every row quoting the workbook, sheet, row, year column and cell it came from.

**Estimates are not reports.** DOTS fills in countries that do not report by partner, and a
filled-in figure must never be shown as that country's own statistics (least of all as "the
partner's side" of a gap between two countries' figures). The IMF states two ways it does
so, and both leave a trace in the cells, so a whole column (one reporter, one flow, one
year) is taken as an IMF estimate (basis :data:`ESTIMATE_BASIS`) when:

- *mirror*: most of its cells are the partners' own opposite flows converted by the IMF's
  CIF/FOB factor (:data:`CIF_FOB`: a partner's imports CIF ÷ 1.06 as the reporter's exports
  FOB, its exports FOB × 1.06 as the reporter's imports CIF). Tested against the partners
  whose workbooks are imported in the same run, when at least three of them have a cell;
- *extrapolated*: at least half of its partners' cells (and at least ten) moved by exactly
  the same ratio from the year before, i.e. last year's pattern scaled to a new total
  rather than partner-by-partner figures;

and a single cell is an estimate when the IMF marks it so ("0.01 e"). In the stored
workbooks this finds Turkmenistan's every year (mirror; it publishes no trade statistics)
and Uzbekistan's 2009–2015 (extrapolated); see ``geodata/notes/trade.md``.

Nothing here imports Streamlit; openpyxl is imported only when a workbook is read.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from corridors.config import CENTRAL_ASIA, CHINA, YEAR_MAX, YEAR_MIN
from corridors.data.schema import DOTS_BASIS, DOTS_ESTIMATE_BASIS, TRADE_COLUMNS

#: The IMF's page for the database: every DOTS row's ``source``.
DOTS_PAGE = "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85"
#: The stored copy of the workbooks this project imports (folder, at its commit); ``make
#: dots`` names it in every quote (see ../shared/data/imf-dots/README.md).
STORED_COPY = (
    "https://github.com/SamLeBlanc/Direction-of-Trade-Map/blob/"
    "a769819d9b25a21a362d6cabfb10f150903f834d/data/DOTS"
)
#: The reporter's own figure as DOTS gives it, and an IMF estimate standing in for one.
BASIS = DOTS_BASIS
ESTIMATE_BASIS = DOTS_ESTIMATE_BASIS
#: The two sheets of a workbook and the flow each holds, from the reporter's side.
SHEETS: dict[str, str] = {"Exports, FOB": "export", "Imports, CIF": "import"}
#: Unit lines the IMF writes and what one unit is in US dollars.
UNITS: dict[str, int] = {
    "US Dollars": 1,
    "US Dollars, Thousands": 1_000,
    "US Dollars, Millions": 1_000_000,
    "US Dollars, Billions": 1_000_000_000,
}
#: The IMF's names of the six countries (as its row labels and reporter lines spell them).
IMF_NAMES: dict[str, str] = {
    "China, P.R.: Mainland": "CHN",
    "Kazakhstan, Rep. of": "KAZ",
    "Kyrgyz Rep.": "KGZ",
    "Tajikistan, Rep. of": "TJK",
    "Turkmenistan": "TKM",
    "Uzbekistan, Rep. of": "UZB",
}
#: The IMF's CIF/FOB factor for estimating a non-reporter from its partners' figures
#: (DOTS Yearbook 2017: "A CIF/FOB factor of 1.06 is currently used").
CIF_FOB = Decimal("1.06")
#: How close a cell must be to its partner's converted figure to count as derived from it
#: (the workbooks keep six decimals of a million: rounding moves a ratio by ~1e-7).
MIRROR_TOLERANCE = 1e-5
#: The least number of partners a mirror or extrapolation test needs to say anything.
MIRROR_MIN_PARTNERS = 3
EXTRAPOLATION_MIN_PARTNERS = 10
#: A cell the IMF marks as an estimate: a number followed by "e".
_MARKED = re.compile(r"^\s*(-?[\d,]+(?:\.\d+)?)\s*e\s*$")
_YEAR = re.compile(r"^\d{4}$")


class DotsError(ValueError):
    """A workbook that is not in the IMF's DOTS shape; the message names the file and what
    was expected."""


@dataclass(frozen=True)
class Cell:
    """One cell as written (``text``), its value in the sheet's unit and whether the IMF
    marked it as an estimate."""

    text: str
    value: Decimal
    marked: bool = False


@dataclass
class Sheet:
    """One sheet: its name, unit line, US$ per unit and the cells by partner label and year."""

    name: str
    unit: str
    scale: int
    rows: dict[str, dict[int, Cell]] = field(default_factory=dict)


@dataclass
class Workbook:
    """One reporter's workbook: file name, reporter (ISO3) and its two sheets by flow."""

    file: str
    reporter: str
    sheets: dict[str, Sheet]


# --- Reading ------------------------------------------------------------------------------


def read_workbook(path: str | Path) -> Workbook:
    """Read one DOTS workbook, refusing (:class:`DotsError`) any other shape."""
    from openpyxl import load_workbook  # only the import command needs it

    path = Path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file it cannot open
        raise DotsError(f"{path.name}: not a readable .xlsx workbook ({exc})") from exc
    try:
        missing = [name for name in SHEETS if name not in book.sheetnames]
        if missing:
            raise DotsError(
                f"{path.name}: no sheet {' or '.join(map(repr, missing))} (expected the IMF's "
                f"DOTS sheets {', '.join(map(repr, SHEETS))}; found {book.sheetnames})"
            )
        reporters, sheets = set(), {}
        for name, flow in SHEETS.items():
            rows = [tuple(r) for r in book[name].iter_rows(values_only=True)]
            reporter, sheets[flow] = _read_sheet(path.name, name, rows)
            reporters.add(reporter)
    finally:
        book.close()
    if len(reporters) != 1:
        raise DotsError(f"{path.name}: the two sheets name different reporters {sorted(reporters)}")
    return Workbook(path.name, reporters.pop(), sheets)


def _read_sheet(file: str, name: str, rows: list[tuple]) -> tuple[str, Sheet]:
    """The reporter and the sheet, from its rows as openpyxl gives them."""
    where = f"{file}, sheet {name!r}"
    header = next((i for i, row in enumerate(rows) if _years_of(row)), None)
    if header is None:
        raise DotsError(f"{where}: no row of years (expected a header row like 2009, 2010, …)")
    years = _years_of(rows[header])
    label = min(years) - 1  # the partners' names stand just left of the first year
    if label < 0:
        raise DotsError(f"{where}: no column for the partners' names left of the years")
    above = [_text(row[label]) for row in rows[:header] if label < len(row) and _text(row[label])]
    if len(above) != 3 or not above[0].startswith(name):
        raise DotsError(
            f"{where}: expected three lines above the years: a title starting {name!r}, "
            f"the reporter's name and a unit line; found {above}"
        )
    _, reporter_name, unit = above
    if unit not in UNITS:
        raise DotsError(f"{where}: unknown unit {unit!r} (known: {', '.join(UNITS)})")
    reporter = IMF_NAMES.get(reporter_name)
    if reporter is None:
        raise DotsError(
            f"{where}: reporter {reporter_name!r} is not China or one of the five "
            f"(known: {', '.join(IMF_NAMES)})"
        )
    sheet = Sheet(name, unit, UNITS[unit])
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        partner = _text(row[label]) if label < len(row) else ""
        if not partner:
            continue
        cells = {}
        for column, year in years.items():
            value = row[column] if column < len(row) else None
            cell = _cell(value, f"{where}, row {number} ({partner!r}), column {year}")
            if cell is not None:
                cells[year] = cell
        sheet.rows.setdefault(partner, cells)
    return reporter, sheet


def _years_of(row: Sequence) -> dict[int, int]:
    """Column index → year, for a row whose every non-empty cell is a year."""
    texts = {i: _text(v) for i, v in enumerate(row) if _text(v)}
    if not texts or not all(_YEAR.match(t) for t in texts.values()):
        return {}
    return {i: int(t) for i, t in texts.items()}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _cell(value, where: str) -> Cell | None:
    """A cell's figure: a number, a number marked as an IMF estimate, or none (blank)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise DotsError(f"{where}: expected a number, got {value!r}")
    if isinstance(value, int | float):
        return Cell(repr(value), Decimal(repr(value)))
    marked = _MARKED.match(str(value))
    if marked:
        return Cell(str(value), Decimal(marked.group(1).replace(",", "")), marked=True)
    raise DotsError(f"{where}: expected a number or an IMF estimate like '0.01 e', got {value!r}")


# --- Which columns are IMF estimates -------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """Why a reporter's column (flow, year) is an IMF estimate: "mirror" or "extrapolated"."""

    reporter: str
    flow: str
    year: int
    how: str


def estimated_columns(books: Iterable[Workbook]) -> dict[tuple[str, str, int], Estimate]:
    """(reporter, flow, year) → why that column is an IMF estimate, for every column the
    mirror or the extrapolation test (see the module's docstring) finds."""
    books = list(books)
    by_reporter = {b.reporter: b for b in books}
    out: dict[tuple[str, str, int], Estimate] = {}
    for book in books:
        for flow, sheet in book.sheets.items():
            years = sorted({y for cells in sheet.rows.values() for y in cells})
            for year in years:
                how = _mirror(book, flow, year, by_reporter) or _extrapolated(sheet, year)
                if how:
                    out[(book.reporter, flow, year)] = Estimate(book.reporter, flow, year, how)
    return out


def _mirror(book: Workbook, flow: str, year: int, books: Mapping[str, Workbook]) -> str:
    """ "mirror" if most of the column's cells are the partners' own figures converted by
    the CIF/FOB factor (partners whose workbooks are at hand, at least three)."""
    other = "import" if flow == "export" else "export"
    names = {iso3: name for name, iso3 in IMF_NAMES.items()}
    hits = tried = 0
    for partner, partner_book in books.items():
        if partner == book.reporter:
            continue
        mine = book.sheets[flow].rows.get(names[partner], {}).get(year)
        theirs = partner_book.sheets[other].rows.get(names[book.reporter], {}).get(year)
        if mine is None or theirs is None or not theirs.value:
            continue
        tried += 1
        expected = theirs.value / CIF_FOB if flow == "export" else theirs.value * CIF_FOB
        hits += abs(float(mine.value / expected) - 1.0) <= MIRROR_TOLERANCE
    return "mirror" if tried >= MIRROR_MIN_PARTNERS and hits * 2 > tried else ""


def _extrapolated(sheet: Sheet, year: int) -> str:
    """ "extrapolated" if at least half the partners' cells (ten or more) moved by one and
    the same ratio since the year before."""
    ratios = [
        round(float(cells[year].value / cells[year - 1].value), 6)
        for cells in sheet.rows.values()
        if year in cells and year - 1 in cells and cells[year - 1].value > 0
    ]
    if len(ratios) < EXTRAPOLATION_MIN_PARTNERS:
        return ""
    _, count = Counter(ratios).most_common(1)[0]
    return "extrapolated" if count * 2 >= len(ratios) else ""


# --- Rows -----------------------------------------------------------------------------------


def _pairs(reporter: str) -> tuple[str, ...]:
    """The partners whose rows are imported from ``reporter``'s workbook: China's five, or
    China for each of the five."""
    return CENTRAL_ASIA if reporter == CHINA else (CHINA,)


def dots_rows(
    books: Iterable[Workbook],
    copy_base: str = "",
    years: Iterable[int] = range(YEAR_MIN, YEAR_MAX + 1),
) -> list[dict[str, str]]:
    """The trade rows of ``books`` for ``years``: China and the five, China on one side.

    ``copy_base`` is the address of the folder the workbooks were read from (a stored
    copy's URL); each quote names ``<copy_base>/<file>``, or the file alone without one.
    """
    books = list(books)
    estimates = estimated_columns(books)
    names = {iso3: name for name, iso3 in IMF_NAMES.items()}
    wanted = set(years)
    out = []
    for book in books:
        where = f"{copy_base.rstrip('/')}/{book.file}" if copy_base else book.file
        for flow, sheet in book.sheets.items():
            for partner in _pairs(book.reporter):
                label = names[partner]
                for year, cell in sorted(sheet.rows.get(label, {}).items()):
                    if year not in wanted or cell.value <= 0:
                        continue
                    estimate = estimates.get((book.reporter, flow, year))
                    quote = (
                        f"IMF DOTS workbook {where}, sheet {sheet.name!r} ({sheet.unit}), "
                        f"row {label!r}, column {year}: {cell.text}"
                    )
                    if estimate or cell.marked:
                        quote += "; " + _estimate_words(estimate, cell)
                    out.append(
                        {
                            "reporter": book.reporter,
                            "partner": partner,
                            "year": str(year),
                            "period": "year",
                            "flow": flow,
                            "value_usd": str(_usd(cell.value, sheet.scale)),
                            "qualifier": "exact",
                            "basis": ESTIMATE_BASIS if estimate or cell.marked else BASIS,
                            "source": DOTS_PAGE,
                            "quote": quote,
                        }
                    )
    return sort_rows(out)


def _usd(value: Decimal, scale: int) -> int:
    """A cell in its unit as whole US dollars, rounded half to even (no float on the way)."""
    return int((value * scale).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def _estimate_words(estimate: Estimate | None, cell: Cell) -> str:
    """The quote's note on why a row is an IMF estimate, not the reporter's own figure."""
    if estimate and estimate.how == "mirror":
        return (
            "IMF estimate: most of this column's cells equal the partners' own figures "
            "converted by the IMF's CIF/FOB factor 1.06; not the reporter's statistics"
        )
    if estimate:
        return (
            "IMF estimate: most of this column's cells moved by one ratio from the year "
            "before (an extrapolation); not the reporter's statistics"
        )
    return f"IMF estimate: the cell is marked 'e' ({cell.text!r})"


# --- The trade file -------------------------------------------------------------------------


def sort_rows(rows: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    """Rows in the file's stable order: reporter, partner, year, flow."""
    return sorted(
        (dict(r) for r in rows),
        key=lambda r: (r["reporter"], r["partner"], int(r["year"]), r["period"], r["flow"]),
    )


def merge(
    existing: Iterable[Mapping[str, str]], new: Iterable[Mapping[str, str]], reporters: set[str]
) -> list[dict[str, str]]:
    """``new`` replaces every existing row of ``reporters`` (the workbooks given); the
    rows of other reporters stay, so one newer workbook extends the file."""
    kept = [dict(r) for r in existing if r["reporter"] not in reporters]
    return sort_rows([*kept, *new])


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a trade file as strings (none if it does not exist yet)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def file_bytes(rows: Sequence[Mapping[str, str]]) -> bytes:
    """The file's bytes for ``rows`` (trade columns, "\\n" line ends): the same rows always
    give the same bytes, so re-running an import changes nothing."""
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(TRADE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: r[c] for c in TRADE_COLUMNS} for r in rows)
    return out.getvalue().encode("utf-8")


def import_workbooks(
    paths: Sequence[str | Path], out: Path, copy_base: str = ""
) -> tuple[bytes, list[dict[str, str]], dict[tuple[str, str, int], Estimate]]:
    """Read ``paths``, merge their rows into the trade file ``out``'s: the new file's
    bytes, its rows and the columns found to be IMF estimates. Writes nothing."""
    books = [read_workbook(p) for p in paths]
    seen: dict[str, str] = {}
    for book in books:
        if book.reporter in seen:
            raise DotsError(
                f"{book.file}: a second workbook for {book.reporter} (after {seen[book.reporter]})"
            )
        seen[book.reporter] = book.file
    rows = merge(read_rows(out), dots_rows(books, copy_base), set(seen))
    return file_bytes(rows), rows, estimated_columns(books)
