"""condreq.wsgi on Flask, Werkzeug and Django (Debian's packages), driven
in process by werkzeug's test client; and on plain WSGI applications for
what the frameworks do not show (lazy start_response, streaming, a 206
that If-Range takes away)."""
import os

import pytest
from werkzeug.test import Client

import condreq
from condreq.wsgi import ConditionalMiddleware, check_preconditions

BODY = b"0123456789abcdefghij\n"
LM = 1000000000                       # 2001-09-09 01:46:40 UTC


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    d = tmp_path_factory.mktemp("www")
    p = d / "file.txt"
    p.write_bytes(BODY)
    os.utime(p, (LM, LM))
    return str(d)


def flask_app(root):
    import flask
    app = flask.Flask("t")

    @app.route("/<name>")
    def serve(name):
        r = flask.send_from_directory(root, name, max_age=60)
        r.headers["Expires"] = "Thu, 01 Jan 2037 00:00:00 GMT"
        r.headers["Vary"] = "Accept-Encoding"
        return r
    return app.wsgi_app


def werkzeug_app(root):
    from werkzeug.exceptions import NotFound
    from werkzeug.middleware.shared_data import SharedDataMiddleware
    return SharedDataMiddleware(NotFound(), {"/": root})


_django = {}


def django_app(root):
    if "app" not in _django:
        import django
        from django.conf import settings
        settings.configure(
            DEBUG=False, ALLOWED_HOSTS=["localhost"], ROOT_URLCONF=__name__,
            SECRET_KEY="tests-only", USE_TZ=True,
            MIDDLEWARE=["django.middleware.http.ConditionalGetMiddleware"])
        django.setup()
        from django.core.wsgi import get_wsgi_application
        from django.urls import re_path
        from django.views.static import serve
        globals()["urlpatterns"] = [
            re_path(r"^(?P<path>[^/]+)$", serve, {"document_root": root})]
        _django["app"] = get_wsgi_application()
    return _django["app"]


FRAMEWORKS = {"flask": flask_app, "werkzeug": werkzeug_app,
              "django": django_app}


@pytest.fixture(params=sorted(FRAMEWORKS))
def client(request, root):
    return Client(ConditionalMiddleware(FRAMEWORKS[request.param](root)))


def first(client):
    r = client.get("/file.txt")
    assert r.status_code == 200 and r.data == BODY
    return r


def test_304_keeps_what_15_4_5_names(client):
    r = first(client)
    etag, lm = r.headers.get("ETag"), r.headers["Last-Modified"]
    ask = {"If-None-Match": etag} if etag else {"If-Modified-Since": lm}
    for method in ("GET", "HEAD"):
        n = client.open("/file.txt", method=method, headers=ask)
        assert n.status_code == 304, method
        assert n.data == b""
        for k in ("ETag", "Expires", "Cache-Control", "Vary", "Date"):
            assert n.headers.get(k) == r.headers.get(k) or k == "Date"
        assert "Content-Type" not in n.headers
        assert "Content-Length" not in n.headers
        if etag:
            assert "Last-Modified" not in n.headers


def test_star_and_if_match(client):
    first(client)
    assert client.get("/file.txt", headers={
        "If-None-Match": "*"}).status_code == 304
    assert client.get("/file.txt", headers={
        "If-Match": "*"}).status_code == 200
    r = client.get("/file.txt", headers={"If-Match": '"nope"'})
    assert (r.status_code, r.data) == (412, b"")
    assert r.headers["Content-Length"] == "0"
    r = client.head("/file.txt", headers={"If-Match": '"nope"'})
    assert r.status_code == 412


def test_if_unmodified_since(client):
    first(client)
    r = client.get("/file.txt", headers={
        "If-Unmodified-Since": condreq.format_http_date(LM - 1)})
    assert r.status_code == 412
    r = client.get("/file.txt", headers={
        "If-Unmodified-Since": condreq.format_http_date(LM + 1)})
    assert r.status_code == 200


