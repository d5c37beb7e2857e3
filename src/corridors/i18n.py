"""The reader's language: gettext catalogues for our words, Babel (CLDR) for the rest.

Interface text is English in the code, marked for extraction (``tr("…")`` where a
translator is at hand, :func:`N_` for module constants translated when shown) and
translated from gettext catalogues in ``locale/<lang>/LC_MESSAGES/corridors.po`` (compiled
to ``.mo``; ``make messages`` extracts, updates and compiles them). Country names,
numbers, money, percentages and dates come from Babel's CLDR data, so they read as each
locale writes them ("41 млрд $", "US$410亿").

A :class:`Tr` is a translator for one language, passed to whatever draws text. There is
never a process-wide ``gettext.install()``: a dashboard process serves many readers at
once, and one reader's language must not leak into another's session.
"""

from __future__ import annotations

import builtins
import decimal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from babel import Locale
from babel.core import get_global
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_compact_currency, format_decimal, format_percent
from babel.support import NullTranslations, Translations

#: The languages of the interface, with their names as their readers write them.
LANGUAGES: dict[str, str] = {"en": "English", "zh": "中文", "ru": "Русский"}
DEFAULT_LANG = "en"
DOMAIN = "corridors"
LOCALE_DIR = Path(__file__).parent / "locale"
#: The data's name property in each language (English is the data's own ``name``).
NAME_KEYS: dict[str, str] = {"en": "name", "zh": "name_zh", "ru": "name_ru"}


def N_(message: str) -> str:
    """Mark a module constant for extraction; it is translated where it is shown."""
    return message


class LanguageError(ValueError):
    """A language code we have no interface for."""


def check_lang(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else :class:`LanguageError`."""
    if lang not in LANGUAGES:
        raise LanguageError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return lang


def negotiate(locale: str | None) -> str:
    """The interface language for a browser locale ("zh-CN", "ru_RU", "en-GB"…)."""
    if not locale:
        return DEFAULT_LANG
    primary = str(locale).replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANG


@dataclass(frozen=True, eq=False)
class Tr:
    """A translator for one language: our words from the catalogue, CLDR for the rest."""

    lang: str
    catalog: NullTranslations

    def __call__(self, message: str) -> str:
        """The message in this language (itself when the catalogue has no translation)."""
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for ``n`` (Russian has three: 1 объект, 3 объекта, 5 объектов)."""
        return self.catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """A short word whose translation depends on where it is used."""
        return self.catalog.pgettext(context, message)

    @cached_property
    def locale(self) -> Locale:
        """The CLDR locale (parsed once: country names and plural rules are read often)."""
        return Locale.parse(self.lang)

    def by_plural_category(self, words: Callable[[int], str]) -> dict[str, str]:
        """``words(n)`` (an ``ngettext`` call) in every CLDR plural category of this
        language, keyed by category, for a browser to pick with ``Intl.PluralRules``."""
        out: dict[str, str] = {}
        for n in range(200):
            out.setdefault(self.locale.plural_form(n), words(n))
        return out

    def country(self, code: str, fallback: str | None = None) -> str:
        """A country's name in this language from CLDR; ``code`` is ISO alpha-3, alpha-2 or
        numeric ("KAZ", "KZ", "398"). ``fallback`` (or the code) when CLDR has none."""
        alpha2 = _alpha2(str(code))
        name = self.locale.territories.get(alpha2) if alpha2 else None
        return name or fallback or str(code)

    def list(self, items: builtins.list[str]) -> str:
        """Items joined as the locale joins them ("A, B, and C", "A、B和C", "A, B и C")."""
        return format_list(items, locale=self.lang) if items else ""

    def number(self, value: float, digits: int = 0) -> str:
        """A figure with the locale's separators ("1,833", "1 833"); rounded to ``digits``
        (half up, as people round: 4.665 → 4.67)."""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        with _half_up():
            return format_decimal(value, format=pattern, locale=self.lang)

    def signed(self, value: float, digits: int = 2) -> str:
        """A difference, with its sign always shown ("+1.25", "−0.40")."""
        text = self.number(abs(value), digits)
        return ("+" if value >= 0 else "−") + text

    def percent(self, value: float, digits: int = 1) -> str:
        """A change in per cent, signed ("+12.3%", "+12,3 %")."""
        body = "#,##0." + "0" * digits + "%"
        with _half_up():
            return format_percent(value / 100, format=f"+{body};-{body}", locale=self.lang)

    def money(self, usd: float, digits: int = 2) -> str:
        """US dollars as the locale writes a sum ("$41.00B", "41,00 млрд $", "US$410.00亿")."""
        with _half_up():
            return format_compact_currency(usd, "USD", locale=self.lang, fraction_digits=digits)

    def date(self, value: date | str) -> str:
        """A date as the locale writes it ("17 June 2025", "2025年6月17日", "17 июня 2025 г.").

        Partial ISO dates ("2025", "2025-06") are left as they are: no day is invented.
        """
        if isinstance(value, str):
            parts = value.split("-")
            if len(parts) == 2 and all(p.isdigit() for p in parts):  # a month: "June 2025"
                month = date(int(parts[0]), int(parts[1]), 1)
                return format_skeleton("yMMMM", month, locale=self.lang)
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return value
        return format_date(value, format="long", locale=self.lang)

    def name(self, props: Mapping[str, Any]) -> tuple[str, bool]:
        """A feature's name in this language, and whether it is the English one standing in
        for a missing translation (the caller marks it; no name is ever made up)."""
        own = props.get(NAME_KEYS[self.lang])
        if isinstance(own, str) and own.strip():
            return own, False
        return str(props.get("name") or ""), self.lang != "en"


def _half_up() -> decimal.localcontext:
    """Round halves up (Babel rounds with the decimal context, half-even by default)."""
    return decimal.localcontext(rounding=decimal.ROUND_HALF_UP)


def _alpha2(code: str) -> str | None:
    if len(code) == 2 and code.isalpha():
        return code.upper()
    aliases = get_global("territory_aliases").get(code.upper())
    return aliases[0] if aliases else None


@cache
def translator(lang: str = DEFAULT_LANG) -> Tr:
    """The translator for ``lang`` (loaded once per process and shared: it is read-only)."""
    check_lang(lang)
    if lang == DEFAULT_LANG:
        return Tr(lang, NullTranslations())
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise FileNotFoundError(f"no compiled catalogue for {lang!r}: {mo} (run make messages)")
    with mo.open("rb") as fp:
        return Tr(lang, Translations(fp, domain=DOMAIN))
