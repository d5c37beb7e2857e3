"""The ``corridors`` command: ``validate`` a geodata folder, ``export`` a view."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from corridors.config import DATA_DIR_ENV
from corridors.errors import DataError
from corridors.loader import load_dataset
from corridors.summary import summary_lines


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a folder; print a summary and exit 0, or every problem and exit 1."""
    try:
        ds = load_dataset(args.dir, strict=True)
    except DataError as exc:
        print(f"{len(exc.problems)} problem(s) found:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\n".join(summary_lines(ds)))
    print("OK: no problems found")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corridors", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check a geodata folder")
    validate.add_argument(
        "dir", nargs="?", default=None, help=f"folder (default: ${DATA_DIR_ENV} or the repo's)"
    )
    validate.set_defaults(func=cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
