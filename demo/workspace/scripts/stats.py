"""Small statistics helpers for sales figures (no numpy needed)."""

import math


def mean(values):
    if not values:
        raise ValueError("mean of an empty list")
    return sum(values) / len(values)


def median(values):
    if not values:
        raise ValueError("median of an empty list")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def variance(values):
    if len(values) < 2:
        raise ValueError("variance needs at least two values")
    m = mean(values)
    return sum((x - m) ** 2 for x in values) / (len(values) - 1)


def stdev(values):
    return math.sqrt(variance(values))


def percentile(values, p):
    if not values:
        raise ValueError("percentile of an empty list")
    ordered = sorted(values)
    index = (len(ordered) - 1) * p / 100
    lower = math.floor(index)
    upper = math.ceil(index)
    if lower == upper:
        return ordered[int(index)]
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (index - lower)


def summary(values):
    return {
        "count": len(values),
        "mean": mean(values),
        "median": median(values),
        "stdev": stdev(values),
        "p90": percentile(values, 90),
    }
