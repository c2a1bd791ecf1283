"""One framework serving one folder on loopback, as a new user would
set it up, with or without condreq's middleware; for condreq-probe.

    serve.py FRAMEWORK ROOT with|without PORT

FRAMEWORK: flask (send_from_directory), werkzeug (SharedDataMiddleware),
django (django.views.static.serve with ConditionalGetMiddleware),
starlette (StaticFiles under uvicorn). With the middleware, PUT and
DELETE of a file are implemented too, through check_preconditions()
against the validators the framework's own GET sends, under write_lock()
(check and write one step). Starlette's ETag is no entity-tag, so its
app sends (and writes against) a strong one made by condreq.make_etag(). Prints
"listening on PORT" when it answers."""
import os
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
if os.environ.get("CONDREQ_INSTALLED") != "1":
    sys.path.insert(0, os.path.join(here, "..", ".."))

framework, root, mode, port = sys.argv[1], sys.argv[2], sys.argv[3], \
    int(sys.argv[4])
WITH = mode == "with"


def store(name, body):
    """Replace ROOT/name by body, as one rename; True if it existed."""
    path = os.path.join(root, name)
    existed = os.path.exists(path)
    fd, tmp = tempfile.mkstemp(dir=root)
    with os.fdopen(fd, "wb") as f:
        f.write(body)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return existed


def safe(name):
    return name and "/" not in name and not name.startswith(".")


# ---- WSGI ------------------------------------------------------------------

def wsgi_validators(app, environ, path):
    """ETag and Last-Modified the application's own GET of path sends
    now, and whether it found it (a GET without preconditions)."""
    env = {k: v for k, v in environ.items() if not k.startswith("HTTP_")}
    env.update(REQUEST_METHOD="GET", PATH_INFO=path, QUERY_STRING="",
               CONTENT_LENGTH="0")
    env["wsgi.input"] = __import__("io").BytesIO(b"")
    env.pop("condreq.preconditions", None)
    got = {}

    def start(status, headers, exc_info=None):
        got["status"], got["headers"] = status, headers
        return lambda b: None
    body = app(env, start)
    for _ in body:
        break
    if hasattr(body, "close"):
        body.close()
    h = {k.lower(): v for k, v in got["headers"]}
    return h.get("etag"), h.get("last-modified"), \
        got["status"].startswith("200")


def wsgi_writes(app, static):
    """app, with PUT and DELETE of ROOT's files, each decided by
    check_preconditions() first."""
    from condreq.wsgi import check_preconditions, write_lock

    def writes(environ, start_response):
        method = environ["REQUEST_METHOD"]
        name = environ.get("PATH_INFO", "").lstrip("/")
        if method not in ("PUT", "DELETE") or not safe(name):
            return app(environ, start_response)
        n = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(n)
        # The check and the write as one step: the server is threaded.
        with write_lock(os.path.join(root, name)):
            return locked(method, name, body, environ, start_response)

    def locked(method, name, body, environ, start_response):
        etag, lm, exists = wsgi_validators(static, environ, "/" + name)
        status = check_preconditions(environ, etag=etag, last_modified=lm,
                                     exists=exists)
        if status:
            start_response("%d Precondition Failed" % status,
                           [("Content-Length", "0")])
            return []
        if method == "PUT":
            created = not store(name, body)
            start_response("201 Created" if created else "204 No Content",
                           [("Content-Length", "0")])
        elif exists:
            os.unlink(os.path.join(root, name))
            start_response("204 No Content", [])
        else:
            start_response("404 Not Found", [("Content-Length", "0")])
        return []
    return writes


def flask_app():
    import flask
    app = flask.Flask("probe")

    @app.route("/<name>", methods=["GET", "HEAD", "PUT", "DELETE"])
    def serve(name):
        from flask import request
        if request.method in ("GET", "HEAD"):
            return flask.send_from_directory(root, name)
        flask.abort(405)
    return app.wsgi_app


def werkzeug_app():
    from werkzeug.exceptions import NotFound
    from werkzeug.middleware.shared_data import SharedDataMiddleware
    return SharedDataMiddleware(NotFound(), {"/": root})


