"""DRF content negotiation that always answers JSON.

With only the JSON renderer installed, DRF's default negotiation answers
406 to a client that sends e.g. `Accept: text/html`. A benchmark client's
Accept header should not change the response, so skip negotiation.
"""
from rest_framework.negotiation import BaseContentNegotiation


class JsonOnlyNegotiation(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
