"""`corridors validate` and `python -m corridors`."""

from __future__ import annotations

import re
import subprocess
import sys

from corridors.cli import main
from tests.builders import feature, make_folder


def test_validate_ok_prints_summary(folder, capsys):
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^  pipelines +1 features  \(gas_pipeline 1\)$", out, re.M), out
    assert out.rstrip().endswith("OK: no problems found")


def test_validate_reports_every_problem_and_exits_1(tmp_path, capsys):
    root = make_folder(
        tmp_path,
        layers={"pipelines": [feature("neg", length_km=-1), feature("xx", countries=["XXX"])]},
    )
    assert main(["validate", str(root)]) == 1
    err = capsys.readouterr().err
    assert "feature neg, field 'length_km': must not be negative" in err
    assert "feature xx, field 'countries': unknown country code 'XXX'" in err


def test_env_var_overrides_data_dir(folder, monkeypatch, capsys):
    monkeypatch.setenv("CORRIDORS_DATA_DIR", str(folder))
    assert main(["validate"]) == 0
    assert str(folder) in capsys.readouterr().out


def test_python_dash_m(folder):
    done = subprocess.run(
        [sys.executable, "-m", "corridors", "validate", str(folder)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
