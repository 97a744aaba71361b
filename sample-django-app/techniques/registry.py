"""The list of techniques and their endpoints.

techniques/urls.py builds its URL patterns from this list and the index page
renders it, so the two can never drift apart.
"""
from dataclasses import dataclass
from typing import Callable, Tuple

from techniques.views import select_related


@dataclass(frozen=True)
class Endpoint:
    variant: str  # "naive", "optimized", or a descriptive name
    route: str  # relative to /techniques/
    view: Callable
    method: str = "GET"
    queries: str = ""  # expected query count, as documentation

    @property
    def path(self):
        return "/techniques/" + self.route


@dataclass(frozen=True)
class Technique:
    id: str
    title: str
    compare: str  # how the variants' responses relate: "same", "prefix", ...
    endpoints: Tuple[Endpoint, ...]


TECHNIQUES = (
    Technique(
        "select-related",
        "Join a ForeignKey with select_related() instead of one query per row",
        "same",
        (
            Endpoint("naive", "select-related/naive/", select_related.naive, queries="1 + limit"),
            Endpoint("optimized", "select-related/optimized/", select_related.optimized, queries="1"),
        ),
    ),
)


def url_name(technique, endpoint):
    return f"{technique.id}-{endpoint.variant}"
