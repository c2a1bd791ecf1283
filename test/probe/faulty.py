#!/usr/bin/env python3
# A loopback HTTP server that answers conditional requests wrongly on
# purpose, for condreq-probe's tests. Paths:
#   /wrong-status   always 200, whatever the preconditions say
#   /no-etag-304    304 for a matching If-None-Match, without the ETag
#   /drop           closes the connection on any conditional request
#   /slow           waits 30 s before answering a conditional request
#   /missing        404
# Prints "listening on PORT" once bound to 127.0.0.1 on a free port.
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
import http.server
import sys
import time

BODY = b"0123456789abcdefghij\n"
ETAG = '"faulty-1"'
LAST_MODIFIED = "Sun, 09 Sep 2001 01:46:40 GMT"
CONDITIONAL = ("if-match", "if-none-match", "if-modified-since",
               "if-unmodified-since", "if-range")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def conditional(self):
        return any(h.lower() in CONDITIONAL for h in self.headers.keys())

    def send(self, status, body, etag=True):
        self.send_response(status)
        if etag:
            self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.send_header("Cache-Control", "max-age=60")
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def answer(self):
        path = self.path
        if path == "/missing":
            return self.send(404, b"no\n")
        if path == "/drop" and self.conditional():
            self.close_connection = True
            return
        if path == "/slow" and self.conditional():
            time.sleep(30)
        if path == "/no-etag-304":
            inm = self.headers.get("If-None-Match", "")
            if ETAG in inm or inm.strip() == "*":
                return self.send(304, b"", etag=False)
        self.send(200, BODY)

    do_GET = answer
    do_HEAD = answer


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
