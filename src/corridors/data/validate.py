"""Every data rule: checks for features, places and trade rows, and the rules across them.

Per-record checks (a feature's properties and geometry, a trade or gazetteer row) and
cross-record ones (ids unique across layers, every waypoint a known place within 10 km of
its line, gazetteer entries that agree) all live here. Checks never raise on bad data:
they describe it. The loader decides whether a problem drops one feature, one file, or
(in strict mode) stops everything.

The rules are grouped by what they check: :mod:`corridors.data.feature_rules` (features
and their geometry), :mod:`corridors.data.trade_rules` (trade tables) and
:mod:`corridors.data.place_rules` (the gazetteer, place names and waypoints); this module
gathers them, so callers import every rule from one place.
"""

from __future__ import annotations

from corridors.data.feature_rules import (
    MILESTONE_TEXT_MAX,
    check_geometry,
    check_ids_unique,
    check_milestones,
    check_own_properties,
    check_properties,
    feature_label,
    parse_milestone_date,
)
from corridors.data.place_rules import (
    SCRIPTS,
    check_place_name_row,
    check_place_names_known,
    check_place_row,
    check_places_agree,
    check_waypoints,
)
from corridors.data.trade_rules import (
    check_trade_coverage,
    check_trade_gap_keys_unique,
    check_trade_gap_row,
    check_trade_keys_unique,
    check_trade_row,
    check_trade_sums,
    duplicate_values,
)

__all__ = [
    "MILESTONE_TEXT_MAX",
    "SCRIPTS",
    "check_geometry",
    "check_ids_unique",
    "check_milestones",
    "check_own_properties",
    "check_place_name_row",
    "check_place_names_known",
    "check_place_row",
    "check_places_agree",
    "check_properties",
    "check_trade_coverage",
    "check_trade_gap_keys_unique",
    "check_trade_gap_row",
    "check_trade_keys_unique",
    "check_trade_row",
    "check_trade_sums",
    "check_waypoints",
    "duplicate_values",
    "feature_label",
    "parse_milestone_date",
]
