"""Keep ``geodata/sources.csv`` (or ``$CORRIDORS_DATA_DIR``'s) one row per cited URL.

Adds a row, with a blank title for a person to fill, for every page the data cites that
the registry lacks, and lists the rows nothing cites any more (``--prune`` removes them).
Rows already there are kept as they are. Run after replacing citations in the data;
``corridors validate`` then names every row still without a title or language.

Usage: ``python scripts/sync_sources.py [--prune] [DIR]``
"""

from __future__ import annotations

import argparse
import csv

from corridors.config import data_dir
from corridors.data.audit import citations
from corridors.data.schema import SOURCE_COLUMNS, SOURCES_FILE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", default=None)
    parser.add_argument("--prune", action="store_true", help="remove rows nothing cites")
    args = parser.parse_args()
    root = data_dir(args.dir)
    path = root / SOURCES_FILE
    rows = []
    if path.is_file():
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    cited = dict.fromkeys(c.url for c in citations(root))
    known = {row["url"] for row in rows}
    added = [{"url": url} for url in cited if url not in known]
    orphans = [row for row in rows if row["url"] not in cited]
    kept = [row for row in rows if not (args.prune and row["url"] not in cited)]
    out = sorted([*kept, *added], key=lambda row: row["url"])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=SOURCE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in SOURCE_COLUMNS} for row in out)
    print(f"{path}: {len(added)} added (blank title), {len(orphans)} cited nowhere", end="")
    print(" (removed)" if args.prune and orphans else "")
    for row in orphans:
        print(f"  cited nowhere: {row['url']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
