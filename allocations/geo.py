"""Where things are: Indonesia's bounding box and the great-circle distance (one rule each).

A sentra's recorded location must lie inside the box; a photo's distance from its sentra is
the great-circle (haversine) distance on the mean Earth radius.
"""

from __future__ import annotations

import math
from decimal import Decimal

# Indonesia's extent with a small margin: Sabang/Rondo (≈ 95° E, 6° N) to Merauke (≈ 141° E,
# 9° S), Pulau Rote/Ndana (≈ 11° S) and Miangas (≈ 5,6° N).
LAT_MIN, LAT_MAX = Decimal("-11.5"), Decimal("6.5")
LON_MIN, LON_MAX = Decimal("94.5"), Decimal("141.5")
EARTH_RADIUS_KM = 6371.0088


def coordinates_problem(latitude, longitude) -> str | None:
    """The Indonesian sentence saying what is wrong with a sentra's coordinates, or None.

    Both empty is fine (location not recorded yet); one without the other is not."""
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        return "Lintang dan bujur harus diisi keduanya (atau dikosongkan keduanya)."
    lat, lon = Decimal(str(latitude)), Decimal(str(longitude))
    if not LAT_MIN <= lat <= LAT_MAX:
        return (
            f"Lintang {lat} di luar wilayah Indonesia (antara {LAT_MIN} dan {LAT_MAX}; "
            "lintang selatan ditulis negatif, misalnya -6,914744)."
        )
    if not LON_MIN <= lon <= LON_MAX:
        return (
            f"Bujur {lon} di luar wilayah Indonesia (antara {LON_MIN} dan {LON_MAX}, "
            "misalnya 107,609810)."
        )
    return None


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance between two points in kilometres (haversine)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
