"""The country outlines are the build script's output, not a hand-made file."""

import importlib.util

from corridors.config import DEFAULT_DATA_DIR, REPO_ROOT


def test_outlines_file_is_what_the_script_builds():
    spec = importlib.util.spec_from_file_location(
        "build", REPO_ROOT / "scripts" / "build_outlines.py"
    )
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    expected = build.render(build.build())
    assert (DEFAULT_DATA_DIR / "layers" / "countries.geojson").read_text("utf-8") == expected
    neighbours = build.render(build.build_neighbours())
    assert (DEFAULT_DATA_DIR / "layers" / "neighbours.geojson").read_text("utf-8") == neighbours
