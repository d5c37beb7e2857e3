"""Rewrite ``geodata/datapackage.json`` (or ``$CORRIDORS_DATA_DIR``'s) from the files present.

Keeps what the committed package says by hand (titles, descriptions, sources, licences);
lists every data file, with the table schema of each CSV made from the code's column
rules. Run after adding a data file: ``make datapackage``. ``tests/test_repo_data.py``
fails while the committed file differs from what this writes.
"""

from __future__ import annotations

import json
import sys

from corridors.config import data_dir
from corridors.data.package import PACKAGE, build_package, package_text


def main() -> int:
    root = data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    path = root / PACKAGE
    previous = json.loads(path.read_text("utf-8")) if path.is_file() else None
    text = package_text(build_package(root, previous))
    changed = not path.is_file() or path.read_text("utf-8") != text
    path.write_text(text, "utf-8")
    count = len(json.loads(text)["resources"])
    print(f"{'wrote' if changed else 'unchanged:'} {path} ({count} resources)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
