"""Init file for the requests_pprint package."""

from .main import (
    pprint_http_request,
    pprint_http_response,
    print_response_summary,
    print_async_response_summary,
    pprint_async_http_request,
    pprint_async_http_response,
)
