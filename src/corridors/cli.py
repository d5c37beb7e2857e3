"""The ``corridors`` command: ``validate`` a geodata folder, ``export`` a view,
``import-dots`` the IMF's trade workbooks into the trade data."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from corridors.config import COUNTRIES, DATA_DIR_ENV, LAYERS, YEAR_MAX, YEAR_MIN, data_dir
from corridors.data import dots
from corridors.data.audit import audit_citations
from corridors.data.errors import DataError
from corridors.data.loader import load_dataset
from corridors.data.summary import summary_lines
from corridors.export import FORMATS, export_animation, export_view, write_atomic
from corridors.i18n import DEFAULT_LANG, LANGUAGES
from corridors.render.paper import DPI, PRESETS, SIDE_PX, StaticOptions
from corridors.selection import Selection, parse_bbox
from corridors.trade import default_year
from corridors.view import view_of

#: Exit status for a bad command line value (argparse uses the same).
USAGE_ERROR = 2


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a folder and its citations; print a summary and exit 0, or every problem and
    exit 1."""
    root = data_dir(args.dir)
    try:
        ds = load_dataset(root, strict=True)
        problems = []
    except DataError as exc:
        ds, problems = None, exc.problems
    problems += audit_citations(root)
    if problems:
        print(f"{len(problems)} problem(s) found:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\n".join(summary_lines(ds)))
    print("OK: no problems found")
    return 0


def _split(text: str | None, flag: str) -> tuple[str, ...] | None:
    """``a, b,c`` as a tuple; None when the flag was not given.

    An empty list is refused for every flag alike: "no countries" and "no layers" would
    be an empty map, and silently reading them as "all" would hide a typo.
    """
    if text is None:
        return None
    values = tuple(v.strip() for v in text.split(",") if v.strip())
    if not values:
        raise ValueError(f"{flag} {text!r} is empty: leave the flag out to get all")
    return values


def selection_from_args(
    args: argparse.Namespace, default_year: int, layers: tuple[str, ...] = tuple(LAYERS)
) -> Selection:
    """The selection the export flags describe.

    ``Selection`` checks every value itself and raises SelectionError naming a bad one.
    """
    countries = _split(args.countries and args.countries.upper(), "--countries")
    all_layers = layers
    layers = _split(args.layers, "--layers")
    return Selection(
        countries=tuple(COUNTRIES) if countries is None else countries,
        year=default_year if args.year is None else args.year,
        layers=all_layers if layers is None else layers,
        bbox=None if args.bbox is None else parse_bbox(args.bbox),
    )


def format_for(fmt: str | None, out: Path) -> str:
    """The export format: ``--format``, else the ``--out`` suffix; they must agree."""
    suffix = out.suffix.lstrip(".").lower()
    if fmt is None:
        by_suffix: dict[str, str] = {}
        for f in FORMATS.values():  # the first format with a suffix is its default
            for s in f.suffixes:
                by_suffix.setdefault(s, f.name)
        if suffix not in by_suffix:
            raise ValueError(f"unknown format {suffix!r} (known: {', '.join(FORMATS)})")
        return by_suffix[suffix]
    if suffix and suffix not in FORMATS[fmt].suffixes:
        raise ValueError(
            f"--out suffix '.{suffix}' contradicts --format {fmt} "
            f"(use .{' or .'.join(FORMATS[fmt].suffixes)})"
        )
    return fmt


def parse_years(text: str | None, animated: bool) -> tuple[int, ...]:
    """``2009-2025`` as the years of an animation (all selectable years when not given).

    Refused: a range for a format that is not an animation, a malformed or reversed range,
    and years outside the selectable ones.
    """
    if not animated:
        if text is not None:
            raise ValueError(f"--years {text!r} is only for an animation (--format gif)")
        return ()
    if text is None:
        return tuple(range(YEAR_MIN, YEAR_MAX + 1))
    first, sep, last = text.partition("-")
    if not (sep and first.strip().isdigit() and last.strip().isdigit()):
        raise ValueError(f"--years {text!r} must be a range like {YEAR_MIN}-{YEAR_MAX}")
    start, end = int(first), int(last)
    if not YEAR_MIN <= start <= end <= YEAR_MAX:
        raise ValueError(f"--years {text!r} must run forwards within {YEAR_MIN}–{YEAR_MAX}")
    return tuple(range(start, end + 1))


