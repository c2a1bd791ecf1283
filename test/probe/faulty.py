#!/usr/bin/env python3
# A loopback HTTP server that answers conditional requests wrongly, or in
# hostile ways, on purpose, for condreq-probe's tests. Read-only paths:
#   /wrong-status     always 200, whatever the preconditions say
#   /no-etag-304      304 for a matching If-None-Match, without the ETag
#   /drop             closes the connection on any conditional request
#   /slow             waits 30 s before answering a conditional request
#   /missing          404
#   /first-line-only  reads only the first line of each conditional field
#   /body-304         a 304 followed by 25 bytes of body
#   /no-etag-304-any  no ETag; 304 to any request with If-Modified-Since,
#                     whatever If-Match or If-None-Match say
#   /long-etag-N      a valid ETag of N bytes
#   /escape-etag      an ETag and a field holding terminal escapes
#   /utf8-etag        an ETag ending in the first byte of a UTF-8 sequence
#   /lm-9999, /lm-0000  Last-Modified at the edges of the HTTP-date years
#   /nul-header       a NUL byte in a header of conditional answers
#   /close-after-first  answers the first request of each query, then
#                     closes every connection on it without an answer
#   /dup-etag         two ETag fields
#   /unstable-etag    a new ETag on every answer
#   /trickle          conditional answers sent a byte every 0.3 s
#   /cache-hit        a cache's hit (Age, Via): If-Match and
#                     If-Unmodified-Since ignored, as a cache may
#   /lenient-dates    takes any date Python's email parser reads ("UTC")
#   /weak-etag        a weak ETag
#   /strict-400       400 for an If-None-Match or If-Match value that is
#                     not an entity-tag list
# Paths backed by a file of the directory given as argv[1] (PUT and
# DELETE change it; the tests read it from disk):
#   /w-good           conditional writes done right
#   /w-500            500 to every PUT or DELETE with a precondition
#   /w-noop           200 to PUT and DELETE, nothing changed
#   /w-weak           a weak ETag for a second after each write
#   /w-lagging        reads from a copy taken at the first GET, with Age
#   /w-lagging-quiet  the same, without Age
#   /w-unstable-body  different bytes on every GET
#   /w-empty          as /w-good (the file is empty)
#   /w-strict-400     as /w-good, 400 for a value that is no entity-tag
#   /w-one-write      stores the first PUT, then answers every write 403
# Prints "listening on PORT" once bound to 127.0.0.1 on a free port.
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
import calendar
import email.utils
import http.server
import os
import sys
import threading
import time

BODY = b"0123456789abcdefghij\n"
ETAG = '"faulty-1"'
LAST_MODIFIED = "Sun, 09 Sep 2001 01:46:40 GMT"
LM_SECONDS = 1000000000
CONDITIONAL = ("if-match", "if-none-match", "if-modified-since",
               "if-unmodified-since", "if-range")
ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
lock = threading.Lock()
seen = {}          # query -> answered once (/close-after-first)
copies = {}        # path -> (bytes, time) (/w-lagging)
counter = [0]


def parse_date(v):
    """An IMF-fixdate (the only form this server reads), or None."""
    try:
        return calendar.timegm(time.strptime(v.strip(),
                                             "%a, %d %b %Y %H:%M:%S GMT"))
    except (ValueError, OverflowError):
        return None


def imf(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(t))


def lenient_date(v):
    try:
        return int(email.utils.parsedate_to_datetime(v).timestamp())
    except (TypeError, ValueError, IndexError):
        return None


