"""The dashboard's wiring, with streamlit.testing.v1.AppTest (no browser)."""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import pytest
import streamlit_folium as sf
from streamlit.testing.v1 import AppTest

from corridors.config import DEFAULT_DATA_DIR
from corridors.i18n import translator
from corridors.ui import page
from corridors.ui.assets import bundle
from tests.apptest import app_test, base_map_script, clear_caches, drawn, drawn_ids, map_args
from tests.builders import SOURCE, feature, make_folder, point

pytestmark = pytest.mark.usefixtures(clear_caches.__name__)


def run(query: dict[str, str] | None = None) -> AppTest:
    at = app_test(query)
    at.run()
    assert not at.exception, at.exception
    return at


def frame_with(at: AppTest, column: str):
    """The first dataframe or static table on the page that has ``column``."""
    frames = [df.value for df in at.dataframe] + [t.value for t in at.table]
    return next(f for f in frames if column in f.columns)


def table_countries(at: AppTest) -> list[str]:
    return list(frame_with(at, "Total (US$ bn)").index)


def test_default_view():
    at = run()
    ids = drawn_ids(at)
    assert {"summit-2023-xian", "capital-astana"} <= ids
    assert at.query_params["year"] == str(at.slider(key="year").value)
    assert table_countries(at) == [
        "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"
    ]  # fmt: skip
    args = map_args(at)
    assert all(not link.startswith("http") for link in args["js_links"] + args["css_links"])


def test_url_parameters_set_the_filters():
    at = run({"countries": "KGZ", "year": "2016", "layers": "events,trade"})
    assert at.button_group(key="countries").value == ["KGZ"]
    assert at.slider(key="year").value == 2016
    assert table_countries(at) == ["Kyrgyzstan"]
    ids = drawn_ids(at)
    assert "capital-bishkek" in ids and "capital-astana" not in ids
    assert "summit-2023-xian" not in ids  # not yet held in 2016, not yet announced
    assert not at.warning


def test_changing_a_filter_changes_table_map_and_url():
    at = run()
    before = drawn_ids(at)
    at.button_group(key="countries").set_value(["TJK"]).run()
    after = drawn_ids(at)
    assert after < before and "capital-dushanbe" in after and "capital-astana" not in after
    assert table_countries(at) == ["Tajikistan"]
    assert at.query_params["countries"] == "TJK"


def test_year_changes_statuses():
    at = run({"layers": "projects"})
    statuses_2025 = drawn(at)
    at.slider(key="year").set_value(2014).run()
    statuses_2014 = drawn(at)
    assert statuses_2014 != statuses_2025
    assert "under_construction" in statuses_2014.values()


def test_bad_parameters_are_dropped_with_notices():
    at = run({"countries": "KAZ,<script>", "year": "99999", "layers": "nope"})
    texts = " ".join(w.value for w in at.warning)
    assert r"'\<script\>'" in texts  # escaped: shown as text, never as markup
    assert "'99999'" in texts and "'nope'" in texts
    assert at.button_group(key="countries").value == ["KAZ"]
    assert at.query_params["countries"] == "KAZ"


def test_broken_file_is_named_and_the_rest_still_draws(tmp_path, monkeypatch):
    root = make_folder(
        tmp_path / "geodata",
        layers={
            "pipelines": [feature("good-line"), feature("bad-line", length_km=-3)],
            "events": [point("capital-x")],
        },
    )
    (root / "layers" / "railways.geojson").write_text("{not json", "utf-8")
    monkeypatch.setenv("CORRIDORS_DATA_DIR", str(root))
    at = run()
    error = at.error[0].value.replace("\\", "")
    assert "layers/railways.geojson" in error and "layers/pipelines.geojson" in error
    problems = frame_with(at, "Problem")
    assert "feature bad-line" in set(problems["Where"])
    assert {"good-line", "capital-x"} <= drawn_ids(at)
    assert "bad-line" not in drawn_ids(at)


def test_repo_data_copy_through_env(tmp_path, monkeypatch):
    root = tmp_path / "copy"
    shutil.copytree(DEFAULT_DATA_DIR, root)
    monkeypatch.setenv("CORRIDORS_DATA_DIR", str(root))
    at = run({"countries": "TKM"})
    assert "capital-ashgabat" in drawn_ids(at)


