#!/usr/bin/env python3
# Hostile preconditions on writes: does any of them let a write through
# that RFC 9110 does not require to go through?
#
#   badinput.py URL FILE
#
# URL serves FILE (the document root's file, which this script may write).
# Before every request FILE is put back to the same bytes and the same old
# modification time, so the server's ETag and Last-Modified are the same
# for every request; they are read once, at the start. Then some 1,400 PUT
# and DELETE requests are sent, each with a class:
#   keep   the RFC does not require the write (a precondition is false, or
#          the field is malformed and the write must fail safe): FILE must
#          keep its bytes, whatever the status;
#   write  the RFC requires the write (every precondition true, or a field
#          it says to ignore): a 2xx must have changed FILE; a refusal of
#          the request itself (400, 413, 431: the server's own limits) must
#          not have; a 412 is a failure.
# Prints one line per failure and a closing line
#   badinput: N requests, F failed, R refused by the server's limits
# and exits 1 when anything failed, 2 when the server stopped answering.
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
import os
import socket
import sys
import time
import urllib.parse

OLD = 1000000000            # 2001-09-09 01:46:40 UTC
ORIGINAL = b"0123456789abcdefghij\n"
NEW = b"written by the request\n"
PAST = ("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994")
FUTURE = ("Thu, 31 Dec 2037 23:59:59 GMT", "Thursday, 31-Dec-37 23:59:59 GMT",
          "Thu Dec 31 23:59:59 2037")
LIMITS = (400, 413, 414, 431)


def reset(path):
    with open(path, "wb") as f:
        f.write(ORIGINAL)
    os.utime(path, (OLD, OLD))


def exchange(url, method, fields, body):
    u = urllib.parse.urlsplit(url)
    head = ["%s %s HTTP/1.1" % (method, u.path),
            "Host: %s:%d" % (u.hostname, u.port), "Connection: close"]
    raw = ("\r\n".join(head) + "\r\n").encode("latin-1")
    for name, value in fields:
        raw += name.encode("latin-1") + b": " + value + b"\r\n"
    if body is not None:
        raw += b"Content-Length: %d\r\n" % len(body)
    raw += b"\r\n" + (body or b"")
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(raw)
        answer = b""
        while b"\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
        # Drain, so that the server has finished before FILE is read.
        try:
            while s.recv(65536):
                pass
        except OSError:
            pass
    line = answer.split(b"\r\n", 1)[0].split()
    return int(line[1]) if len(line) > 1 and line[1].isdigit() else 0