def decide(h, method, etag, lm, exists=True, first_only=False,
           as_cache=False, parse=None):
    """RFC 9110 13.2.2 in short: None to go on, else 304 or 412."""
    def field(name):
        vals = h.get_all(name) or []
        if not vals:
            return None
        return vals[0] if first_only else ", ".join(vals)

    def tags(v):
        return [t.strip() for t in v.split(",")]

    def bare(t):
        return t[2:] if t.startswith("W/") else t

    parse = parse or parse_date
    im = None if as_cache else field("If-Match")
    if im is not None:
        if im.strip() == "*":
            ok = exists
        else:
            ok = exists and etag is not None and not etag.startswith("W/") \
                and etag in tags(im)
        if not ok:
            return 412
    else:
        ius = None if as_cache else field("If-Unmodified-Since")
        d = parse(ius) if ius is not None else None
        if d is not None and lm > d:
            return 412
    inm = field("If-None-Match")
    if inm is not None:
        if (inm.strip() == "*" and exists) or (etag is not None and any(
                bare(t) == bare(etag) for t in tags(inm))):
            return 304 if method in ("GET", "HEAD") else 412
    elif method in ("GET", "HEAD"):
        ims = h.get_all("If-Modified-Since") or []
        if first_only:
            ims = ims[:1]
        d = parse(ims[0]) if len(ims) == 1 else None
        if d is not None and lm <= d:
            return 304
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def conditional(self):
        return any(h.lower() in CONDITIONAL for h in self.headers.keys())

    def send(self, status, body, etag=ETAG, lm=LAST_MODIFIED, extra=()):
        self.send_response(status)
        if etag is not None:
            self.send_header("ETag", etag)
        if lm is not None:
            self.send_header("Last-Modified", lm)
        for k, v in extra:
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def not_tags(self):
        """Has If-None-Match or If-Match a member that is no entity-tag?"""
        for name in ("If-None-Match", "If-Match"):
            for v in self.headers.get_all(name) or []:
                for t in v.split(","):
                    t = t.strip()
                    if t != "*" and not t.startswith('"') and \
                            not t.startswith('W/"'):
                        return True
        return False

    # ---- read-only paths --------------------------------------------------

    def read_only(self, path, query):
        cond = self.conditional()
        if path == "/missing":
            return self.send(404, b"no\n")
        if path == "/drop" and cond:
            self.close_connection = True
            return None
        if path == "/slow" and cond:
            time.sleep(30)
        if path == "/no-etag-304":
            inm = self.headers.get("If-None-Match", "")
            if ETAG in inm or inm.strip() == "*":
                return self.send(304, b"", etag=None)
        if path == "/first-line-only":
            s = decide(self.headers, self.command, ETAG, LM_SECONDS,
                       first_only=True)
            return self.send(s or 200, BODY)
        if path == "/body-304":
            if decide(self.headers, self.command, ETAG, LM_SECONDS) == 304:
                self.send_response(304)
                self.send_header("ETag", ETAG)
                self.end_headers()
                self.wfile.write(b"twenty-five bytes of body")
                return None
            return self.send(200, BODY)
        if path == "/cache-hit":
            return self.send(decide(self.headers, self.command, ETAG,
                                    LM_SECONDS, as_cache=True) or 200, BODY,
                             extra=(("Age", "5"), ("Via", "1.1 faulty")))
        if path == "/lenient-dates":
            return self.send(decide(self.headers, self.command, ETAG,
                                    LM_SECONDS, parse=lenient_date) or 200,
                             BODY)
        if path == "/weak-etag":
            return self.send(decide(self.headers, self.command, 'W/"wk"',
                                    LM_SECONDS) or 200, BODY, etag='W/"wk"')
        if path == "/strict-400":
            if self.not_tags():
                return self.send(400, b"bad\n")
            return self.send(decide(self.headers, self.command, ETAG,
                                    LM_SECONDS) or 200, BODY)
        if path == "/no-etag-304-any":
            if self.headers.get("If-Modified-Since") is not None:
                return self.send(304, b"", etag=None)
            return self.send(200, BODY, etag=None)
        if path.startswith("/long-etag-"):
            n = int(path[len("/long-etag-"):])
            tag = '"' + "a" * (n - 2) + '"'
            return self.send(decide(self.headers, self.command, tag,
                                    LM_SECONDS) or 200, BODY, etag=tag)
        if path == "/escape-etag":
            tag = '"\x1b]0;TITLE\x07\x1b[2J"'
            return self.send(200, BODY, etag=tag,
                             extra=(("X-Esc\x1b[31m", "\x1b]0;T\x07\xc3"),))
        if path == "/utf8-etag":
            tag = '"caf\xc3"'
            return self.send(decide(self.headers, self.command, tag,
                                    LM_SECONDS) or 200, BODY, etag=tag)
        if path in ("/lm-9999", "/lm-0000"):
            lm = "Fri, 31 Dec 9999 23:59:59 GMT" if path == "/lm-9999" \
                else "Sat, 01 Jan 0000 00:00:00 GMT"
            return self.send(200, BODY, lm=lm)
        if path == "/nul-header" and cond:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Nul: a\x00b\r\n"
                             b"Content-Length: 0\r\n\r\n")
            return None
        if path == "/close-after-first":
            with lock:
                first = query not in seen
                seen[query] = True
            if not first:
                self.close_connection = True
                return None
        if path == "/dup-etag":
            self.send_response(200)
            self.send_header("ETag", '"one"')
            self.send_header("ETag", '"two"')
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(BODY)
            return None
        if path == "/unstable-etag":
            with lock:
                counter[0] += 1
                tag = '"n%d"' % counter[0]
            return self.send(200, BODY, etag=tag)
        if path == "/trickle" and cond:
            for b in b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n":
                self.wfile.write(bytes([b]))
                self.wfile.flush()
                time.sleep(0.3)
            return None
        if path in ("/wrong-status", "/no-etag-304", "/drop", "/slow",
                    "/close-after-first", "/trickle", "/nul-header"):
            return self.send(200, BODY)
        return self.send(404, b"no\n")

    # ---- paths backed by a file ------------------------------------------

    def state(self, name):
        p = os.path.join(ROOT, name)
        try:
            st = os.stat(p)
            with open(p, "rb") as f:
                return f.read(), st.st_mtime_ns
        except FileNotFoundError:
            return None, 0

    def file_path(self, path):
        name = path[1:]
        body, mt = self.state(name)
        lm_s = mt // 1000000000
        etag = '"%x-%x"' % (mt, len(body)) if body is not None else None
        if path == "/w-weak" and body is not None and \
                time.time() - mt / 1e9 < 1.0:
            etag = "W/" + etag
        m = self.command
        if m in ("GET", "HEAD"):
            if path in ("/w-lagging", "/w-lagging-quiet"):
                with lock:
                    if path not in copies:
                        copies[path] = (body, mt, time.time())
                    body, mt, t0 = copies[path]
                lm_s = mt // 1000000000
                etag = '"%x-%x"' % (mt, len(body)) if body else None
                extra = () if path.endswith("quiet") else \
                    (("Age", str(int(time.time() - t0) + 1)),)
                return self.send(200, body, etag=etag, lm=imf(lm_s),
                                 extra=extra)
            if body is None:
                return self.send(404, b"no\n", etag=None, lm=None)
            if path == "/w-unstable-body":
                with lock:
                    counter[0] += 1
                    body = body + b"%d\n" % counter[0]
            s = decide(self.headers, m, etag, lm_s)
            return self.send(s or 200, body, etag=etag, lm=imf(lm_s))
        content = b""
        if m == "PUT":
            n = int(self.headers.get("Content-Length", "0"))
            content = self.rfile.read(n) if n > 0 else b""
        if path == "/w-noop":
            return self.send(200, b"", etag=None, lm=None)
        if path == "/w-one-write":
            with lock:
                first = path not in seen
                seen[path] = True
            if not first:
                return self.send(403, b"", etag=None, lm=None)
        if path == "/w-strict-400" and self.not_tags():
            return self.send(400, b"", etag=None, lm=None)
        if path == "/w-500" and self.conditional():
            return self.send(500, b"", etag=None, lm=None)
        s = decide(self.headers, m, etag, lm_s, exists=body is not None)
        if s is not None:
            return self.send(s, b"", etag=None, lm=None)
        p = os.path.join(ROOT, path[1:])
        if m == "DELETE":
            if body is None:
                return self.send(404, b"", etag=None, lm=None)
            os.unlink(p)
            return self.send(204, b"", etag=None, lm=None)
        with open(p + ".new", "wb") as f:
            f.write(content)
        os.replace(p + ".new", p)
        return self.send(201 if body is None else 204, b"", etag=None,
                         lm=None)

    def answer(self):
        path, _, query = self.path.partition("?")
        if path.startswith("/w-"):
            return self.file_path(path)
        if self.command not in ("GET", "HEAD"):
            return self.send(405, b"", etag=None, lm=None)
        return self.read_only(path, query)

    do_GET = answer
    do_HEAD = answer
    do_PUT = answer
    do_DELETE = answer


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("listening on %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