def test_download_buttons_for_every_format():
    at = run({"countries": "KAZ", "year": "2023"})
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels == [
        "PNG", "SVG", "PDF", "Print PDF", "HTML (interactive)", "GeoJSON",
        "Trade CSV, this year", "Trade CSV, all years", "GIF 2009–2025",
    ]  # fmt: skip


def test_caption_and_print_page_reach_the_export():
    from pypdf import PdfReader

    from corridors.render.paper import PRESETS
    from corridors.selection import Selection
    from corridors.ui import cache
    from corridors.ui.downloads import export_bytes

    at = run({"countries": "KGZ", "year": "2023"})
    at.text_input(key="export_title").set_value("Rail to Andijan").run()
    at.selectbox(key="export_paper").set_value("letter").run()
    assert "Print PDF: Letter landscape, 300 dpi" in " ".join(c.value for c in at.caption)
    options = replace(PRESETS["letter"], title=at.text_input(key="export_title").value)
    pdf = export_bytes(
        cache.current_key(), Selection(countries=("KGZ",), year=2023), "pdf", options
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert "Rail to Andijan" in page.extract_text()
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)


def test_download_bytes_match_the_view():
    from corridors.selection import Selection
    from corridors.ui import cache
    from corridors.ui.downloads import export_bytes

    at = run({"countries": "KAZ", "year": "2023"})
    sel = Selection(countries=("KAZ",), year=2023)
    data = json.loads(export_bytes(cache.current_key(), sel, "geojson"))
    placed = {f["properties"]["id"] for f in data["features"] if f["geometry"]}
    assert placed == drawn_ids(at) - {"trade-kaz"}
    # Events held online are in the file, without a place, and not on the map.
    online = [f["properties"] for f in data["features"] if not f["geometry"]]
    assert online and {p["geometry_precision"] for p in online} == {"online"}


def test_a_file_broken_by_hand_shows_on_the_next_run(tmp_path, monkeypatch):
    root = tmp_path / "copy"
    shutil.copytree(DEFAULT_DATA_DIR, root)
    monkeypatch.setenv("CORRIDORS_DATA_DIR", str(root))
    at = run()
    assert not at.error
    path = root / "layers" / "projects.geojson"
    path.write_text(path.read_text("utf-8").replace('"power_mw": 300', '"power_mw": -300'), "utf-8")
    at.run()
    assert "layers/projects.geojson" in at.error[0].value.replace("\\", "")
    problems = frame_with(at, "Problem")
    assert "must not be negative, got -300" in " ".join(problems["Problem"])
    assert "capital-astana" in drawn_ids(at)  # everything else still drawn


def test_reset_filters_restores_the_defaults():
    at = run({"countries": "KGZ", "year": "2012", "layers": "railways"})
    at.button(key="reset_filters").click().run()
    assert len(at.button_group(key="countries").value) == 6
    assert len(at.button_group(key="layers").value) == 6
    assert at.slider(key="year").value == int(at.query_params["year"]) >= 2023


def test_tiles_say_they_need_the_internet():
    at = run()
    assert not [i for i in at.info if "internet" in i.value]
    at.radio(key="basemap").set_value("osm").run()
    assert any("OpenStreetMap tiles load from the internet" in i.value for i in at.info)


def test_features_table_shows_missing_as_a_dash():
    from corridors.selection import Selection
    from corridors.ui import cache
    from corridors.ui.features_view import features_table

    sel = Selection(layers=("crossings",), year=2025)
    table = features_table(
        cache.feature_rows(cache.current_key(), sel, "en"), sel, translator("en")
    )
    assert "—" in set(table["Length reported (km)"])  # the border crossings have no length
    assert not table.isna().any().any()


def test_a_year_china_lacks_shows_the_partners_figure_marked_and_the_gaps_reason():
    """2021: China-side totals are missing for Kyrgyzstan, Tajikistan, Turkmenistan and
    Uzbekistan; Uzbekistan's own figure stands, marked as its own; the others are a dash
    with where they were sought."""
    at = run({"year": "2021", "layers": "trade,pipelines"})
    table = frame_with(at, "Reported by")
    assert table.loc["Uzbekistan", "Reported by"] == "the country itself (partner-reported)"
    assert table.loc["Uzbekistan", "Total (US$ bn)"] == "7.44"
    assert table.loc["Kazakhstan", "Reported by"] == "China"
    assert table.loc["Kyrgyzstan", "Total (US$ bn)"] == "—"
    assert table.loc["Kyrgyzstan", "Reported by"] == "—"
    captions = " ".join(c.value for c in at.caption)
    assert "Partner-reported for 2021: Uzbekistan" in captions
    assert "Kyrgyzstan — Searched" in captions and "Statistical Yearbook" in captions
    choropleth = json.dumps(map_args(at)["feature_group"])
    assert "dashArray" in choropleth and "Partner-reported" in choropleth


