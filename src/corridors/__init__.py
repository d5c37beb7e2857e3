"""Corridors: the China–Central Asia corridors as sourced geodata, a dashboard and exports."""

__version__ = "0.1.0"
