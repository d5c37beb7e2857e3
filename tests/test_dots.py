"""The IMF DOTS importer: workbooks in the IMF's own shape in, trade rows out.

Small workbooks are built here cell by cell as the IMF's export lays them out (a blank
row, a title, the reporter, the unit line, a row of years as text, one row per partner),
so every value, unit conversion, estimate rule and refusal is checked against known cells.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from openpyxl import Workbook

from corridors import cli
from corridors.config import REPO_ROOT
from corridors.data import dots
from corridors.data.loader import read_trade

CHINA = "China, P.R.: Mainland"
KAZ, KGZ, TJK, TKM, UZB = (
    "Kazakhstan, Rep. of",
    "Kyrgyz Rep.",
    "Tajikistan, Rep. of",
    "Turkmenistan",
    "Uzbekistan, Rep. of",
)
COPY = "https://example.org/stored/DOTS"


def workbook(
    path: Path,
    reporter: str,
    exports: dict[str, list],
    imports: dict[str, list],
    years: tuple[int, ...] = (2016, 2017),
    unit: str = "US Dollars, Millions",
    sheets: tuple[str, ...] = ("Exports, FOB", "Imports, CIF"),
) -> Path:
    """A workbook laid out as the IMF's DOTS export: the partners' names in column B, the
    years (as text) from column C, the title, reporter and unit above them."""
    book = Workbook()
    book.remove(book.active)
    for name in sheets:
        rows = exports if name.startswith("Exports") else imports
        ws = book.create_sheet(name)
        ws.append([None])
        ws.append(
            [None, f"{name} {'to' if name.startswith('Exports') else 'from'} Partner Countries"]
        )
        ws.append([None])
        ws.append([None, reporter])
        ws.append([None, unit])
        ws.append([None])
        ws.append([None, None, *[str(y) for y in years]])
        for partner, values in rows.items():
            ws.append([None, partner, *values])
    book.save(path)
    return path


def china_book(tmp_path: Path, **kw) -> Path:
    return workbook(
        tmp_path / "DOTS_40.xlsx",
        CHINA,
        exports={
            "Australia": [1.0, 2.0],
            KAZ: [8272.956, 11651.494503],
            KGZ: [5714.694, 5646.068526],
        },
        imports={KAZ: [4792.848, 6341.354554], KGZ: [71.12, 87.014977]},
        **kw,
    )


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_every_cell_becomes_a_row_in_whole_dollars_quoting_its_cell(tmp_path):
    book = dots.read_workbook(china_book(tmp_path))
    rows = dots.dots_rows([book], COPY, years=[2016, 2017])
    got = {(r["partner"], r["year"], r["flow"]): r for r in rows}
    assert len(rows) == 8  # Australia is not one of the five
    assert got[("KAZ", "2017", "export")]["value_usd"] == "11651494503"
    assert got[("KAZ", "2016", "export")]["value_usd"] == "8272956000"
    assert got[("KGZ", "2017", "import")]["value_usd"] == "87014977"
    assert got[("KGZ", "2017", "export")]["value_usd"] == "5646068526"
    row = got[("KGZ", "2017", "export")]
    assert row["reporter"] == "CHN" and row["period"] == "year" and row["qualifier"] == "exact"
    assert row["basis"] == "DOTS" and row["source"] == dots.DOTS_PAGE
    assert row["quote"] == (
        f"IMF DOTS workbook {COPY}/DOTS_40.xlsx, sheet 'Exports, FOB' (US Dollars, Millions), "
        "row 'Kyrgyz Rep.', column 2017: 5646.068526"
    )


def test_the_unit_line_decides_the_conversion(tmp_path):
    for unit, expected in (
        ("US Dollars", "1234"),
        ("US Dollars, Thousands", "1234500"),
        ("US Dollars, Millions", "1234500000"),
        ("US Dollars, Billions", "1234500000000"),
    ):
        path = workbook(
            tmp_path / "DOTS_109.xlsx", KGZ, {CHINA: [1234.5]}, {CHINA: [10]}, (2017,), unit
        )
        (row, _) = dots.dots_rows([dots.read_workbook(path)], years=[2017])
        if unit == "US Dollars":
            expected = "1234"  # half to even: 1234.5 → 1234
        assert row["value_usd"] == expected, unit
        assert f"({unit})" in row["quote"]


def test_a_partners_workbook_gives_its_trade_with_china_only(tmp_path):
    path = workbook(
        tmp_path / "DOTS_109.xlsx",
        KGZ,
        exports={CHINA: [79.702699, 97.473586], KAZ: [151.1, 266.2]},
        imports={CHINA: [1464.95697, 1493.693988], "Russian Federation": ["1,191.26 e", None]},
    )
    rows = dots.dots_rows([dots.read_workbook(path)])
    assert {(r["reporter"], r["partner"]) for r in rows} == {("KGZ", "CHN")}
    got = {(r["year"], r["flow"]): r["value_usd"] for r in rows}
    assert got == {
        ("2016", "export"): "79702699",
        ("2017", "export"): "97473586",
        ("2016", "import"): "1464956970",
        ("2017", "import"): "1493693988",
    }


def test_a_blank_cell_is_no_row_and_a_marked_cell_is_an_estimate(tmp_path):
    path = workbook(
        tmp_path / "DOTS_192.xlsx", TJK, {CHINA: [None, "1,191.26 e"]}, {CHINA: ["", 556.182373]}
    )
    rows = dots.dots_rows([dots.read_workbook(path)])
    assert [(r["year"], r["flow"], r["value_usd"], r["basis"]) for r in rows] == [
        ("2017", "export", "1191260000", "DOTS-estimate"),
        ("2017", "import", "556182373", "DOTS"),
    ]
    assert "marked 'e'" in rows[0]["quote"] and "'1,191.26 e'" in rows[0]["quote"]


def test_only_the_dashboards_years_are_imported(tmp_path):
    path = workbook(tmp_path / "DOTS_109.xlsx", KGZ, {CHINA: [1, 2, 3]}, {CHINA: [4, 5, 6]},
                    years=(2008, 2009, 2026))  # fmt: skip
    rows = dots.dots_rows([dots.read_workbook(path)])
    assert {r["year"] for r in rows} == {"2009"}


def _mirrored(tmp_path: Path, estimated_2017: bool = True) -> list[Path]:
    """China and three partners reporting; Turkmenistan's 2016 column made by the IMF from
    its partners' figures (× or ÷ 1.06), its 2017 column too unless ``estimated_2017``."""
    partners = {KAZ: (100.0, 200.0), KGZ: (30.0, 40.0), UZB: (50.0, 60.0)}
    china_to_tkm, china_from_tkm = (300.0, 380.0), (5300.0, 6360.0)
    paths = [
        workbook(
            tmp_path / "DOTS_40.xlsx",
            CHINA,
            {TKM: list(china_to_tkm)},
            {TKM: list(china_from_tkm)},
        )
    ]
    tkm_exports = {CHINA: [china_from_tkm[0] / 1.06, china_from_tkm[1] / 1.06]}
    tkm_imports = {CHINA: [china_to_tkm[0] * 1.06, china_to_tkm[1] * 1.06]}
    for name, (sold, bought) in partners.items():
        tkm_exports[name] = [bought / 1.06, bought / 1.06 if estimated_2017 else bought * 0.7]
        tkm_imports[name] = [sold * 1.06, sold * 1.06 if estimated_2017 else sold * 1.5]
        paths.append(
            workbook(
                tmp_path / f"DOTS_{name[:3]}.xlsx",
                name,
                {TKM: [sold, sold], CHINA: [1.0, 1.0]},
                {TKM: [bought, bought], CHINA: [1.0, 1.0]},
            )
        )
    paths.append(workbook(tmp_path / "DOTS_201.xlsx", TKM, tkm_exports, tkm_imports))
    return paths