def validators(url):
    u = urllib.parse.urlsplit(url)
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(("HEAD %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                   % u.path).encode())
        answer = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    fields = {}
    for line in answer.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return fields.get("etag", ""), fields.get("last-modified", "")


def cases(etag, lm):
    """(class, label, fields) for the body of the sweep, each sent as PUT
    and as DELETE."""
    e = etag.encode("latin-1")
    bare = e.strip(b'"').replace(b"W/", b"")
    wrong = [b'"w%d"' % i for i in range(999)]
    yield "keep", "If-Match unquoted", [("If-Match", bare)]
    yield "keep", "If-Match unterminated", [("If-Match", e[:-1])]
    yield "keep", "If-Match W/ of the tag", [("If-Match", b"W/" + e)]
    yield "keep", "If-Match another tag", [("If-Match", b'"wrong"')]
    yield "keep", "If-Match empty", [("If-Match", b"")]
    yield "keep", "If-Match 1,000 others", [("If-Match", b", ".join(wrong + [b'"x"']))]
    yield "keep", "If-Match the tag in a malformed list", [("If-Match", e + b", x")]
    yield "keep", "If-Match the tag after a bare comma run", [("If-Match", b'"a" "b", ' + e)]
    yield "keep", "If-Match two lines, neither", [("If-Match", b'"a"'), ("If-Match", b'"b"')]
    yield "keep", "If-Match and If-None-Match: *", [("If-Match", e), ("If-None-Match", b"*")]
    yield "keep", "If-None-Match the tag", [("If-None-Match", e)]
    yield "keep", "If-None-Match *", [("If-None-Match", b"*")]
    yield "keep", "If-None-Match *, and a tag", [("If-None-Match", b'*, "x"')]
    yield "keep", "If-None-Match unterminated", [("If-None-Match", b'"x')]
    yield "keep", "If-Match another tag, If-Unmodified-Since far future", [("If-Match", b'"x"'), ("If-Unmodified-Since", FUTURE[0].encode())]
    for d in PAST:
        yield "keep", "If-Unmodified-Since far past (%s)" % d, [("If-Unmodified-Since", d.encode())]
    yield "write", "If-Match the tag", [("If-Match", e)]
    yield "write", "If-Match *", [("If-Match", b"*")]
    yield "write", "If-Match the tag last of 1,000", [("If-Match", b", ".join(wrong + [e]))]
    yield "write", "If-Match two lines, the tag on the second", [("If-Match", b'"a"'), ("If-Match", e)]
    yield "write", "If-Match the tag, If-None-Match another", [("If-Match", e), ("If-None-Match", b'"x"')]
    yield "write", "If-None-Match another tag", [("If-None-Match", b'"x"')]
    yield "write", "If-Match the tag, tab after", [("If-Match", e + b"\t")]
    # 13.2.2: a true If-Match skips If-Unmodified-Since.
    yield "write", "If-Match the tag, If-Unmodified-Since far past", [("If-Match", e), ("If-Unmodified-Since", PAST[0].encode())]
    for d in FUTURE:
        yield "write", "If-Unmodified-Since far future (%s)" % d, [("If-Unmodified-Since", d.encode())]
    for g in (b"garbage", b"", b"Sun, 06 Nov 1994 08:49:37 UTC", b"0",
              b"Sun, 31 Feb 2037 08:49:37 GMT", b"Sun, 06 Nov 1994 08:49:37 GMT, x"):
        yield "write", "If-Unmodified-Since invalid %r (ignored, 13.1.4)" % g, [("If-Unmodified-Since", g)]
    pad = [("X-Pad-%d" % i, b"x") for i in range(300)]
    yield "keep", "If-Match another tag after 300 lines", pad + [("If-Match", b'"wrong"')]
    yield "keep", "If-None-Match * after 300 lines", pad + [("If-None-Match", b"*")]
    yield "keep", "If-Unmodified-Since far past after 300 lines", pad + [("If-Unmodified-Since", PAST[0].encode())]
    yield "write", "If-Match the tag after 300 lines", pad + [("If-Match", e)]
    # Every byte but CR and LF (they end the line: another request) in
    # four places.
    for b in list(range(0x01, 0x20)) + list(range(0x7f, 0x100)):
        if b in (0x0a, 0x0d):
            continue
        x = bytes([b])
        hx = "0x%02x" % b
        obs = b >= 0x80                     # obs-text: a valid etagc
        yield "keep", "If-Match another tag with %s" % hx, [("If-Match", b'"a' + x + b'b"')]
        if b == 0x09:                       # OWS: the tag itself
            yield "write", "If-Match the tag then %s" % hx, [("If-Match", e + x)]
        else:
            yield "keep", "If-Match the tag then %s" % hx, [("If-Match", e + x)]
        yield ("write" if obs else "keep"), "If-None-Match another tag with %s" % hx, \
            [("If-None-Match", b'"a' + x + b'b"')]
        yield "write", "If-Unmodified-Since with %s (invalid: ignored)" % hx, \
            [("If-Unmodified-Since", b"Sun, 06 Nov 1994" + x + b"08:49:37 GMT")]


def main():
    url, path = sys.argv[1], sys.argv[2]
    reset(path)
    etag, lm = validators(url)
    if not etag.startswith('"'):
        print("badinput: the server sends no strong ETag (%r)" % etag)
        return 2
    n = failed = refused = 0
    for klass, label, fields in cases(etag, lm):
        for method in ("PUT", "DELETE"):
            reset(path)
            n += 1
            try:
                status = exchange(url, method, fields,
                                  NEW if method == "PUT" else None)
            except OSError as err:
                print("badinput: %s %s: no answer (%s)" % (method, label, err))
                return 2
            try:
                with open(path, "rb") as f:
                    changed = f.read() != ORIGINAL
            except FileNotFoundError:
                changed = True
            if status in LIMITS and not changed:
                refused += 1
                continue
            if klass == "keep":
                bad = changed
                why = "the write went through (%d)" % status
            else:
                bad = status // 100 != 2 or not changed
                why = "%d, the bytes %s" % (status,
                                            "changed" if changed else "kept")
            if bad:
                failed += 1
                print("FAIL: %s %s [%s]: %s" % (method, label, klass, why))
    print("badinput: %d requests, %d failed, %d refused by the server's limits"
          % (n, failed, refused))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