def test_the_trade_tab_shows_both_sides_of_each_flow_and_why_they_differ():
    """2017: China's exports to Kyrgyzstan beside Kyrgyzstan's imports from China, the
    difference, China's balance; Turkmenistan's side (IMF estimates) left out, said so."""
    at = run({"year": "2017"})
    totals = frame_with(at, "Balance (China)")
    assert totals.loc["Kyrgyzstan", "Total (US$ bn)"] == "5.73"
    assert totals.loc["Kyrgyzstan", "Balance (China)"] == "+5.56"
    assert totals.loc["Kyrgyzstan", "Source"] == "IMF DOTS"
    sides = frame_with(at, "The country's imports from China")
    assert sides.loc["Kyrgyzstan", "China's exports (US$ bn)"] == "5.65"
    assert sides.loc["Kyrgyzstan", "The country's imports from China"] == "1.49"
    assert sides.loc["Kyrgyzstan", "Difference"] == "+4.15"
    assert sides.loc["Turkmenistan", "The country's imports from China"] == "—"
    back = frame_with(at, "The country's exports to China")
    assert back.loc["Kyrgyzstan", "China's imports (US$ bn)"] == "0.09"
    captions = " ".join(c.value for c in at.caption)
    assert "Turkmenistan: the IMF's figures for this side are its own estimates" in captions
    assert "Why the two sides differ" in captions and "imfstatistics.org" in captions
    # The sources told by their titles (supplied ones in brackets), not hosts alone.
    cited = [m.value for m in at.markdown if m.value.startswith("Sources\\:")]
    assert cited and all("Direction of Trade Statistics" in line for line in cited), cited


def test_the_events_tab_says_where_each_meeting_was_held_and_cites_it():
    """Every summit and ministers' meeting with its date, place (or "online": no marker, no
    button) and its sources told by title; the place in the reader's language."""
    at = run()
    assert not {"fmm-2020-online", "summit-2022-online"} & drawn_ids(at)
    at.session_state["tab"] = "Events"
    at.run()
    lines = [m.value for m in at.markdown]
    assert "**July 16, 2020** · Ministerial meeting · online" in lines
    assert "**January 25, 2022** · Summit · online" in lines
    assert "**May 18, 2023 – May 19, 2023** · Summit · Xi'an" in lines
    assert "**June 8, 2022** · Ministerial meeting · Astana" in lines
    assert [c.value for c in at.caption].count("Held online: not on the map.") == 2
    meetings = [line for line in lines if line.startswith("**")]
    assert len(meetings) >= 9
    held_elsewhere = [line for line in meetings if not line.endswith("· online")]
    assert len([b for b in at.button if b.label == "Show on map"]) == len(held_elsewhere)
    cited = [e for e in at.expander if e.label.startswith("Sources (")]
    assert len(cited) == len(meetings)
    first = cited[0].markdown[0].value
    assert first.startswith("Sources\\: [") and "](https://" in first


def test_the_events_tab_names_places_in_the_readers_language():
    at = run({"lang": "ru"})
    at.session_state["tab"] = translator("ru")("Events")
    at.run()
    lines = [m.value for m in at.markdown]
    assert any(line.endswith("· Сиань") for line in lines), lines
    assert any(line.endswith("· онлайн") for line in lines), lines


def test_the_features_tab_tells_sources_by_title_and_offers_a_csv(tmp_path, monkeypatch):
    step = {"date": "2008", "what": "Construction launched", "source": SOURCE}
    root = make_folder(tmp_path / "geodata", layers={"pipelines": [feature(milestones=[step])]})
    monkeypatch.setenv("CORRIDORS_DATA_DIR", str(root))
    at = run()
    at.session_state["tab"] = "Features and sources"
    at.run()
    table = frame_with(at, "Sources")
    assert (
        table.loc[0, "Sources"].startswith("Page ") and "(example.org)" in table.loc[0, "Sources"]
    )
    labels = [b.label for b in at.get("download_button")]
    assert "Features table (CSV, with sources)" in labels
    at.session_state["tab"] = "Timeline"
    at.run()
    assert "Milestones (CSV, with sources)" in [b.label for b in at.get("download_button")]


