"""A short account of a dataset: what layers, how many features, which years."""

from __future__ import annotations

from corridors.data.loader import Dataset


def summary_lines(ds: Dataset) -> list[str]:
    """Human-readable lines for ``corridors validate``."""
    lines = [f"geodata: {ds.root}"]
    for layer, gdf in ds.layers.items():
        kinds = ", ".join(f"{k} {n}" for k, n in gdf["kind"].value_counts().sort_index().items())
        lines.append(f"  {layer:<10} {len(gdf):>3} features  ({kinds})")
    lines.append(f"  outlines   {len(ds.outlines):>3} countries")
    years = [
        y
        for gdf in ds.layers.values()
        for col in ("announced", "construction_start", "opened")
        if col in gdf
        for y in gdf[col].dropna()
    ]
    if years:
        lines.append(f"  feature years {int(min(years))}–{int(max(years))}")
    trade = ds.trade
    if len(trade):
        by_reporter = trade.groupby("reporter")["year"].agg(["min", "max", "size"])
        for reporter, row in by_reporter.iterrows():
            lines.append(
                f"  trade      {row['size']:>3} rows reported by {reporter}, "
                f"years {row['min']}–{row['max']}"
            )
    milestones = [
        len(items)
        for gdf in ds.layers.values()
        if "milestones" in gdf
        for items in gdf["milestones"]
        if isinstance(items, list) and items
    ]
    lines.append(f"  milestones {sum(milestones):>3} dated steps on {len(milestones)} features")
    lines.append(f"  places     {len(ds.places):>3} named places")
    online = ds.layers["events"]["geometry"].isna().sum() if "events" in ds.layers else 0
    if online:
        lines.append(f"  online     {online:>3} events held online (no place on the map)")
    if len(ds.sources):
        titled = ds.sources["title"].notna().sum()
        lines.append(f"  sources    {len(ds.sources):>3} cited pages, {titled} with a title")
    return lines
