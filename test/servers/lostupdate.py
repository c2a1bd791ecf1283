#!/usr/bin/env python3
# Lost updates under If-Match (RFC 9110 13.1.1), counted, not guessed.
#
# K writers share one resource holding a decimal counter. Each loops: GET
# the value and its ETag, PUT value+1 with "If-Match: <that ETag>", and on
# 412 starts again. Every 2xx PUT is an update the server said it made; at
# the end the stored value must equal their number. Each one missing is an
# update that a write made against an older state overwrote: a lost update.
#
#   lostupdate.py run URL --writers K --values fixed|grow --body with|after
#                 [--seconds S] [--max-puts N] [--label TEXT]
#       prints one line:
#       lost-update: LABEL K=8 values=fixed body=after puts=112 lost=52 ...
#       and exits 0 (a measurement; the caller decides what must hold), or
#       2 when the server could not be used (no ETag, errors).
#   lostupdate.py stale URL
#       A reads the ETag; B writes a value of the same size (without a
#       precondition: B may not be able to use one); 1.2 s later
#       (past a one-second granularity) A writes with its stale tag: A must
#       get 412 and the stored bytes must be B's.
#   lostupdate.py slow-body URL
#       writer A sends its PUT's head with a valid If-Match, then holds its
#       body; writer B updates the resource; then A's body arrives. A must
#       get 412 and the stored bytes must be B's. Prints "ok: ..." or
#       "FAIL: ..." lines, exit 0 or 1.
#
# Values: "fixed" writes every value at one width (equal sizes, so a
# validator made of size and seconds cannot tell two writes apart);
# "grow" writes the value followed by as many dots, so every write is
# longer than the last. Body "after" sends the request head, waits, then
# the body, as a slow client or a large upload does.
# Bounded: each run stops after --seconds or --max-puts PUTs, whichever
# comes first, and every socket has a timeout.
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
import argparse
import socket
import sys
import threading
import time
import urllib.parse

TIMEOUT = 10.0
BODY_DELAY = 0.05


class Fault(Exception):
    pass


def encode(value, values):
    if values == "fixed":
        return b"%012d\n" % value
    return b"%d\n" % value + b"." * value


def decode(body):
    head = body.split(b"\n", 1)[0].strip()
    if not head.isdigit():
        raise Fault("stored body is not a counter: %r" % body[:40])
    return int(head)


class Conn:
    """One HTTP/1.1 connection, kept alive, reopened when the server
    closes it. Raw sockets, so that a body can follow its head later."""

    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port or 80
        self.path = u.path or "/"
        self.sock = None
        self.buf = b""

    def open(self):
        if self.sock is None:
            self.sock = socket.create_connection((self.host, self.port),
                                                 timeout=TIMEOUT)
            self.buf = b""

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def send_head(self, method, headers, length=None):
        self.open()
        lines = ["%s %s HTTP/1.1" % (method, self.path),
                 "Host: %s:%d" % (self.host, self.port)]
        lines += ["%s: %s" % kv for kv in headers]
        if length is not None:
            lines.append("Content-Length: %d" % length)
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def send_body(self, body):
        self.sock.sendall(body)

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Fault("connection closed before the answer ended")
        self.buf += chunk

    def read_answer(self, method):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields.setdefault(name.strip().lower(), value.strip())
        body = b""
        if method != "HEAD" and status not in (204, 304) and \
                not 100 <= status < 200:
            if "content-length" in fields:
                n = int(fields["content-length"])
                while len(self.buf) < n:
                    self._fill()
                body, self.buf = self.buf[:n], self.buf[n:]
            elif fields.get("transfer-encoding", "").lower() == "chunked":
                body = self._chunked()
            else:
                try:
                    while True:
                        self._fill()
                except Fault:
                    pass
                body, self.buf = self.buf, b""
                self.close()
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, fields, body

    def _chunked(self):
        out = b""
        while True:
            while b"\r\n" not in self.buf:
                self._fill()
            size, self.buf = self.buf.split(b"\r\n", 1)
            n = int(size.split(b";")[0], 16)
            while len(self.buf) < n + 2:
                self._fill()
            out, self.buf = out + self.buf[:n], self.buf[n + 2:]
            if n == 0:
                return out

    def request(self, method, headers=(), body=None, delay=0.0):
        """One exchange; retried once on a connection the server had
        closed while idle."""
        for attempt in (1, 2):
            try:
                self.send_head(method, headers,
                               None if body is None else len(body))
                if body is not None:
                    if delay:
                        time.sleep(delay)
                    self.send_body(body)
                return self.read_answer(method)
            except (OSError, Fault):
                self.close()
                if attempt == 2:
                    raise


def read_state(conn):
    status, fields, body = conn.request(
        "GET", [("Cache-Control", "no-cache")])
    if status != 200:
        raise Fault("GET answered %d" % status)
    etag = fields.get("etag")
    if not etag:
        raise Fault("the server sends no ETag")
    return decode(body), etag, body


def strong_state(conn, wait=3.0):
    """The state once its ETag is strong: a server may send a weak one
    while a write is younger than its clock's granularity (Apache does for
    a second), and a weak tag can never satisfy If-Match (13.1.1)."""
    end = time.monotonic() + wait
    while True:
        state = read_state(conn)
        if not state[1].startswith("W/") or time.monotonic() > end:
            return state
        time.sleep(0.1)


