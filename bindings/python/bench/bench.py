"""make bench-python: the cost per request of condreq's middleware
decision beside werkzeug's is_resource_modified and Django's
get_conditional_response (Debian's packages), in one process, on the
same requests; and whether each answers it right. Output lines:

    bench: NAME ns=X [vs_werkzeug=R] [vs_django=R]   (R = their ns / ours)
    answer: NAME IMPLEMENTATION ANSWER right|WRONG

Timings are the best of 5 runs of N calls each (N: CONDREQ_BENCH_N,
default 20000). A report, never a test: nothing fails on a figure."""
import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, ".."))

import condreq  # noqa: E402
from condreq import _middleware  # noqa: E402
from condreq.wsgi import check_preconditions, precondition_fields  # noqa
import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], USE_TZ=True,
                   SECRET_KEY="bench-only", LOGGING_CONFIG=None)
django.setup()
import logging  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.utils.cache import get_conditional_response  # noqa: E402
from werkzeug.http import is_resource_modified  # noqa: E402

logging.disable(logging.CRITICAL)  # Django logs each 412 it makes

N = int(os.environ.get("CONDREQ_BENCH_N", "20000"))
ETAG = '"5f3a-15-3b9aca00"'
LM = 1000000000
LM_HTTP = condreq.format_http_date(LM)
import datetime as dt  # noqa: E402
LM_DT = dt.datetime.fromtimestamp(LM, dt.timezone.utc)

# name: method, request fields (as a browser or a client sends them),
# the right answer (status).
CASES = {
    "revalidate": ("GET", {"If-None-Match": ETAG,
                           "If-Modified-Since": LM_HTTP}, 304),
    "if-match-write": ("PUT", {"If-Match": ETAG}, 200),
    "if-match-stale-write": ("PUT", {"If-Match": '"5f3a-15-3b9ac9ff"'},
                             412),
    # A list: not the check's If-Match shortcut, the library decides it.
    "if-match-list-write": ("PUT", {"If-Match": '"5f3a-15-3b9ac9ff", ' +
                                    ETAG}, 200),
}


def environ(method, fields):
    env = {"REQUEST_METHOD": method, "PATH_INFO": "/file.txt",
           "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80"}
    for k, v in fields.items():
        env["HTTP_" + k.upper().replace("-", "_")] = v
    return env


def ours(method, fields):
    env = environ(method, fields)
    headers = [("ETag", ETAG), ("Last-Modified", LM_HTTP),
               ("Content-Type", "text/plain")]
    if method in ("GET", "HEAD"):
        # What ConditionalMiddleware does with the response's head.
        def run():
            return _middleware.decide(method, precondition_fields(env), 200,
                                      headers)
    else:
        def run():
            return check_preconditions(env, etag=ETAG,
                                       last_modified=LM_HTTP) or 200
    return run


def werkzeug(method, fields):
    env = environ(method, fields)

    def run():
        # True: "modified", go on (200); False: 304 for GET, 412 else.
        modified = is_resource_modified(env, etag=ETAG,
                                        last_modified=LM_DT)
        return 200 if modified else (304 if method == "GET" else 412)
    return run


def django_(method, fields):
    req = HttpRequest()
    req.method = method
    req.path = "/file.txt"
    req.META.update(environ(method, fields))
    resp = HttpResponse(b"x")

    def run():
        r = get_conditional_response(req, etag=ETAG, last_modified=LM,
                                     response=resp)
        return r.status_code
    return run


def best_ns(fn):
    best = None
    for _ in range(5):
        t0 = time.perf_counter_ns()
        for _ in range(N):
            fn()
        t = (time.perf_counter_ns() - t0) / N
        best = t if best is None or t < best else best
    return best


def main():
    print("# condreq %s (%s), werkzeug is_resource_modified, Django %s "
          "get_conditional_response; Python %s; best of 5 x %d calls"
          % (condreq.version(), condreq.library_path(),
             django.get_version(), sys.version.split()[0], N))
    for name, (method, fields, want) in CASES.items():
        impls = {"condreq": ours(method, fields),
                 "werkzeug": werkzeug(method, fields),
                 "django": django_(method, fields)}
        ns = {}
        for impl, fn in impls.items():
            got = fn()
            print("answer: %s %s %d %s" % (name, impl, got,
                                           "right" if got == want
                                           else "WRONG"))
            ns[impl] = best_ns(fn)
        print("bench: python-%s-condreq ns=%.0f vs_werkzeug=%.2f "
              "vs_django=%.2f" % (name, ns["condreq"],
                                  ns["werkzeug"] / ns["condreq"],
                                  ns["django"] / ns["condreq"]))
        print("bench: python-%s-werkzeug ns=%.0f" % (name, ns["werkzeug"]))
        print("bench: python-%s-django ns=%.0f" % (name, ns["django"]))
        sys.stdout.flush()


main()