def django_app():
    import django
    from django.conf import settings
    settings.configure(
        DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__, SECRET_KEY="probe-only",
        MIDDLEWARE=["django.middleware.http.ConditionalGetMiddleware"],
        USE_TZ=True)
    django.setup()
    from django.core.wsgi import get_wsgi_application
    return get_wsgi_application()


def django_urls():
    from django.urls import re_path
    from django.views.static import serve
    return [re_path(r"^(?P<path>[^/]+)$", serve, {"document_root": root})]


if framework == "django":
    urlpatterns = None  # set below, once settings exist


def run_wsgi(app):
    from werkzeug.serving import make_server
    if WITH:
        from condreq.wsgi import ConditionalMiddleware
        app = wsgi_writes(ConditionalMiddleware(app), app)
    srv = make_server("127.0.0.1", port, app, threaded=True)
    print("listening on %d" % srv.server_port, flush=True)
    srv.serve_forever()


# ---- ASGI ------------------------------------------------------------------

def starlette_app():
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles
    static = StaticFiles(directory=root)
    if not WITH:
        return Starlette(routes=[Mount("/", static)])
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route
    from condreq.asgi import check_preconditions, write_lock
    import condreq

    def file_etag(name):
        """A strong ETag of ROOT/name as it is now (its size, mtime and
        inode: a rename gives a new one), or None when it is absent.
        StaticFiles' own is an unquoted digest, which is no entity-tag:
        nothing could ever match it."""
        try:
            st = os.stat(os.path.join(root, name))
        except FileNotFoundError:
            return None
        return condreq.make_etag(st.st_size, st.st_mtime_ns, st.st_ino)

    async def tagged(scope, receive, send):
        """StaticFiles, with the ETag of file_etag() in its answers."""
        name = scope.get("path", "").lstrip("/")

        async def retag(m):
            if m["type"] == "http.response.start" and safe(name):
                tag = file_etag(name)
                if tag is not None:
                    m = dict(m, headers=[(k, v) for k, v in m["headers"]
                                         if k.lower() != b"etag"] +
                             [(b"etag", tag.encode())])
            await send(m)
        await static(scope, receive, retag)

    async def validators(scope, name):
        got = {}

        async def receive():
            return {"type": "http.request", "body": b""}

        async def send(m):
            if m["type"] == "http.response.start":
                got["status"] = m["status"]
                got["headers"] = {k.decode().lower(): v.decode()
                                  for k, v in m["headers"]}
        sub = dict(scope, method="GET", path="/" + name, headers=[],
                   root_path="")
        sub.pop("condreq.preconditions", None)
        try:
            await static(sub, receive, send)
        except HTTPException:          # StaticFiles' 404
            return None, None, False
        h = got["headers"]
        return file_etag(name), h.get("last-modified"), got["status"] == 200

    async def write(request: Request):
        name = request.path_params["name"]
        if not safe(name):
            return Response(status_code=404)
        body = await request.body()
        # The check and the write as one step: validators() awaits.
        async with write_lock(os.path.join(root, name)):
            etag, lm, exists = await validators(request.scope, name)
            status = check_preconditions(request.scope, etag=etag,
                                         last_modified=lm, exists=exists)
            if status:
                return Response(status_code=status)
            if request.method == "PUT":
                created = not store(name, body)
                return Response(status_code=201 if created else 204)
            if not exists:
                return Response(status_code=404)
            os.unlink(os.path.join(root, name))
            return Response(status_code=204)

    return Starlette(routes=[Route("/{name}", write,
                                   methods=["PUT", "DELETE"]),
                             Mount("/", tagged)])


def run_asgi(app):
    import asyncio
    import uvicorn
    if WITH:
        from condreq.asgi import ConditionalMiddleware
        app = ConditionalMiddleware(app)
    config = uvicorn.Config(app, host="127.0.0.1", port=port,
                            log_level="warning", lifespan="off")
    server = uvicorn.Server(config)

    async def main():
        task = asyncio.ensure_future(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        print("listening on %d" % port, flush=True)
        await task
    asyncio.run(main())


if framework == "flask":
    run_wsgi(flask_app())
elif framework == "werkzeug":
    run_wsgi(werkzeug_app())
elif framework == "django":
    app = django_app()
    urlpatterns = django_urls()
    run_wsgi(app)
elif framework == "starlette":
    run_asgi(starlette_app())
else:
    sys.exit("serve.py: unknown framework " + framework)
