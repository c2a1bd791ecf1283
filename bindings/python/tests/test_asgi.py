"""condreq.asgi on Starlette (Debian's python3-starlette) and on plain
ASGI applications, driven in process by a small ASGI client of the
test's own (Debian's Starlette has no httpx for its TestClient)."""
import asyncio
import os

import pytest

import condreq
from condreq.asgi import ConditionalMiddleware, check_preconditions

BODY = b"0123456789abcdefghij\n"
LM = 1000000000


def call(app, method="GET", path="/file.txt", headers=(), body=b""):
    """(status, {name: value}, body bytes) of one request."""
    scope = {"type": "http", "asgi": {"version": "3.0"},
             "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"",
             "root_path": "", "server": ("127.0.0.1", 80),
             "client": ("127.0.0.1", 1234),
             "headers": [(k.lower().encode("latin-1"), v.encode("latin-1"))
                         for k, v in headers]}
    sent = []
    fed = []

    async def receive():
        if fed:
            await asyncio.sleep(3600)
        fed.append(1)
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(m):
        sent.append(m)
    asyncio.run(app(scope, receive, send))
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert len(starts) == 1, sent
    h = {k.decode().lower(): v.decode() for k, v in starts[0]["headers"]}
    data = b"".join(m.get("body", b"") for m in sent
                    if m["type"] == "http.response.body")
    return starts[0]["status"], h, data


@pytest.fixture(scope="module")
def static(tmp_path_factory):
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles
    d = tmp_path_factory.mktemp("www")
    p = d / "file.txt"
    p.write_bytes(BODY)
    os.utime(p, (LM, LM))
    return ConditionalMiddleware(
        Starlette(routes=[Mount("/", StaticFiles(directory=str(d)))]))


def test_starlette_304_412(static):
    s, h, b = call(static)
    assert (s, b) == (200, BODY)
    etag = h["etag"]
    # Starlette 0.26 sends its ETag without the quotes (a hex digest):
    # not an entity-tag (RFC 9110 8.8.3), evaluated as no ETag; a client
    # that echoes it is answered in full, and If-Modified-Since works.
    assert not etag.startswith('"')
    s, _, b = call(static, headers=[("If-None-Match", etag)])
    assert (s, b) == (200, BODY)
    s, h2, b = call(static,
                    headers=[("If-Modified-Since", h["last-modified"])])
    assert (s, b) == (304, b"")
    assert h2["etag"] == etag and "content-length" not in h2
    # Its ETag validates nothing: Last-Modified is what a cache can use.
    assert h2["last-modified"] == h["last-modified"]
    s, _, b = call(static, "HEAD", headers=[("If-None-Match", "*")])
    assert (s, b) == (304, b"")
    s, h3, b = call(static, headers=[("If-Match", '"nope"')])
    assert (s, b, h3["content-length"]) == (412, b"", "0")
    s, _, _ = call(static, headers=[
        ("If-Unmodified-Since", condreq.format_http_date(LM - 1))])
    assert s == 412
    s, _, b = call(static, headers=[
        ("If-None-Match", '"x"'),
        ("If-Modified-Since", condreq.format_http_date(LM + 9))])
    assert (s, b) == (200, BODY)
    # Two If-Modified-Since lines: the field is ignored (13.1.3).
    s, _, _ = call(static, headers=[
        ("If-Modified-Since", condreq.format_http_date(LM)),
        ("If-Modified-Since", condreq.format_http_date(LM))])
    assert s == 200


def streaming(log, status=200, etag='"s1"'):
    async def app(scope, receive, send):
        headers = [(b"etag", etag.encode()), (b"content-type", b"text/plain")]
        if status == 206:
            headers.append((b"content-range", b"bytes 0-1/4"))
        log.append({"range": dict(scope["headers"]).get(b"range"),
                    "sent": 0, "closed": False})
        try:
            await send({"type": "http.response.start", "status": status,
                        "headers": headers})
            for c in (b"a", b"b", b"c", b"d"):
                await send({"type": "http.response.body", "body": c,
                            "more_body": True})
                log[-1]["sent"] += 1
            await send({"type": "http.response.body", "body": b""})
        finally:
            log[-1]["closed"] = True
    return app


def test_app_runs_to_its_end_after_304_and_412():
    # Not interrupted by an exception: it finishes, what it sends is
    # dropped (call() asserts one response start and sees no body).
    log = []
    app = ConditionalMiddleware(streaming(log))
    assert call(app, headers=[("If-None-Match", '"s1"')])[::2] == (304, b"")
    assert log[-1] == {"range": None, "sent": 4, "closed": True}
    assert call(app, headers=[("If-Match", '"s2"')])[::2] == (412, b"")
    assert log[-1] == {"range": None, "sent": 4, "closed": True}
    assert call(app, headers=[("If-Match", '"s1"')])[::2] == (200, b"abcd")
    assert log[-1]["sent"] == 4


