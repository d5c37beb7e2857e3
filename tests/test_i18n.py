"""Three languages: complete catalogues, correct plurals and formats, sessions kept apart,
and exports whose text is in the asked script."""

from __future__ import annotations

import ast
import io
import re
import string
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from pypdf import PdfReader

from corridors.config import DEFAULT_DATA_DIR, REPO_ROOT
from corridors.data.loader import load_dataset
from corridors.export import export_view
from corridors.i18n import LANGUAGES, LOCALE_DIR, negotiate, translator
from corridors.render.geojson import layer_data
from corridors.render.leaflet import here_words, legend_html
from corridors.render.popups import popup_words
from corridors.selection import Selection, parse_lang_query
from corridors.view import view_of
from tests.apptest import app_test

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
CJK = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
SCRIPT = {"zh": CJK, "ru": CYRILLIC}


def extracted() -> set[tuple[str | None, str | tuple[str, ...]]]:
    """Every interface string marked in the code, as ``make messages`` extracts it, with
    its context (``pgettext``; None for most)."""
    keywords = {"tr": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
    found = extract_from_dir(
        REPO_ROOT / "src",
        method_map=[("**.py", "python")],
        keywords=keywords,
    )
    return {(context, message) for _, _, message, _, context in found}


def catalogue(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "corridors.po").open("rb") as fh:
        return read_po(fh)


def _key(msgid) -> str:
    return msgid[0] if isinstance(msgid, list | tuple) else msgid


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_interface_string_is_translated(lang: str):
    """Fails when a user-visible string is marked in the code but not in the catalogue."""
    wanted = extracted()
    assert len(wanted) > 150  # the extraction itself works
    po = catalogue(lang)
    missing = sorted(_key(m) for ctx, m in wanted if po.get(_key(m), context=ctx) is None)
    assert not missing, f"not in {lang}.po (run make messages, then translate): {missing}"
    for message in po:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{lang}: untranslated {message.id!r}"
        assert not message.fuzzy, f"{lang}: fuzzy {message.id!r}"
        for text in strings:  # every {field} kept, none invented
            assert _fields(text) == _fields(_key(message.id)), (lang, message.id, text)


def test_the_code_uses_no_string_the_catalogue_lacks_and_vice_versa():
    """Obsolete entries are dropped, so the .po files say exactly what the page shows."""
    wanted = {(ctx, _key(m)) for ctx, m in extracted()}
    for lang in TRANSLATED:
        have = {(m.context, _key(m.id)) for m in catalogue(lang) if m.id}
        assert have == wanted, (lang, sorted(have - wanted))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogue_is_the_po_file(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "corridors.mo").open("rb") as fh:
        mo = read_mo(fh)

    def pairs(cat) -> dict:
        return {
            (m.context, _key(m.id)): (
                tuple(m.string) if isinstance(m.string, list | tuple) else m.string
            )
            for m in cat
            if m.id
        }

    assert pairs(mo) == pairs(catalogue(lang)), "the .mo is stale: run make messages"


def test_no_marked_string_hides_where_babel_cannot_see_it():
    """Babel cannot extract ``tr("…")`` written inside an f-string (before Python 3.12) nor
    ``language.tr()("…")`` (a call of a call), so such a string would silently stay
    English: the catalogue test could not see it."""
    hidden = []
    for path in (REPO_ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Call)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                hidden.append(f"{path.name}:{node.lineno} (a call of a call)")
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                literal = call.args and isinstance(call.args[0], ast.Constant)
                if name in {"tr", "N_", "ngettext", "pgettext"} and literal:
                    hidden.append(f"{path.name}:{call.lineno}")
    assert not hidden, hidden


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "объект"),
        (2, "объекта"),
        (4, "объекта"),
        (5, "объектов"),
        (11, "объектов"),
        (12, "объектов"),
        (21, "объект"),
        (22, "объекта"),
        (25, "объектов"),
        (111, "объектов"),
    ],
)
def test_russian_has_three_plural_forms(n: int, form: str):
    text = translator("ru").ngettext("{n} feature here", "{n} features here", n).format(n=n)
    assert text == f"Здесь {n} {form}"


def test_the_map_script_gets_every_plural_category():
    assert set(here_words(translator("ru"))) == {"one", "few", "many"}
    assert here_words(translator("zh")) == {"other": "此处有 {n} 个要素"}
    assert here_words(translator("en"))["one"] == "{n} feature here"


@pytest.mark.parametrize(
    ("lang", "money", "number", "kyrgyzstan"),
    [
        ("en", "$41B", "1,833", "Kyrgyzstan"),
        ("zh", "US$410亿", "1,833", "吉尔吉斯斯坦"),
        ("ru", "41\xa0млрд\xa0$", "1\xa0833", "Киргизия"),
    ],
)
def test_numbers_money_and_countries_as_each_locale_writes_them(lang, money, number, kyrgyzstan):
    tr = translator(lang)
    assert tr.money(41.0e9, 0) == money
    assert tr.number(1833.4) == number
    assert tr.country("KGZ") == kyrgyzstan
    assert tr.country("417") == kyrgyzstan  # ISO numeric, as Natural Earth has it


def test_dates_in_each_language_and_partial_dates_left_alone():
    assert translator("ru").date("2025-06-17") == "17 июня 2025\u202fг."
    assert translator("zh").date("2025-06-17") == "2025年6月17日"
    assert translator("en").date("2025-06") == "June 2025"
    assert translator("ru").date("2025") == "2025"


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("zh-CN", "zh"), ("ru_RU", "ru"), ("en-GB", "en"), ("de", "en"), (None, "en")],
)
def test_the_browser_language_picks_the_default(locale, lang):
    assert negotiate(locale) == lang


