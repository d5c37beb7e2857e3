"""Drawing a view: styles, popups, GeoJSON for Leaflet, the folium map, static maps, charts.

No Streamlit here; the dashboard (``corridors.ui``) and the exports both use these.
"""
