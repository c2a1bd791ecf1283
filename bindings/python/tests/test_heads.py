"""The head of a 304 or 412 the middleware makes (WSGI and ASGI), and
which statuses it decides at all."""
import pytest
from werkzeug.test import Client

import condreq._middleware as mw
from condreq.wsgi import ConditionalMiddleware
from test_asgi import call
from condreq.asgi import ConditionalMiddleware as AsgiMiddleware

HEAD = [("ETag", '"v1"'), ("Last-Modified", "Sun, 09 Sep 2001 01:46:40 GMT"),
        ("Content-Type", "text/plain"), ("Content-Length", "4"),
        ("Content-Language", "en"), ("Content-Encoding", "identity"),
        ("Cache-Control", "public, max-age=86400"),
        ("Expires", "Thu, 01 Jan 2037 00:00:00 GMT"), ("Vary", "Cookie"),
        ("Set-Cookie", "s=1"), ("Access-Control-Allow-Origin", "*"),
        ("X-Content-Type-Options", "nosniff"),
        ("Date", "Sun, 09 Sep 2001 01:46:41 GMT")]


def wsgi(status="200 OK", head=HEAD):
    def app(environ, start_response):
        start_response(status, list(head))
        return [b"body"]
    return Client(ConditionalMiddleware(app))


def asgi(status=200, head=HEAD):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status,
                    "headers": [(k.lower().encode(), v.encode())
                                for k, v in head]})
        await send({"type": "http.response.body", "body": b"body"})
    return AsgiMiddleware(app)


def get(kind, app, headers):
    if kind == "wsgi":
        r = app.get("/", headers=headers)
        return r.status_code, {k.lower(): v for k, v in r.headers.items()}
    s, h, _ = call(app, headers=list(headers.items()))
    return s, h


@pytest.mark.parametrize("kind", ["wsgi", "asgi"])
def test_304_drops_only_representation_metadata(kind):
    app = wsgi() if kind == "wsgi" else asgi()
    s, h = get(kind, app, {"If-None-Match": '"v1"'})
    assert s == 304
    for k in ("content-type", "content-language", "content-encoding",
              "last-modified"):
        assert k not in h, k
    assert h.get("content-length", "0") == "0"
    # The response's own fields stay (RFC 9110 15.4.5 is about
    # representation metadata): a cookie, CORS, security fields.
    for k in ("etag", "cache-control", "expires", "vary", "set-cookie",
              "access-control-allow-origin", "x-content-type-options"):
        assert k in h, k


@pytest.mark.parametrize("kind", ["wsgi", "asgi"])
def test_412_is_built_afresh(kind):
    app = wsgi() if kind == "wsgi" else asgi()
    s, h = get(kind, app, {"If-Match": '"v0"'})
    assert s == 412
    # Nothing that lets a cache store it (RFC 9111 3), no cookie.
    for k in ("cache-control", "expires", "set-cookie", "vary",
              "content-type", "access-control-allow-origin"):
        assert k not in h, k
    assert h["content-length"] == "0"
    assert h["etag"] == '"v1"'


@pytest.mark.parametrize("kind", ["wsgi", "asgi"])
@pytest.mark.parametrize("status", [201, 202, 203, 204, 404])
def test_only_200_206_are_decided(kind, status):
    line = "%d X" % status
    app = wsgi(line) if kind == "wsgi" else asgi(status)
    for ask in ({"If-None-Match": '"v1"'}, {"If-Match": '"v0"'}):
        assert get(kind, app, ask)[0] == status, ask


@pytest.mark.parametrize("kind", ["wsgi", "asgi"])
def test_validators_with_whitespace(kind):
    # RFC 9110 5.5: whitespace around a value is not part of it.
    head = [("ETag", ' "v1"\t'), ("Last-Modified",
                                  " Sun, 09 Sep 2001 01:46:40 GMT ")]
    app = wsgi(head=head) if kind == "wsgi" else asgi(head=head)
    assert get(kind, app, {"If-None-Match": '"v1"'})[0] == 304
    assert get(kind, app, {"If-Match": '"v1"'})[0] == 200
    assert get(kind, app, {
        "If-Modified-Since": "Sun, 09 Sep 2001 01:46:40 GMT"})[0] == 304


def test_if_range_stops_after_two_members(monkeypatch):
    read = []
    real = mw.iter_etags

    def counting(value, lenient=False):
        for m in real(value, lenient):
            read.append(m)
            yield m
    monkeypatch.setattr(mw, "iter_etags", counting)
    assert not mw.if_range_can_match(", ".join('"%d"' % i
                                               for i in range(1000)))
    assert len(read) == 2
    assert mw.if_range_can_match('"a"')