def test_a_column_made_from_the_partners_figures_is_an_imf_estimate(tmp_path):
    books = [dots.read_workbook(p) for p in _mirrored(tmp_path, estimated_2017=False)]
    found = dots.estimated_columns(books)
    assert {k: e.how for k, e in found.items()} == {
        ("TKM", "export", 2016): "mirror",
        ("TKM", "import", 2016): "mirror",
    }
    rows = {(r["reporter"], r["year"], r["flow"]): r for r in dots.dots_rows(books)}
    assert rows[("TKM", "2016", "export")]["basis"] == "DOTS-estimate"
    assert "CIF/FOB factor 1.06" in rows[("TKM", "2016", "export")]["quote"]
    # 2017: China's cell is still 1.06 from China's, but the other partners' are not.
    assert rows[("TKM", "2017", "export")]["basis"] == "DOTS"
    # The partners the estimate was made from are the reporters, not estimates.
    assert rows[("CHN", "2016", "export")]["basis"] == "DOTS"
    assert rows[("KAZ", "2016", "export")]["basis"] == "DOTS"


def test_the_mirror_test_needs_three_partners(tmp_path):
    paths = _mirrored(tmp_path)
    two = [dots.read_workbook(p) for p in (paths[0], paths[-1])]  # China and Turkmenistan
    assert dots.estimated_columns(two) == {}