def put(conn, value, values, if_match, delay=0.0):
    status, _, _ = conn.request("PUT", [("If-Match", if_match),
                                        ("Content-Type", "text/plain")],
                                encode(value, values), delay)
    return status


def run(args):
    conn = Conn(args.url)
    status = put(conn, 0, args.values, "*")
    if status // 100 != 2:
        print("lost-update: %s: the first PUT answered %d" % (args.label, status))
        return 2
    conn.close()
    stop_at = time.monotonic() + args.seconds
    lock = threading.Lock()
    count = {"puts": 0, "refused": 0, "other": 0, "errors": 0, "tries": 0}
    faults = []
    delay = BODY_DELAY if args.body == "after" else 0.0

    def writer():
        c = Conn(args.url)
        try:
            while time.monotonic() < stop_at:
                with lock:
                    if count["tries"] >= args.max_puts:
                        return
                    count["tries"] += 1
                try:
                    value, etag, _ = read_state(c)
                    st = put(c, value + 1, args.values, etag, delay)
                except (OSError, Fault) as e:
                    with lock:
                        count["errors"] += 1
                        if len(faults) < 3:
                            faults.append(str(e))
                    c.close()
                    continue
                with lock:
                    if st // 100 == 2:
                        count["puts"] += 1
                    elif st == 412:
                        count["refused"] += 1
                    else:
                        count["other"] += 1
                        if len(faults) < 3:
                            faults.append("PUT answered %d" % st)
        finally:
            c.close()

    threads = [threading.Thread(target=writer) for _ in range(args.writers)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - t0
    try:
        final, _, _ = read_state(Conn(args.url))
    except (OSError, Fault) as e:
        print("lost-update: %s: the final GET failed: %s" % (args.label, e))
        return 2
    lost = count["puts"] - final
    print("lost-update: %s K=%d values=%s body=%s puts=%d lost=%d "
          "refused=%d other=%d errors=%d seconds=%.1f" %
          (args.label, args.writers, args.values, args.body, count["puts"],
           lost, count["refused"], count["other"], count["errors"], took))
    for f in faults:
        print("    %s" % f)
    if count["puts"] == 0 or count["errors"] > count["puts"]:
        return 2
    return 0


def slow_body(args):
    a, b = Conn(args.url), Conn(args.url)
    if put(a, 0, "fixed", "*") // 100 != 2:
        print("FAIL: slow-body: the first PUT was refused")
        return 1
    value, etag, _ = strong_state(a)
    a.close()
    a.send_head("PUT", [("If-Match", etag), ("Content-Type", "text/plain")],
                len(encode(value + 100, "fixed")))
    time.sleep(0.3)   # A's head is in; the server may be waiting on its body
    bvalue, betag, _ = strong_state(b)
    bstatus = put(b, bvalue + 1, "fixed", betag)
    b.close()
    a.send_body(encode(value + 100, "fixed"))
    try:
        astatus, _, _ = a.read_answer("PUT")
    except (OSError, Fault) as e:
        astatus = "no answer (%s)" % e
    a.close()
    _, _, stored = read_state(Conn(args.url))
    rc = 0
    for name, good in (
            ("B's update during A's body gets 2xx (%s)" % bstatus,
             isinstance(bstatus, int) and bstatus // 100 == 2),
            ("A's late body gets 412 (%s)" % astatus, astatus == 412),
            ("the stored bytes are B's", stored == encode(bvalue + 1, "fixed"))):
        print("%s: slow-body: %s" % ("ok" if good else "FAIL", name))
        rc |= 0 if good else 1
    return rc


def stale(args):
    a, b = Conn(args.url), Conn(args.url)
    if put(a, 0, "fixed", "*") // 100 != 2:
        print("FAIL: stale: the first PUT was refused")
        return 1
    value, etag, _ = strong_state(a)
    bvalue = value + 1
    bstatus, _, _ = b.request("PUT", [("Content-Type", "text/plain")],
                              encode(bvalue, "fixed"))
    time.sleep(1.2)
    astatus = put(a, value + 100, "fixed", etag)
    _, _, stored = read_state(Conn(args.url))
    rc = 0
    for name, good in (
            ("B's update gets 2xx (%s)" % bstatus, bstatus // 100 == 2),
            ("A's write with the tag B's write replaced, 1.2 s later, gets "
             "412 (%s)" % astatus, astatus == 412),
            ("the stored bytes are B's", stored == encode(bvalue, "fixed"))):
        print("%s: stale: %s" % ("ok" if good else "FAIL", name))
        rc |= 0 if good else 1
    return rc


def main():
    p = argparse.ArgumentParser(description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("url")
    r.add_argument("--writers", type=int, default=2)
    r.add_argument("--values", choices=("fixed", "grow"), default="fixed")
    r.add_argument("--body", choices=("with", "after"), default="with")
    r.add_argument("--seconds", type=float, default=10.0)
    r.add_argument("--max-puts", type=int, default=3000)
    r.add_argument("--label", default="server")
    for name in ("slow-body", "stale"):
        sub.add_parser(name).add_argument("url")
    args = p.parse_args()
    try:
        return {"run": run, "slow-body": slow_body, "stale": stale}[args.cmd](args)
    except (OSError, Fault) as e:
        print("lost-update: %s" % e)
        return 2


if __name__ == "__main__":
    sys.exit(main())
