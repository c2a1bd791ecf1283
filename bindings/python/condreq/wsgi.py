"""WSGI middleware (PEP 3333) that answers RFC 9110 section 13 right,
and the precondition check for writes.

    from condreq.wsgi import ConditionalMiddleware, check_preconditions
    app.wsgi_app = ConditionalMiddleware(app.wsgi_app)       # Flask

GET and HEAD: the precondition fields are taken from the request before
the application sees them (so that it answers by no rules of its own)
and decided on the response's head, against the validators the
response carries (ETag, Last-Modified): a 200 becomes a 304 with the
fields RFC 9110 15.4.5 keeps, or a 412; a 206 whose If-Range is false
becomes the full 200. The decision is made when the application calls
start_response: a response that goes on is passed straight through (its
write() too); for a 304 or 412 the body is not read, what the
application writes is dropped, and its iterable is closed (always, also
when iterating it raises).

Writes (and any other method): the fields are left to the application,
which asks before it acts:

    with write_lock(path):        # the check and the write: one step
        status = check_preconditions(environ, etag=current_etag,
                                     last_modified=mtime, exists=found)
        if status:                # 412 (or 304): answer it, write nothing
            ...
        write(path)
"""
from __future__ import annotations

import time

from typing import (Any, Callable, Dict, Iterable, Iterator, List, Optional,
                    Tuple, Union)

from . import Moment, _epoch, _status
from ._lock import write_lock
from ._middleware import (check, encode, CONDITIONS, PRECONDITIONS, REASONS, Pairs,
                          decide, headers_for, if_range_can_match,
                          representation)

__all__ = ["ConditionalMiddleware", "check_preconditions",
           "precondition_fields", "write_lock"]

Environ = Dict[str, Any]
StartResponse = Callable[..., Callable[[bytes], Any]]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]

_KEYS = tuple("HTTP_" + n.upper().replace("-", "_") for n in PRECONDITIONS)
_NAMED_KEYS = tuple(zip(PRECONDITIONS, _KEYS))
_SAVED = "condreq.preconditions"


def precondition_fields(environ: Environ) -> Pairs:
    """The request's precondition fields, (name, value) pairs: as the
    middleware took them when it did, else from the environ."""
    saved = environ.get(_SAVED)
    if saved is not None:
        return list(saved)
    return [(n, environ[k]) for n, k in _NAMED_KEYS if k in environ]


def check_preconditions(environ: Environ,
                        etag: Union[str, bytes, None] = None,
                        last_modified: Union[Moment, str, bytes, None] = None,
                        exists: Optional[bool] = None,
                        flags: int = 0) -> Optional[int]:
    """Decide the request's preconditions before a write (or any
    request the application answers itself), against the target's
    current validators: its ETag as it would be sent, its Last-Modified
    (Unix seconds, an aware datetime or an HTTP-date, str or bytes),
    whether it exists (by default: when etag or last_modified is given;
    required when neither is). Returns None when the request may go on,
    else the status to answer instead: 412 (a false or malformed
    precondition, or a method that is not a token: nothing may be
    written), or 304 for a GET or HEAD. A last_modified that is not
    what it claims to be (a str that is no HTTP-date, a naive datetime)
    raises ValueError; a missing exists=, TypeError.

    Hold write_lock() around this check and the write: else two writers
    that read the same ETag both pass If-Match (a lost update)."""
    return check(environ.get("REQUEST_METHOD", "GET"),
                 precondition_fields(environ), etag, last_modified, exists,
                 flags)


class _Body:
    """The application's iterable with the chunks already taken from it
    put back in front; close() closes the application's."""

    def __init__(self, head: List[bytes], rest: Iterator[bytes],
                 inner: Iterable[bytes]) -> None:
        self._head, self._rest, self._inner = head, rest, inner

    def __iter__(self) -> Iterator[bytes]:
        yield from self._head
        self._head = []
        yield from self._rest

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


def _close(body: Iterable[bytes]) -> None:
    close = getattr(body, "close", None)
    if close is not None:
        close()


class ConditionalMiddleware:
    """Wrap a WSGI application so that its GET and HEAD answers follow
    RFC 9110 13.2 (see the module's text). flags: CONDREQ_F_* options
    (condreq.F_*); now: a function giving the clock's Unix seconds."""

    def __init__(self, app: WSGIApp, flags: int = 0,
                 now: Optional[Callable[[], int]] = None) -> None:
        self.app = app
        self.flags = flags
        self.now = now

    def __call__(self, environ: Environ,
                 start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        fields = precondition_fields(environ)
        environ[_SAVED] = fields
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        inner = dict(environ)
        # 14.2: Range is for GET only; a HEAD answered 206 is wrong.
        strip_range = method == "HEAD" or any(
            n == "if-range" and not if_range_can_match(v)
            for n, v in fields)
        for n, k in zip(PRECONDITIONS, _KEYS):
            if n in CONDITIONS or (strip_range and n in ("range", "if-range")):
                inner.pop(k, None)
        if not any(n in CONDITIONS or n == "if-range" for n, _ in fields):
            return self.app(inner, start_response)
        return self._decide(method, fields, inner, start_response)

    def _decide(self, method: str, fields: Pairs, inner: Environ,
                start_response: StartResponse) -> Iterable[bytes]:
        # Decided when the application calls start_response: a response
        # that goes on is passed through from there (its write() goes
        # straight to the server); a 304 or 412 is sent instead of it,
        # and what the application writes or yields is dropped.
        state: Dict[str, Any] = {}

        def discard(data: bytes) -> None:
            pass

        def capture(status: str, headers: List[Tuple[str, str]],
                    exc_info: Any = None) -> Callable[[bytes], Any]:
            if "mode" in state:
                if exc_info is None:
                    raise RuntimeError("start_response called twice "
                                       "without exc_info (PEP 3333)")
                # An error after the head: the server replaces the head
                # or re-raises, as PEP 3333 says; the error's answer goes.
                state["mode"] = "pass"
                return start_response(status, headers, exc_info)
            try:
                code = int(status.split(None, 1)[0])
            except ValueError:
                code = 0
            st = decide(method, fields, code, headers, self.flags, self.now)
            if st in (304, 412):
                state["mode"] = "replaced"
                start_response("%d %s" % (st, REASONS[st]),
                               headers_for(st, headers))
                return discard
            if code == 206 and st != 206:
                # The application honoured a Range that If-Range (13.1.5)
                # takes away: the full representation instead.
                state["mode"] = "again"
                return discard
            state["mode"] = "pass"
            return start_response(status, headers, exc_info)

        body = self.app(inner, capture)
        taken: List[bytes] = []
        try:
            rest = iter(body)
            # PEP 3333: start_response may be called by the first chunk.
            while "mode" not in state:
                taken.append(next(rest))
        except StopIteration:
            pass
        except BaseException:
            _close(body)
            raise
        mode = state.get("mode")
        if mode == "pass":
            return _Body(taken, rest, body) if taken else body
        _close(body)
        if mode is None:
            raise RuntimeError("the application never called start_response")
        if mode == "again":
            again = dict(inner)
            again.pop("HTTP_RANGE", None)
            again.pop("HTTP_IF_RANGE", None)
            return self.app(again, start_response)
        return []