def test_inm_decides_before_ims(client):
    # 13.2.2: If-None-Match present, If-Modified-Since is not evaluated.
    r = client.get("/file.txt", headers={
        "If-None-Match": '"x"',
        "If-Modified-Since": condreq.format_http_date(LM + 10)})
    assert r.status_code == 200 and r.data == BODY


def test_ims(client):
    first(client)
    assert client.get("/file.txt", headers={
        "If-Modified-Since": condreq.format_http_date(LM)}).status_code == 304
    assert client.get("/file.txt", headers={
        "If-Modified-Since": condreq.format_http_date(LM - 1)}
    ).status_code == 200


def test_range_on_head_is_ignored(client):
    r = client.head("/file.txt", headers={"Range": "bytes=0-1"})
    assert r.status_code == 200


def test_if_range(client):
    etag = first(client).headers.get("ETag")
    for ir in ('W/"x"', '"other"', condreq.format_http_date(LM), "junk"):
        r = client.get("/file.txt", headers={"If-Range": ir,
                                              "Range": "bytes=0-1"})
        assert (r.status_code, r.data) == (200, BODY), ir
    if etag and not etag.startswith("W/"):
        r = client.get("/file.txt", headers={"If-Range": etag,
                                              "Range": "bytes=0-1"})
        # Django's static.serve ignores Range: 200 is allowed (14.2).
        assert (r.status_code, r.data) in ((206, b"01"), (200, BODY))


# ---- plain WSGI applications ----------------------------------------------

class Stream:
    """A streaming body that counts what was read and whether it was
    closed."""

    def __init__(self, chunks):
        self.chunks, self.read, self.closed = list(chunks), 0, False

    def __iter__(self):
        for c in self.chunks:
            self.read += 1
            yield c

    def close(self):
        self.closed = True


def streaming_app(bodies, status="200 OK", lazy=False, etag='"s1"'):
    def app(environ, start_response):
        headers = [("ETag", etag), ("Content-Type", "text/plain")]
        if environ.get("HTTP_RANGE") and status.startswith("206"):
            headers.append(("Content-Range", "bytes 0-1/4"))
        body = Stream([b"a", b"b", b"c", b"d"])
        bodies.append(body)
        if not lazy:
            start_response(status, headers)
            return body

        class Lazy(Stream):
            def __iter__(self):
                start_response(status, headers)
                yield from Stream.__iter__(self)
        lz = Lazy(body.chunks)
        bodies[-1] = lz
        return lz
    return app


@pytest.mark.parametrize("lazy", [False, True])
def test_streaming_body_not_read_on_304_and_412(lazy):
    bodies = []
    c = Client(ConditionalMiddleware(streaming_app(bodies, lazy=lazy)))
    r = c.get("/", headers={"If-None-Match": '"s1"'})
    assert (r.status_code, r.data) == (304, b"")
    # start_response called by the first chunk: that one only is read.
    assert bodies[-1].read == (1 if lazy else 0) and bodies[-1].closed
    r = c.get("/", headers={"If-Match": '"s2"'})
    assert (r.status_code, r.data) == (412, b"")
    assert bodies[-1].read == (1 if lazy else 0) and bodies[-1].closed
    r = c.get("/", headers={"If-None-Match": '"s2"'})
    assert (r.status_code, r.data) == (200, b"abcd")
    assert bodies[-1].read == 4


def test_a_206_that_if_range_takes_away_becomes_the_200():
    # An application that honours Range whatever If-Range says.
    bodies = []
    inner = streaming_app(bodies, status="206 Partial Content",
                          etag='W/"s1"')

    def app(environ, start_response):
        if "HTTP_RANGE" not in environ:
            return streaming_app(bodies)(environ, start_response)
        return inner(environ, start_response)
    c = Client(ConditionalMiddleware(app))
    # A strong tag reaches the application; the current one is weak.
    r = c.get("/", headers={"If-Range": '"s1"', "Range": "bytes=0-1"})
    assert r.status_code == 200 and r.data == b"abcd"
    assert bodies[0].closed and bodies[0].read == 0


