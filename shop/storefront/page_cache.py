"""Whole storefront pages cached for anonymous visitors, until the catalogue changes.

Most visitors browse without signing in and without a basket: for them a product page,
a listing or a search page is the same for everyone, so it is rendered once per
``catalogue_state`` (every product, stock, producer or licence write retires it, and so
does the moment a sale window opens or closes). Three things in a page belong to one
response and are never replayed: the CSRF token of each form, the Content Security
Policy nonce and the basket link in the header (with its item count); they are cut out
before storing and filled in fresh for every visitor. A visitor with a session (signed
in) or a pending message always gets a fresh render.
"""

from __future__ import annotations

import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

from catalog.freshness import CACHE_SECONDS, catalogue_key

_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_HOLE = b"\x00csrf\x00"
_NONCE_HOLE = b"\x00nonce\x00"
_BASKET = re.compile(rb"<!--mini-basket-->.*?<!--/mini-basket-->", re.DOTALL)
_BASKET_HOLE = b"\x00basket\x00"
MINI_BASKET = "storefront/partials/mini_basket.html"


def _personal(request) -> bool:
    """Whether this visitor may see something of their own beyond the basket link."""
    cookies = request.COOKIES
    return any(cookies.get(name) for name in (settings.SESSION_COOKIE_NAME, "messages"))


def _key(request) -> str:
    return catalogue_key("page", (request.get_host(), get_language(), request.get_full_path()))


def _store(request, response, key: str) -> None:
    body = _CSRF_INPUT.sub(lambda m: m[1] + _CSRF_HOLE + m[2], response.content)
    body = _BASKET.sub(lambda m: _BASKET_HOLE, body)
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:
        body = body.replace(str(nonce).encode(), _NONCE_HOLE)
    cache.set(key, (response["Content-Type"], body), CACHE_SECONDS)


def _replay(request, cached) -> HttpResponse:
    content_type, body = cached
    if _CSRF_HOLE in body:
        body = body.replace(_CSRF_HOLE, get_token(request).encode())
    if _NONCE_HOLE in body:
        body = body.replace(_NONCE_HOLE, str(request.csp_nonce).encode())
    if _BASKET_HOLE in body:
        mini_basket = render_to_string(MINI_BASKET, request=request)
        body = body.replace(_BASKET_HOLE, mini_basket.strip().encode())
    return HttpResponse(body, content_type=content_type)


def cache_anonymous_page(view):
    """Serve a GET from the page cache to visitors with nothing personal on the page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _personal(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            return _replay(request, cached)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies:
            _store(request, response, key)
        return response

    return wrapper