def test_range_head_and_if_range():
    log = []

    async def app(scope, receive, send):
        has_range = dict(scope["headers"]).get(b"range")
        await streaming(log, 206 if has_range else 200, 'W/"s1"')(
            scope, receive, send)
    mw = ConditionalMiddleware(app)
    # HEAD: Range never reaches the application (14.2).
    assert call(mw, "HEAD", headers=[("Range", "bytes=0-1")])[0] == 200
    # A weak If-Range can never be true: the Range is taken away.
    assert call(mw, headers=[("If-Range", 'W/"s1"'),
                             ("Range", "bytes=0-1")])[::2] == (200, b"abcd")
    assert log[-1]["range"] is None
    # A strong one reaches it; the current tag is weak, so the 206 is
    # wrong: the full 200 from a second call.
    n = len(log)
    assert call(mw, headers=[("If-Range", '"s1"'),
                             ("Range", "bytes=0-1")])[::2] == (200, b"abcd")
    assert len(log) == n + 2 and log[n]["closed"]
    assert log[n + 1]["range"] is None


def test_write_check_on_starlette():
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route
    store = {"etag": '"1"', "body": b"one"}

    async def put(request: Request):
        status = check_preconditions(request.scope, etag=store["etag"])
        if status:
            return Response(status_code=status)
        store["body"] = await request.body()
        store["etag"] = '"%d"' % (int(store["etag"][1:-1]) + 1)
        return Response(status_code=204, headers={"ETag": store["etag"]})

    app = ConditionalMiddleware(Starlette(routes=[
        Route("/r", put, methods=["PUT"])]))
    assert call(app, "PUT", "/r", [("If-Match", '"1"')], b"two")[0] == 204
    assert store == {"etag": '"2"', "body": b"two"}
    assert call(app, "PUT", "/r", [("If-Match", '"1"')], b"3")[0] == 412
    assert call(app, "PUT", "/r", [("If-Match", "junk")], b"3")[0] == 412
    assert call(app, "PUT", "/r", [("If-Match", '"2'), ], b"3")[0] == 412
    assert call(app, "PUT", "/r", [("If-None-Match", "*")], b"3")[0] == 412
    assert store["body"] == b"two"


def test_starlette_streaming_response_closed_unread():
    from starlette.applications import Starlette
    from starlette.responses import StreamingResponse
    from starlette.routing import Route
    log = {"read": 0, "closed": False}

    async def chunks():
        try:
            for c in (b"a", b"b", b"c"):
                log["read"] += 1
                yield c
        finally:
            log["closed"] = True

    async def page(request):
        log.update(read=0, closed=False)
        return StreamingResponse(chunks(), headers={"ETag": '"p1"'})

    app = ConditionalMiddleware(Starlette(routes=[Route("/p", page)]))
    assert call(app, path="/p", headers=[
        ("If-None-Match", '"p1"')])[::2] == (304, b"")
    assert log["read"] == 0
    assert call(app, path="/p", headers=[
        ("If-Match", '"p0"')])[::2] == (412, b"")
    assert log["read"] == 0
    assert call(app, path="/p", headers=[
        ("If-None-Match", '"p0"')])[::2] == (200, b"abc")
    assert log == {"read": 3, "closed": True}


def test_background_task_runs_and_names_are_lowercase():
    from starlette.applications import Starlette
    from starlette.background import BackgroundTask
    from starlette.responses import Response
    from starlette.routing import Route
    ran = []
    errors = []

    async def page(request):
        return Response(b"p", headers={"ETag": '"p1"'},
                        background=BackgroundTask(ran.append, 1))

    async def app(scope, receive, send):
        try:
            await Starlette(routes=[Route("/p", page)])(scope, receive, send)
        except BaseException as e:      # what an error reporter would see
            errors.append(e)
            raise
    mw = ConditionalMiddleware(app)
    seen = []

    async def spy(scope, receive, send):
        async def s(m):
            seen.append(m)
            await send(m)
        await mw(scope, receive, s)
    for ask, st in (('"p1"', 304), (None, 412)):
        headers = ([("If-None-Match", ask)] if ask
                   else [("If-Match", '"p0"')])
        seen.clear()
        assert call(spy, path="/p", headers=headers)[0] == st
        names = [k for k, _ in seen[0]["headers"]]
        assert names == [k.lower() for k in names], names
    assert ran == [1, 1] and errors == []