def test_a_column_scaled_from_the_year_before_is_an_imf_estimate(tmp_path):
    partners = [f"Partner {i}" for i in range(12)]
    exports = {p: [10.0 + i, (10.0 + i) * 1.25] for i, p in enumerate(partners)}
    exports[CHINA] = [100.0, 125.0]
    imports = {p: [5.0 + i, 7.0 + i * 0.3] for i, p in enumerate(partners)}  # reported
    imports[CHINA] = [50.0, 61.0]
    path = workbook(tmp_path / "DOTS_210.xlsx", UZB, exports, imports)
    books = [dots.read_workbook(path)]
    assert {k: e.how for k, e in dots.estimated_columns(books).items()} == {
        ("UZB", "export", 2017): "extrapolated"
    }
    rows = {(r["year"], r["flow"]): r["basis"] for r in dots.dots_rows(books)}
    assert rows == {
        ("2016", "export"): "DOTS",
        ("2017", "export"): "DOTS-estimate",
        ("2016", "import"): "DOTS",
        ("2017", "import"): "DOTS",
    }


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda p: workbook(p, KGZ, {CHINA: [1, 2]}, {CHINA: [1, 2]}, sheets=("Exports, FOB",)),
            "no sheet 'Imports, CIF'",
        ),
        (
            lambda p: workbook(p, KGZ, {CHINA: [1, 2]}, {CHINA: [1, 2]}, unit="Euros, Millions"),
            "unknown unit 'Euros, Millions'",
        ),
        (
            lambda p: workbook(p, "Mongolia", {CHINA: [1, 2]}, {CHINA: [1, 2]}),
            "reporter 'Mongolia' is not China or one of the five",
        ),
        (
            lambda p: workbook(p, KGZ, {CHINA: [1, "n.a."]}, {CHINA: [1, 2]}),
            "row 8 ('China, P.R.: Mainland'), column 2017: expected a number",
        ),
        (
            lambda p: workbook(p, KGZ, {CHINA: [1, 2]}, {CHINA: [1, 2]}, years=()),
            "no row of years",
        ),
    ],
)
def test_a_workbook_of_the_wrong_shape_is_refused_naming_file_and_expectation(
    tmp_path, build, message
):
    path = build(tmp_path / "DOTS_109.xlsx")
    with pytest.raises(dots.DotsError) as caught:
        dots.read_workbook(path)
    assert str(caught.value).startswith("DOTS_109.xlsx")
    assert message in str(caught.value)


def test_a_file_that_is_no_workbook_is_refused(tmp_path):
    path = tmp_path / "DOTS_1.xlsx"
    path.write_text("reporter,partner\n")
    with pytest.raises(dots.DotsError, match=r"^DOTS_1.xlsx: not a readable .xlsx workbook"):
        dots.read_workbook(path)


def test_a_title_line_of_another_sheet_is_refused(tmp_path):
    path = china_book(tmp_path)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Imports, CIF"]["B2"] = "Exports, FOB to Partner Countries"
    book.save(path)
    with pytest.raises(dots.DotsError, match="a title starting 'Imports, CIF'"):
        dots.read_workbook(path)