def test_other_methods_pass_through_with_their_fields():
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        start_response("204 No Content", [])
        return []
    c = Client(ConditionalMiddleware(app))
    c.put("/", headers={"If-Match": '"a"'})
    assert seen["HTTP_IF_MATCH"] == '"a"'
    assert seen["condreq.preconditions"] == [("if-match", '"a"')]


# ---- check_preconditions() for writes ---------------------------------------

def writer(store):
    """PUT through check_preconditions(), against store's current tag."""
    def app(environ, start_response):
        status = check_preconditions(environ, etag=store.get("etag"),
                                     exists="etag" in store)
        if status:
            start_response("%d Precondition Failed" % status,
                           [("Content-Length", "0")])
            return []
        n = int(environ.get("CONTENT_LENGTH") or 0)
        store["body"] = environ["wsgi.input"].read(n)
        store["etag"] = '"%d"' % (int(store.get("etag", '"0"')[1:-1]) + 1)
        start_response("204 No Content", [("ETag", store["etag"])])
        return []
    return ConditionalMiddleware(app)


def test_write_check():
    store = {"etag": '"1"', "body": b"one"}
    c = Client(writer(store))
    assert c.put("/", data=b"two", headers={
        "If-Match": '"1"'}).status_code == 204
    assert store == {"etag": '"2"', "body": b"two"}
    # Lost update: the tag the client read is stale.
    assert c.put("/", data=b"three", headers={
        "If-Match": '"1"'}).status_code == 412
    # A malformed field never lets a write through.
    for bad in ('"2', "2", 'W/"2"', '"2",,junk'):
        r = c.put("/", data=b"bad", headers={"If-Match": bad})
        assert r.status_code == 412, bad
    assert c.put("/", data=b"x", headers={
        "If-Unmodified-Since": "yesterday"}).status_code == 204
    assert store["body"] == b"x"
    # Create only if absent.
    assert c.put("/", data=b"y", headers={
        "If-None-Match": "*"}).status_code == 412
    new = {}
    c = Client(writer(new))
    assert c.put("/", data=b"y", headers={
        "If-None-Match": "*"}).status_code == 204
    assert c.put("/", data=b"z", headers={"If-Match": "*"}).status_code == 204
    c = Client(writer({}))
    assert c.put("/", data=b"z", headers={"If-Match": "*"}).status_code == 412


def test_check_without_the_middleware():
    env = {"REQUEST_METHOD": "DELETE", "HTTP_IF_MATCH": '"a", "b"'}
    assert check_preconditions(env, etag='"b"') is None
    assert check_preconditions(env, etag='"c"') == 412
    assert check_preconditions(env, etag='W/"b"') == 412
    env = {"REQUEST_METHOD": "GET", "HTTP_IF_NONE_MATCH": '"b"'}
    assert check_preconditions(env, etag='W/"b"') == 304


def test_check_validators_the_application_gives():
    env = {"REQUEST_METHOD": "PUT",
           "HTTP_IF_UNMODIFIED_SINCE": "Sun, 06 Nov 1994 08:49:37 GMT"}
    later = 784111777 + 1
    assert check_preconditions(env, last_modified=later) == 412
    assert check_preconditions(env, last_modified=784111777) is None
    # The HTTP-date as sent, str or bytes.
    assert check_preconditions(
        env, last_modified="Sun, 06 Nov 1994 08:49:38 GMT") == 412
    assert check_preconditions(
        env, last_modified=b"Sun, 06 Nov 1994 08:49:38 GMT") == 412
    # Not an HTTP-date: a programmer's mistake, never a write let through.
    for bad in ("784111778", "1994-11-06T08:49:38Z", b"784111778", ""):
        with pytest.raises(ValueError):
            check_preconditions(env, last_modified=bad)
    import datetime as dt
    with pytest.raises(ValueError):
        check_preconditions(env, last_modified=dt.datetime(1994, 11, 7))
    with pytest.raises(TypeError):
        check_preconditions(env, last_modified=784111778.5)
    # Bytes ETag, as evaluate() takes.
    env = {"REQUEST_METHOD": "PUT", "HTTP_IF_MATCH": '"a"'}
    assert check_preconditions(env, etag=b'"a"') is None
    assert check_preconditions(env, etag=b'"b"') == 412


