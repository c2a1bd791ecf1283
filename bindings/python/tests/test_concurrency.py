"""Lost updates: K writers on werkzeug's threaded server (Debian's
python3-werkzeug, on loopback), each GET-then-PUT with If-Match of the
ETag it read, the body a counter it increments. A write that succeeded
without its increment showing is lost: lost = successful writes - (last
value - first). With write_lock() around check_preconditions() and the
write there are none; without it the loss is printed (it depends on the
machine's timing), not pinned."""
import hashlib
import http.client
import os
import subprocess
import sys
import tempfile
import threading

import pytest
from werkzeug.serving import make_server

from condreq.wsgi import ConditionalMiddleware, check_preconditions, \
    write_lock


def etag_of(body):
    # A strong tag of the content: each value of the counter has its own.
    return '"%s"' % hashlib.sha256(body).hexdigest()[:16]


def counter_app(path, locked):
    def read():
        with open(path, "rb") as f:
            return f.read()

    def store(body):
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        os.replace(tmp, path)

    def put(environ, start_response):
        status = check_preconditions(environ, etag=etag_of(read()),
                                     exists=True)
        if status:
            start_response("412 Precondition Failed",
                           [("Content-Length", "0")])
            return []
        n = int(environ.get("CONTENT_LENGTH") or 0)
        store(environ["wsgi.input"].read(n))
        start_response("204 No Content", [])
        return []

    def app(environ, start_response):
        if environ["REQUEST_METHOD"] == "PUT":
            if locked:
                with write_lock(path):
                    return put(environ, start_response)
            return put(environ, start_response)
        body = read()
        start_response("200 OK", [("ETag", etag_of(body)),
                                  ("Content-Length", str(len(body)))])
        return [body]
    return ConditionalMiddleware(app)


def run(tmp_path, writers, rounds, locked):
    path = str(tmp_path / ("counter-%d-%d" % (writers, locked)))
    with open(path, "wb") as f:
        f.write(b"0")
    srv = make_server("127.0.0.1", 0, counter_app(path, locked),
                      threaded=True)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    port = srv.server_port
    done = []
    errors = []

    def writer():
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            ok = 0
            for _ in range(rounds):
                c.request("GET", "/c")
                r = c.getresponse()
                value, tag = int(r.read()), r.getheader("ETag")
                c.request("PUT", "/c", body=b"%d" % (value + 1),
                          headers={"If-Match": tag})
                r = c.getresponse()
                r.read()
                assert r.status in (204, 412), r.status
                ok += r.status == 204
            c.close()
            done.append(ok)
        except BaseException as e:      # reported by the test
            errors.append(e)
    threads = [threading.Thread(target=writer) for _ in range(writers)]
    try:
        for w in threads:
            w.start()
        for w in threads:
            w.join()
    finally:
        srv.shutdown()
        srv.server_close()
    assert not errors, errors
    with open(path, "rb") as f:
        final = int(f.read())
    writes = sum(done)
    return writes, writes - final


@pytest.mark.parametrize("writers,rounds", [(2, 40), (8, 16), (32, 6)])
def test_no_lost_update_with_write_lock(tmp_path, writers, rounds):
    writes, lost = run(tmp_path, writers, rounds, locked=True)
    bare_writes, bare_lost = run(tmp_path, writers, rounds, locked=False)
    print("\n    %d writers x %d rounds: with write_lock %d writes, %d lost;"
          " without it %d writes, %d lost"
          % (writers, rounds, writes, lost, bare_writes, bare_lost))
    assert writes > 0
    assert lost == 0


def test_lock_file_is_held_across_processes(tmp_path):
    lock = str(tmp_path / "r.lock")
    probe = ("import fcntl, os, sys\n"
             "fd = os.open(sys.argv[1], os.O_RDWR)\n"
             "try:\n"
             "    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
             "    print('free')\n"
             "except BlockingIOError:\n"
             "    print('held')\n")

    def other():
        return subprocess.run([sys.executable, "-c", probe, lock],
                              capture_output=True, text=True,
                              check=True).stdout.strip()
    with write_lock("r", lock_file=lock):
        assert other() == "held"
    assert other() == "free"


def test_async_write_lock_takes_turns():
    import asyncio
    order = []

    async def writer(i):
        async with write_lock("k"):
            order.append(("in", i))
            await asyncio.sleep(0.01)
            order.append(("out", i))

    async def main():
        await asyncio.gather(*(writer(i) for i in range(4)))
    asyncio.run(main())
    # Never two inside at once.
    for a, b in zip(order[::2], order[1::2]):
        assert a[0] == "in" and b == ("out", a[1])