def test_a_bad_lang_in_the_url_falls_back_to_english_with_a_notice():
    assert parse_lang_query({"lang": "ZH"}) == ("zh", [])
    assert parse_lang_query({}, fallback="ru") == ("ru", [])
    lang, notices = parse_lang_query({"lang": "klingon"}, fallback="ru")
    assert lang == "en" and "klingon" in notices[0]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DEFAULT_DATA_DIR, strict=True)


LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
#: Latin-script words a Chinese or Russian reader legitimately sees: units, formats, the
#: product's name, the marker of an English stand-in name.
ALLOWED_LATIN = {"US", "EN", "km", "Corridors"}


def _strings(value) -> list[str]:
    """Every string in a nested structure of dicts and lists."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_popup_words_figures_and_legend_have_no_english_interface_word(dataset, lang: str):
    """What a popup says of its own (its words, the figures' lines) and the legend; the
    rendered popups are checked in the browser (tests/e2e/test_languages.py)."""
    view = view_of(dataset, Selection(), lang)
    words = popup_words(view.tr)
    figures = [
        line
        for layer in layer_data(view).values()
        for f in layer["features"]
        for line in f["properties"].get("_p", {}).get("q", [])
    ]
    assert len(figures) > 20
    legend = unescape(re.sub(r"<[^>]+>", " ", legend_html(view.tr)))
    codes = {words["lang"], *words["events"], *words["timeless"]}  # kind codes, not words
    ours = [s for s in _strings(words) if s not in codes]
    for text in [*ours, *figures, legend]:
        left = set(LATIN_WORD.findall(re.sub(r"\{\w+\}", "", text))) - ALLOWED_LATIN
        assert not left, (lang, left, text)


def test_a_name_missing_in_the_sources_is_shown_in_english_and_marked(dataset):
    view = view_of(dataset, Selection(layers=("crossings",)), "ru")
    models = {
        f["properties"]["id"]: f["properties"]["_p"]
        for f in layer_data(view)["crossings"]["features"]
    }
    gateway = models["khorgos-gateway-dry-port"]
    assert gateway["n"] == "Khorgos Gateway dry port" and gateway["f"] == 1  # marked, in English
    assert not any(lang == "ru" for lang, _ in gateway.get("o", []))  # no invented Russian name


@pytest.mark.parametrize("lang", TRANSLATED)
def test_pdf_text_layer_is_in_the_asked_script(dataset, lang: str):
    view = view_of(dataset, Selection(countries=("KAZ", "KGZ"), year=2023), lang)
    pdf = export_view(view, "pdf").data
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    tr = translator(lang)
    for ours in (
        tr("China–Central Asia corridors, {year}").format(year=2023),  # title
        tr("Operating"),  # legend
        tr("km"),  # scale bar
        tr.country("KAZ"),  # title line
    ):
        assert ours in text, (lang, ours)
    for english in ("Operating", "Made ", "Sources:", "Trade ", "Gas pipeline"):
        assert english not in text, (lang, english)


def test_sessions_in_two_languages_at_once_keep_their_own():
    """Two readers, at the same time, in Chinese and Russian: neither sees the other's."""

    def run(lang: str):
        at = app_test()
        at.query_params["lang"] = lang
        at.run(timeout=120)
        return lang, at

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(pool.map(run, ["zh", "ru"]))
    for lang, at in runs.items():
        title = at.title[0].value
        assert SCRIPT[lang].search(title), (lang, title)
        other = SCRIPT["ru" if lang == "zh" else "zh"]
        assert not other.search(title), (lang, title)
        # A second run of each session (a filter change) stays in its language.
        at.button_group(key="countries").set_value(["KAZ"]).run(timeout=120)
        tabs = [t.label for t in at.tabs]
        assert all(SCRIPT[lang].search(label) for label in tabs), (lang, tabs)


def test_an_english_session_is_untouched_by_them():
    at = app_test()
    at.run(timeout=120)
    assert at.title[0].value == "Corridors: China and Central Asia"


def test_the_dashboard_language_switch_moves_the_url():
    at = app_test()
    at.query_params["lang"] = "ru"
    at.run(timeout=120)
    assert at.query_params["lang"] == ["ru"] or at.query_params["lang"] == "ru"
    at.sidebar.segmented_control[0].set_value("zh").run(timeout=120)
    assert CJK.search(at.title[0].value)
    assert "zh" in str(at.query_params["lang"])


def test_the_place_names_file_is_read_and_checked(tmp_path: Path):
    root = tmp_path / "geodata"
    import shutil

    shutil.copytree(DEFAULT_DATA_DIR, root)
    names = root / "names" / "places.csv"
    names.write_text(
        "place,name_zh,name_ru,source_zh,source_ru\n"
        "Astana,阿斯塔纳,Астана,https://a.example/zh,https://a.example/ru\n"
        "Atlantis,亚特兰蒂斯,,https://a.example/zh,\n"
        "Almaty,Almaty,Алматы,https://a.example/zh,\n",
        "utf-8",
    )
    ds = load_dataset(root)
    said = {(p.where, p.field): p.reason for p in ds.problems if p.file == "names/places.csv"}
    assert "'Atlantis' is not in the gazetteer" in said[("row 3", "place")]
    assert "has no Chinese characters" in said[("row 4", "name_zh")]
    assert "needs the http(s) URL" in said[("row 4", "source_ru")]
    named = ds.place_names().set_index("place")
    assert named.loc["Astana", "name_ru"] == "Астана"  # the good row is kept
    assert "Almaty" not in set(ds.names["place"])  # the broken one is left out