def options_from_args(args: argparse.Namespace) -> StaticOptions:
    """Page size, dpi and caption: a preset, with any flag given replacing its value.

    A flag given as 0 is refused like any out-of-range value, never read as "not given".
    """
    base = PRESETS["print" if args.print else args.preset]
    return replace(
        base,
        width_px=base.width_px if args.width is None else args.width,
        height_px=base.height_px if args.height is None else args.height,
        dpi=base.dpi if args.dpi is None else args.dpi,
        title=args.title,
        subtitle=args.subtitle,
    )


def check_out(path: Path) -> None:
    """Raise ValueError unless ``path`` names a file we can create in an existing folder."""
    if path.is_dir():
        raise ValueError(f"--out {str(path)!r} is a folder, not a file")
    parent = path.parent
    if not parent.is_dir():
        raise ValueError(f"--out folder {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise ValueError(f"--out folder {str(parent)!r} is not writable")


def cmd_export(args: argparse.Namespace) -> int:
    """Export one view; bad values exit 2 with a message and write nothing."""
    try:
        fmt = format_for(args.format, args.out)
        years = parse_years(args.years, FORMATS[fmt].animated)
        if not 0.2 <= args.frame_seconds <= 10:
            raise ValueError(f"--frame-seconds {args.frame_seconds:g} out of range 0.2–10")
        check_out(args.out)
        options = options_from_args(args)
        ds = load_dataset(args.data)
        sel = selection_from_args(args, default_year(ds.trade), ds.layer_ids)
    except ValueError as exc:  # SelectionError is a ValueError too
        print(f"corridors export: error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    for problem in ds.problems:
        print(f"warning: left out: {problem}", file=sys.stderr)
    if years:
        views = [view_of(ds, replace(sel, year=year), args.lang) for year in years]
        result = export_animation(views, fmt, options, seconds_per_frame=args.frame_seconds)
    else:
        result = export_view(view_of(ds, sel, args.lang), fmt, options)
    try:
        write_atomic(args.out, result.data)
    except OSError as exc:
        print(f"corridors export: error: cannot write {str(args.out)!r}: {exc}", file=sys.stderr)
        return USAGE_ERROR
    print(f"wrote {args.out} ({len(result.data):,} bytes, {len(result.ids)} features)")
    return 0


#: Where the import writes by default, inside the data folder.
DOTS_FILE = Path("trade") / "imf_dots.csv"


def cmd_import_dots(args: argparse.Namespace) -> int:
    """Read IMF DOTS workbooks and write (or extend) the DOTS trade file.

    A workbook of the wrong shape is refused (exit 2) and nothing is written; running it
    again on the same workbooks writes the same bytes.
    """
    out = args.out or data_dir() / DOTS_FILE
    try:
        check_out(out)
        data, rows, estimates = dots.import_workbooks(args.workbooks, out, args.copy_base)
    except (dots.DotsError, ValueError, OSError) as exc:
        print(f"corridors import-dots: error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    old = out.read_bytes() if out.exists() else None
    if data != old:
        write_atomic(out, data)
    by_reporter: dict[str, int] = {}
    for row in rows:
        by_reporter[row["reporter"]] = by_reporter.get(row["reporter"], 0) + 1
    counts = ", ".join(f"{r} {n}" for r, n in sorted(by_reporter.items()))
    said = "unchanged" if data == old else "wrote"
    print(f"{said} {out}: {len(rows)} rows ({counts})")
    for line in _estimate_lines(estimates):
        print(f"  IMF estimate, not the reporter's statistics: {line}")
    return 0


def _estimate_lines(estimates: dict) -> list[str]:
    """ "TKM export 2009–2020 (mirror)": the estimated columns, runs of years joined."""
    runs: dict[tuple[str, str, str], list[int]] = {}
    for (reporter, flow, year), estimate in sorted(estimates.items()):
        if YEAR_MIN <= year <= YEAR_MAX:
            runs.setdefault((reporter, flow, estimate.how), []).append(year)
    return [
        f"{reporter} {flow} {years[0]}–{years[-1]} ({how})"
        if years == list(range(years[0], years[-1] + 1))
        else f"{reporter} {flow} {', '.join(map(str, years))} ({how})"
        for (reporter, flow, how), years in runs.items()
    ]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corridors", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check a geodata folder")
    validate.add_argument(
        "dir", nargs="?", default=None, help=f"folder (default: ${DATA_DIR_ENV} or the repo's)"
    )
    validate.set_defaults(func=cmd_validate)

    export = sub.add_parser(
        "export",
        help="export a view as png, svg, pdf, html, geojson, csv (the trade table of the "
        "year), trade-series (the trade table of every year, .csv) or gif",
    )
    export.add_argument("--countries", help="ISO3 codes, e.g. KAZ,KGZ (default: all six)")
    export.add_argument("--year", type=int, help="default: the latest full year of trade data")
    export.add_argument(
        "--layers",
        help=f"comma list of {','.join(LAYERS)} and your own layers, extra-<file name> "
        "(default: all)",
    )
    export.add_argument("--bbox", help="minlon,minlat,maxlon,maxlat (default: the region)")
    export.add_argument("--format", choices=list(FORMATS), help="default: from the --out suffix")
    export.add_argument("--out", type=Path, required=True, help="file to write")
    low, high = SIDE_PX
    export.add_argument("--width", type=int, help=f"pixels, {low}–{high} (default 1600)")
    export.add_argument("--height", type=int, help=f"pixels, {low}–{high} (default 1000)")
    export.add_argument("--dpi", type=int, help=f"dots per inch, {DPI[0]}–{DPI[1]} (default 160)")
    export.add_argument(
        "--preset",
        choices=list(PRESETS),
        default="default",
        help="page: default 1600x1000 px at 160 dpi; print 3300x2100 (11x7 in); a4 or letter "
        "landscape; all print pages at 300 dpi",
    )
    export.add_argument("--print", action="store_true", help="same as --preset print")
    export.add_argument(
        "--years", help=f"an animation's years, e.g. {YEAR_MIN}-{YEAR_MAX} (gif only; default all)"
    )
    export.add_argument(
        "--frame-seconds", type=float, default=1.0, help="seconds each year stays (gif; 1)"
    )
    export.add_argument("--title", help="the map's title (default: the corridors and the year)")
    export.add_argument(
        "--subtitle", help="a line under the title (default: the countries and layers shown)"
    )
    export.add_argument(
        "--lang",
        "--labels",  # the old flag, which switched the labels only; now the same as --lang
        dest="lang",
        choices=list(LANGUAGES),
        default=DEFAULT_LANG,
        help="language of every word on the map: title, legend, labels, scale, footer "
        "(--labels is an alias)",
    )
    export.add_argument("--data", default=None, help=f"geodata folder (default: ${DATA_DIR_ENV})")
    export.set_defaults(func=cmd_export)

    imf = sub.add_parser(
        "import-dots",
        help="read IMF Direction of Trade Statistics workbooks into the trade data",
        description="Read DOTS workbooks as the IMF exports them (sheets 'Exports, FOB' and "
        "'Imports, CIF', one per reporting country) and write the rows of China and the five "
        "into the DOTS trade file; rows of reporters not given are kept.",
    )
    imf.add_argument("workbooks", nargs="+", type=Path, metavar="WORKBOOK", help=".xlsx files")
    imf.add_argument(
        "--out", type=Path, help=f"trade file to write (default: <data folder>/{DOTS_FILE})"
    )
    imf.add_argument(
        "--copy-base",
        default="",
        help="address of the folder the workbooks were read from, named in every quote "
        "(e.g. a stored copy's URL at its commit)",
    )
    imf.set_defaults(func=cmd_import_dots)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
