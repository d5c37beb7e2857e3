"""The sources registry and the mirror list: every citation an original with a title, each
problem named by file, feature or row, field and URL."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corridors.cli import main
from corridors.data.audit import audit_citations, citations
from corridors.data.loader import load_dataset
from corridors.data.schema import MIRROR_COLUMNS, SOURCE_COLUMNS
from corridors.data.source_rules import is_ip_address, mirror_of, url_host
from tests.builders import SOURCE, feature, make_folder, point, trade_row, write_csv

MIRRORS = [{"host": "wikimili.com", "kind": "wikipedia-mirror", "note": ""}]


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def folder_citing(tmp_path: Path, url: str, mirrors=MIRRORS, **kw) -> Path:
    """A folder whose one feature also cites ``url`` (in its registry, titled)."""
    root = make_folder(tmp_path, layers={"pipelines": [feature(sources=[SOURCE, url])]}, **kw)
    write_csv(root / "mirrors.csv", mirrors, MIRROR_COLUMNS)
    return root


def audit_text(root: Path) -> str:
    return "\n".join(str(p) for p in audit_citations(root))


def test_a_clean_folder_passes_the_audit(folder):
    assert audit_citations(folder) == []


def test_a_planted_mirror_citation_is_named_with_file_feature_field_and_url(tmp_path):
    url = "https://wikimili.com/en/Khorgos"
    text = audit_text(folder_citing(tmp_path, url))
    assert (
        f"layers/pipelines.geojson, feature line-a, field 'sources[2]': {url} is on wikimili.com, "
        "listed in mirrors.csv as wikipedia-mirror: cite the original it copies"
    ) in text


def test_the_validator_fails_on_a_planted_mirror_citation(tmp_path, capsys):
    root = folder_citing(tmp_path, "https://wikimili.com/en/Khorgos")
    assert main(["validate", str(root)]) == 1
    assert "feature line-a, field 'sources[2]': https://wikimili.com/en/Khorgos is on" in (
        capsys.readouterr().err
    )


def test_a_subdomain_of_a_listed_host_is_refused_too(tmp_path):
    text = audit_text(folder_citing(tmp_path, "https://en.m.wikimili.com/x"))
    assert "https://en.m.wikimili.com/x is on wikimili.com" in text


def test_a_host_that_merely_ends_like_a_listed_one_is_not(tmp_path):
    assert audit_citations(folder_citing(tmp_path, "https://notwikimili.com/x")) == []


@pytest.mark.parametrize("url", ["http://211.88.39.63/a.html", "http://[2001:db8::1]:8080/b"])
def test_a_bare_ip_address_is_refused_without_any_list(tmp_path, url):
    text = audit_text(folder_citing(tmp_path, url, mirrors=[]))
    assert f"field 'sources[2]': {url} is a bare IP address, which names no publisher" in text


def test_milestone_name_place_and_trade_citations_are_audited(tmp_path):
    bad = "https://wikimili.com/en/X"
    step = {"date": "2008", "what": "Construction launched", "source": bad}
    layers = {
        "pipelines": [feature(milestones=[step], name_sources={"name_zh": bad})],
        "events": [point("capital-x", sources=[bad])],
    }
    places = [{"place": "Alpha", "lon": 70.0, "lat": 43.0, "source": bad},
              {"place": "Beta", "lon": 75.0, "lat": 43.0, "source": SOURCE}]  # fmt: skip
    root = make_folder(tmp_path, layers=layers, trade=[trade_row(source=bad)], places=places)
    write_csv(root / "mirrors.csv", MIRRORS, MIRROR_COLUMNS)
    text = audit_text(root)
    for where in (
        "layers/pipelines.geojson, feature line-a, field 'milestones[1].source'",
        "layers/pipelines.geojson, feature line-a, field 'name_sources.name_zh'",
        "layers/events.geojson, feature capital-x, field 'sources[1]'",
        "places/test.csv, row 2, field 'source'",
        "trade/china_customs.csv, row 2, field 'source'",
    ):
        assert f"{where}: {bad} is on wikimili.com" in text


def test_a_source_without_a_title_is_named_with_where_it_is_cited(tmp_path):
    root = make_folder(tmp_path)
    rows = read_rows(root / "sources.csv")
    row = next(i for i, r in enumerate(rows) if r["url"] == SOURCE)
    rows[row]["title"] = " "
    write_csv(root / "sources.csv", rows, SOURCE_COLUMNS)
    text = audit_text(root)
    assert (
        f"sources.csv, row {row + 2}, field 'title': {SOURCE} needs the page's own title "
        "(cited in layers/pipelines.geojson, feature line-a, field 'sources[1]' and 3 more)"
    ) in text


def test_a_source_without_a_language_is_named(tmp_path):
    root = make_folder(tmp_path)
    rows = [{**r, "language": ""} for r in read_rows(root / "sources.csv")]
    write_csv(root / "sources.csv", rows, SOURCE_COLUMNS)
    assert f"field 'language': {SOURCE} needs the page's language" in audit_text(root)


def test_a_cited_page_missing_from_the_registry_is_named(tmp_path):
    root = make_folder(tmp_path)
    rows = [r for r in read_rows(root / "sources.csv") if r["url"] != SOURCE]
    write_csv(root / "sources.csv", rows, SOURCE_COLUMNS)
    text = audit_text(root)
    assert f"trade/china_customs.csv, row 2, field 'source': {SOURCE} is not in sources.csv" in text


def test_a_registry_row_nothing_cites_is_named(tmp_path):
    root = make_folder(tmp_path)
    rows = [
        *read_rows(root / "sources.csv"),
        {"url": "https://example.org/old", "title": "Old", "title_from": "page"},
    ]
    write_csv(root / "sources.csv", rows, SOURCE_COLUMNS)
    assert "https://example.org/old is cited nowhere: remove the row" in audit_text(root)


def test_a_folder_without_a_registry_is_told_once(tmp_path):
    root = make_folder(tmp_path)
    (root / "sources.csv").unlink()
    problems = audit_citations(root)
    assert [str(p) for p in problems] == ["sources.csv: missing: the 2 pages cited need a row each"]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"url": "ftp://example.org/x"}, "url", "needs an http(s) URL"),
        ({"published": "19 May 2023"}, "published", "must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"published": "2023-13"}, "published", "must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"language": "English"}, "language", "must be a BCP 47 language code"),
        ({"read_via": "wikimili.com/x"}, "read_via", "needs an http(s) URL"),
        ({"read_via": SOURCE}, "read_via", "is the cited page itself"),
        ({"title_from": ""}, "title_from", "must say where the title comes from"),
        ({"title_from": "guess"}, "title_from", "must say where the title comes from"),
    ],
)
def test_malformed_registry_rows_are_named_by_the_loader(tmp_path, row, field, message):
    root = make_folder(tmp_path)
    rows = [{**r, **row} if r["url"] == SOURCE else r for r in read_rows(root / "sources.csv")]
    write_csv(root / "sources.csv", rows, SOURCE_COLUMNS)
    problems = [str(p) for p in load_dataset(root).problems]
    assert any(f"field '{field}': " in p and message in p for p in problems), problems


def test_a_url_written_twice_in_the_registry_is_named(tmp_path):
    root = make_folder(tmp_path)
    rows = read_rows(root / "sources.csv")
    write_csv(root / "sources.csv", [*rows, rows[0]], SOURCE_COLUMNS)
    problems = [str(p) for p in load_dataset(root).problems]
    repeat = f"{rows[0]['url']} is already in row 2: one row per url"
    assert f"sources.csv, row {len(rows) + 2}, field 'url': {repeat}" in problems


@pytest.mark.parametrize(
    ("row", "field"),
    [({"host": "https://wikimili.com/"}, "host"), ({"kind": "bad"}, "kind")],
)
def test_malformed_mirror_rows_are_named(tmp_path, row, field):
    root = make_folder(tmp_path)
    write_csv(root / "mirrors.csv", [{**MIRRORS[0], **row}], MIRROR_COLUMNS)
    problems = [str(p) for p in load_dataset(root).problems]
    assert any(p.startswith(f"mirrors.csv, row 2, field '{field}'") for p in problems), problems


def test_the_registry_is_read_once_per_url_with_blank_cells_as_none(tmp_path):
    root = make_folder(tmp_path)
    rows = [
        {**r, "publisher": "Xinhua", "published": "2023-05"}
        for r in read_rows(root / "sources.csv")
    ]
    write_csv(root / "sources.csv", rows, SOURCE_COLUMNS)
    source = load_dataset(root, strict=True).registry()[SOURCE]
    assert (source.publisher, source.published, source.read_via) == ("Xinhua", "2023-05", None)
    assert source.host == "example.org"


@pytest.mark.parametrize(
    ("title_from", "shown"),
    [
        ("page", "Xi'an Declaration"),
        ("address", "[Xi'an Declaration]"),
        ("content", "[Xi'an Declaration]"),
    ],
)
def test_a_title_we_supplied_is_shown_in_brackets_everywhere(tmp_path, title_from, shown):
    """A title read off the page's address or written from its content is never passed off
    as the page's own: popups, tables and files show it in brackets."""
    from corridors.citation import citation_record, citation_text, popup_citation

    root = make_folder(tmp_path)
    rows = [
        {**r, "title": "Xi'an Declaration", "title_from": title_from}
        for r in read_rows(root / "sources.csv")
    ]
    write_csv(root / "sources.csv", rows, SOURCE_COLUMNS)
    source = load_dataset(root, strict=True).registry()[SOURCE]
    assert source.shown_title == shown
    assert citation_text(source).startswith(shown + " (")
    assert citation_record(source).startswith(shown + ".")
    assert popup_citation(source)[1] == shown


def test_hosts():
    assert url_host("https://WWW.Example.org:8080/a") == "example.org"
    assert is_ip_address("211.88.39.63") and is_ip_address("[::1]")
    assert not is_ip_address("example.org")
    assert mirror_of("en.piglix.com", {"piglix.com": "wikipedia-mirror"}) == "piglix.com"
    assert mirror_of("piglix.com.evil.net", {"piglix.com": "wikipedia-mirror"}) is None


def test_citations_are_collected_from_every_file_that_cites(folder):
    found = {(c.file, c.field) for c in citations(folder)}
    assert ("layers/pipelines.geojson", "sources[1]") in found
    assert ("trade/china_customs.csv", "source") in found
    assert ("places/test.csv", "source") in found
    assert ("layers/countries.geojson", "source") in found
