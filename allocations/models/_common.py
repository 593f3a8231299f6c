"""Field options shared by the allocations models."""

MONEY = {"max_digits": 18, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}
COORDINATE = {"max_digits": 9, "decimal_places": 6}  # degrees, ≈ 0,1 m