def test_the_base_map_is_a_file_fetched_once_not_an_argument_of_every_run():
    """The base map (outlines, place names, legend: ~200 KB) used to travel with every
    rerun as the component's script; now the script only calls the base map's published
    file, the same file on every run, and a filter change sends the selection alone."""
    at = run()
    args = map_args(at)
    script = base_map_script(at)
    assert "L.map(" in script and "Kazakhstan" in script  # the map and its labels
    assert len(args["script"]) < 200, args["script"]
    assert args["script"].startswith("var map_div = window.corridorsBaseMap();")
    # One file: Leaflet, its CSS and the map's scripts, then the base map's function.
    (map_file,) = args["js_links"]
    assert "/map-en-" in map_file and args["css_links"] == []
    assert script.startswith(bundle()) and script.index("L.map(") > len(bundle())
    at.button_group(key="countries").set_value(["TJK"]).run()
    after = map_args(at)
    assert (after["script"], after["js_links"]) == (args["script"], args["js_links"])
    assert after["feature_group"] != args["feature_group"]


def test_the_pages_script_is_not_dropped_by_streamlits_sanitizer():
    """st.html runs its scripts after DOMPurify, which drops a script whose text holds a
    less-than sign before a letter, slash or ! (SAFE_FOR_XML): the page's scripts (scroll
    boxes, preloads) would then silently not run."""
    at = run()
    (body,) = [h.proto.body for h in at.get("html") if h.proto.unsafe_allow_javascript]
    (script,) = re.findall(r"<script>(.*?)</script>", body, flags=re.DOTALL)
    assert "corridorsScrollboxes" in script and "corridorsPreload" in script
    assert not re.search(r"<[/\w!]", script), re.search(r".{40}<[/\w!].{40}", script)


def preloaded(at: AppTest) -> list[dict[str, str]]:
    """The files the page asked the browser for early on the last run (ui/js/preload.js)."""
    bodies = [h.proto.body for h in at.get("html") if "corridorsPreload(" in h.proto.body]
    (call,) = [m for body in bodies for m in re.findall(r"corridorsPreload\((\[.*?\])\);", body)]
    return json.loads(call)


def test_the_page_asks_early_for_the_files_the_map_loads_one_after_another(monkeypatch):
    """The map's frame loads streamlit-folium's script, which loads the map's file, which
    fetches the library: behind the documented server (which lets browsers keep them),
    the page's first element names all three, relative to the page, so a browser fetches
    them while it sets up the page (issue 23)."""
    at = run()
    assert preloaded(at) == [], "preloaded from a server that lets nobody keep them"
    monkeypatch.setattr(page, "files_kept", lambda: True)
    at = run()
    frame = "component/streamlit_folium.st_folium/index.html"
    (map_file,) = map_args(at)["js_links"]
    (library,) = re.findall(r'"url": "([^"]+features-en-[0-9a-f]+\.json\.gz)"', base_map_script(at))
    script, base, features = preloaded(at)
    assert re.fullmatch(
        r"component/streamlit_folium\.st_folium/static/js/main\.\w+\.js", script["href"]
    )
    assert (base, features) == (
        {"href": urljoin(frame, map_file), "as": "script", "view": True},  # the opening view's
        {"href": urljoin(frame, library), "as": "fetch"},
    )
    # streamlit-folium's frame loads that very script.
    name = script["href"].rsplit("/", 1)[1]
    assert f'src="./static/js/{name}"' in (Path(sf._component_func.path) / "index.html").read_text()
    # Another selection draws from the same files; another language from its own.
    at.button_group(key="countries").set_value(["TJK"]).run()
    assert preloaded(at) == [script, base, features]
    at.button_group(key="lang").set_value("zh").run()
    assert "/map-zh-" in preloaded(at)[1]["href"] and "/features-zh-" in preloaded(at)[2]["href"]
    assert preloaded(at)[1]["href"] == urljoin(frame, map_args(at)["js_links"][0])


def test_the_map_bundle_carries_leaflet_and_its_css_with_images_inline():
    from corridors.render.assets import inline_js

    text = bundle()
    assert inline_js() in text and ".leaflet-container" in text
    assert "url(images/" not in text  # Leaflet's images as data URIs: nothing else to fetch
    assert "corridorsLiveFeatures" in text