def test_check_needs_exists_without_validators():
    env = {"REQUEST_METHOD": "PUT", "HTTP_IF_NONE_MATCH": "*"}
    with pytest.raises(TypeError):
        check_preconditions(env)
    assert check_preconditions(env, exists=True) == 412
    assert check_preconditions(env, exists=False) is None


@pytest.mark.parametrize("method", ["", "P UT", "PUT\r\n", "G(ET"])
def test_check_method_not_a_token_is_412(method):
    env = {"REQUEST_METHOD": method, "HTTP_IF_MATCH": '"a"'}
    assert check_preconditions(env, etag='"a"') == 412


def run_wsgi(app, headers, method="GET"):
    """Call a WSGI app as a server would: (status, headers, events)."""
    events = []
    env = {"REQUEST_METHOD": method, "PATH_INFO": "/", "wsgi.input": None}
    env.update(("HTTP_" + k.upper().replace("-", "_"), v)
               for k, v in headers.items())
    got = {}

    def start_response(status, head, exc_info=None):
        got["status"], got["headers"] = status, head
        return lambda data: events.append(("write", data))
    body = app(env, start_response)
    try:
        for chunk in body:
            events.append(("chunk", chunk))
    finally:
        if hasattr(body, "close"):
            body.close()
    return got.get("status"), got.get("headers"), events


def test_write_goes_straight_through_when_it_is_a_pass_through():
    marks = []

    def app(environ, start_response):
        write = start_response("200 OK", [("ETag", '"w"')])
        for i in range(3):
            write(b"%d" % i)
            # Each write has reached the server when the next is made.
            marks.append(len(seen_writes()))
        return []
    events = []

    def seen_writes():
        return [e for e in events if e[0] == "write"]
    mw = ConditionalMiddleware(app)
    env = {"REQUEST_METHOD": "GET", "HTTP_IF_NONE_MATCH": '"other"'}

    def start_response(status, head, exc_info=None):
        return lambda data: events.append(("write", data))
    assert list(mw(env, start_response)) == []
    assert marks == [1, 2, 3]
    assert [d for _, d in events] == [b"0", b"1", b"2"]
    # A 304 instead: the writes are dropped, nothing is kept.
    marks.clear()
    events.clear()
    status, head, ev = run_wsgi(ConditionalMiddleware(app),
                                {"If-None-Match": '"w"'})
    assert status.startswith("304") and ev == []


class Closing:
    def __init__(self, fail_iter=False):
        self.closed = False
        self.fail_iter = fail_iter

    def __iter__(self):
        if self.fail_iter:
            raise OSError("iter failed")
        return iter([b"x"])

    def close(self):
        self.closed = True


def test_close_when_iter_raises():
    body = Closing(fail_iter=True)

    def app(environ, start_response):
        return body
    with pytest.raises(OSError):
        ConditionalMiddleware(app)({"REQUEST_METHOD": "GET",
                                    "HTTP_IF_NONE_MATCH": '"a"'},
                                   lambda *a: None)
    assert body.closed


def test_close_and_an_answer_with_a_non_latin1_etag():
    body = Closing()

    def app(environ, start_response):
        start_response("200 OK", [("ETag", '"caf\u00e9\u20ac"')])
        return body
    status, head, ev = run_wsgi(ConditionalMiddleware(app),
                                {"If-Match": '"x"'})
    # Not an ETag a server can send: evaluated as none, If-Match fails.
    assert status.startswith("412")
    assert body.closed
