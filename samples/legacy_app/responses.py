"""Flask glue for Shift_JIS: render pages as cp932 bytes, read forms and queries as cp932."""

from __future__ import annotations

from flask import Response, render_template, request

from .sjis import CONTENT_TYPE, decode_params, encode_page


def render_page(template: str, *, status: int = 200, **context: object) -> Response:
    """Render ``template`` and send it encoded in Shift_JIS with the matching header."""
    html = render_template(template, **context)
    return Response(encode_page(html), status=status, content_type=CONTENT_TYPE)


def read_form() -> dict[str, str]:
    """The POSTed form, decoded as cp932 (Werkzeug's UTF-8 parsing is never used)."""
    return decode_params(request.get_data(cache=True, as_text=False))


def read_query() -> dict[str, str]:
    """The query string, decoded as cp932."""
    return decode_params(request.query_string)