def test_the_command_writes_the_file_and_rerunning_changes_nothing(tmp_path, capsys):
    out = tmp_path / "imf_dots.csv"
    book = china_book(tmp_path)
    args = ["import-dots", str(book), "--out", str(out), "--copy-base", COPY]
    assert cli.main(args) == 0
    first = out.read_bytes()
    assert "wrote" in capsys.readouterr().out
    assert len(read_trade(out)) == 8  # the validator's rules hold for every row
    assert cli.main(args) == 0
    assert out.read_bytes() == first
    assert "unchanged" in capsys.readouterr().out


def test_a_newer_workbook_replaces_its_reporters_rows_and_keeps_the_others(tmp_path):
    out = tmp_path / "imf_dots.csv"
    kgz = workbook(tmp_path / "DOTS_109.xlsx", KGZ, {CHINA: [1.0, 2.0]}, {CHINA: [3.0, 4.0]})
    assert cli.main(["import-dots", str(china_book(tmp_path)), str(kgz), "--out", str(out)]) == 0
    (tmp_path / "new").mkdir()
    newer = workbook(
        tmp_path / "new" / "DOTS_109.xlsx",
        KGZ,
        {CHINA: [1.0, 2.0, 5.0]},
        {CHINA: [3.0, 4.0, 6.0]},
        years=(2016, 2017, 2018),
    )
    assert cli.main(["import-dots", str(newer), "--out", str(out)]) == 0
    rows = rows_of(out.read_bytes())
    assert sum(r["reporter"] == "CHN" for r in rows) == 8
    assert sorted((r["year"], r["flow"]) for r in rows if r["reporter"] == "KGZ")[-2:] == [
        ("2018", "export"),
        ("2018", "import"),
    ]


def test_the_command_refuses_a_bad_workbook_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "imf_dots.csv"
    bad = workbook(tmp_path / "DOTS_9.xlsx", KGZ, {CHINA: [1]}, {CHINA: [1]}, unit="Yen")
    assert cli.main(["import-dots", str(china_book(tmp_path)), str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "DOTS_9.xlsx" in err and "unknown unit 'Yen'" in err
    assert not out.exists()


def test_two_workbooks_of_one_reporter_are_refused(tmp_path, capsys):
    one = china_book(tmp_path)
    (tmp_path / "b").mkdir()
    other = china_book(tmp_path / "b")
    out = tmp_path / "imf_dots.csv"
    assert cli.main(["import-dots", str(one), str(other), "--out", str(out)]) == 2
    assert "a second workbook for CHN" in capsys.readouterr().err


def shared_workbooks() -> Path | None:
    """The team's folder of IMF workbooks, where it is present: ``$CORRIDORS_DOTS_DIR``, else
    ``shared/data/imf-dots`` beside the checkout or one level further up (a worktree)."""
    if os.environ.get("CORRIDORS_DOTS_DIR"):
        return Path(os.environ["CORRIDORS_DOTS_DIR"])
    for up in (REPO_ROOT.parent, REPO_ROOT.parent.parent):
        if (up / "shared" / "data" / "imf-dots").is_dir():
            return up / "shared" / "data" / "imf-dots"
    return None


@pytest.mark.skipif(shared_workbooks() is None, reason="the IMF workbooks are not at hand")
def test_the_committed_file_is_what_the_importer_makes_from_the_workbooks(tmp_path):
    committed = REPO_ROOT / "geodata" / "trade" / "imf_dots.csv"
    made, rows, _ = dots.import_workbooks(
        sorted(shared_workbooks().glob("*.xlsx")), tmp_path / "none.csv", dots.STORED_COPY
    )
    assert made == committed.read_bytes(), "run: make dots"
    china = [r for r in rows if r["reporter"] == "CHN"]
    assert len(china) == 120 and {r["basis"] for r in china} == {"DOTS"}
    assert {r["basis"] for r in rows if r["reporter"] == "TKM"} == {"DOTS-estimate"}
