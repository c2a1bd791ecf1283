"""ASGI middleware (HTTP, ASGI 3) that answers RFC 9110 section 13
right, and the precondition check for writes.

    from condreq.asgi import ConditionalMiddleware, check_preconditions
    app = ConditionalMiddleware(app)          # Starlette, or any ASGI app

GET and HEAD: the precondition fields are taken from the request before
the application sees them and decided on the response's start, against
the validators the response carries (ETag, Last-Modified): a 200
becomes a 304 with the fields RFC 9110 15.4.5 keeps, or a 412; a 206
whose If-Range is false becomes the full 200. When a 304 or 412 is
sent, the application is not interrupted: it runs to its end (so that
its background tasks run), what it sends after is dropped, and its
receive() answers http.disconnect, at which a streaming response
stops reading its body. Runs on asyncio (uvicorn, hypercorn's asyncio
worker).

Writes: the fields are left to the application, which asks first:

    async with write_lock(path):      # the check and the write: one step
        if status := check_preconditions(request.scope, etag=current):
            return Response(status_code=status)   # 412: nothing written
        write(path)
"""
from __future__ import annotations

import asyncio
import time

from typing import (Any, Awaitable, Callable, Dict, List, Optional, Set,
                    Tuple, Union)

from . import Moment, _epoch, _status
from ._lock import write_lock
from ._middleware import (check, encode, CONDITIONS, PRECONDITIONS, Pairs, decide,
                          headers_for, if_range_can_match, representation)

__all__ = ["ConditionalMiddleware", "check_preconditions",
           "precondition_fields", "write_lock"]

Scope = Dict[str, Any]
Message = Dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_SAVED = "condreq.preconditions"
_NAMES = frozenset(n.encode() for n in PRECONDITIONS)


def precondition_fields(scope: Scope) -> Pairs:
    """The request's precondition fields, (name, value) pairs, every
    line of each: as the middleware took them when it did, else from the
    scope's headers."""
    saved = scope.get(_SAVED)
    if saved is not None:
        return list(saved)
    return [(k.decode("latin-1").lower(), v.decode("latin-1"))
            for k, v in scope.get("headers", ()) if k.lower() in _NAMES]


def check_preconditions(scope: Scope,
                        etag: Union[str, bytes, None] = None,
                        last_modified: Union[Moment, str, bytes, None] = None,
                        exists: Optional[bool] = None,
                        flags: int = 0) -> Optional[int]:
    """Decide the request's preconditions before a write, against the
    target's current validators (as condreq.wsgi.check_preconditions):
    None when the request may go on, else the status to answer instead
    (412, or 304 for a GET or HEAD)."""
    return check(scope.get("method", "GET"), precondition_fields(scope), etag,
                 last_modified, exists, flags)


_DISCONNECT: Message = {"type": "http.disconnect"}


def _text(headers: List[Tuple[bytes, bytes]]) -> Pairs:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers]


class ConditionalMiddleware:
    """Wrap an ASGI application so that its GET and HEAD answers follow
    RFC 9110 13.2 (see the module's text). flags: condreq.F_* options;
    now: a function giving the clock's Unix seconds."""

    def __init__(self, app: ASGIApp, flags: int = 0,
                 now: Optional[Callable[[], int]] = None) -> None:
        self.app = app
        self.flags = flags
        self.now = now

    async def __call__(self, scope: Scope, receive: Receive,
                       send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "GET")
        fields = precondition_fields(scope)
        scope = dict(scope)
        scope[_SAVED] = fields
        if method not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        # 14.2: Range is for GET only; a HEAD answered 206 is wrong.
        strip_range = method == "HEAD" or any(
            n == "if-range" and not if_range_can_match(v)
            for n, v in fields)
        drop = set(n.encode() for n in CONDITIONS)
        if strip_range:
            drop |= {b"range", b"if-range"}
        scope["headers"] = [(k, v) for k, v in scope.get("headers", ())
                            if k.lower() not in drop]
        if not any(n in CONDITIONS or n == "if-range" for n, _ in fields):
            await self.app(scope, receive, send)
            return
        # Once a 304 or 412 is sent in place of the application's answer
        # (or a 206 is to be answered again), the application is not
        # stopped by force: an exception would reach it and its error
        # reporting, and Starlette's background tasks would not run. It
        # goes on to its end: what it sends is dropped, and receive()
        # tells it the client is gone (http.disconnect), which a
        # streaming response (Starlette's StreamingResponse) watches for
        # to stop reading its body.
        state: Dict[str, bool] = {}
        waiting: Set["asyncio.Future[Message]"] = set()

        def stop() -> None:
            state["stopped"] = True
            for w in waiting:
                if not w.done():
                    w.set_result(_DISCONNECT)

        async def decide_receive() -> Message:
            if state.get("stopped"):
                return _DISCONNECT
            answer: "asyncio.Future[Message]" = \
                asyncio.get_running_loop().create_future()
            got = asyncio.ensure_future(receive())

            def done(t: "asyncio.Future[Message]") -> None:
                if answer.done():
                    return
                if t.cancelled():
                    answer.cancel()
                elif t.exception() is not None:
                    answer.set_exception(t.exception())  # type: ignore
                else:
                    answer.set_result(t.result())
            got.add_done_callback(done)
            waiting.add(answer)
            try:
                return await answer
            finally:
                waiting.discard(answer)
                if not got.done():
                    got.cancel()

        async def decide_send(message: Message) -> None:
            if state.get("stopped"):
                # Dropped; a point where a cancelled task may stop.
                await asyncio.sleep(0)
                return
            if message["type"] != "http.response.start":
                await send(message)
                return
            code = int(message["status"])
            headers = _text(list(message.get("headers", ())))
            st = decide(method, fields, code, headers, self.flags, self.now)
            if st in (304, 412):
                stop()
                # ASGI field names are lowercase.
                await send({"type": "http.response.start",
                            "status": st,
                            "headers": [(k.lower().encode("latin-1"),
                                         v.encode("latin-1"))
                                        for k, v in
                                        headers_for(st, headers)]})
                await send({"type": "http.response.body", "body": b"",
                            "more_body": False})
                # Let the application's receive() answer first.
                await asyncio.sleep(0)
                return
            if code == 206 and st != 206:
                # A Range that If-Range (13.1.5) takes away: the full
                # representation instead, from a second call.
                state["again"] = True
                stop()
                await asyncio.sleep(0)
                return
            await send(message)

        await self.app(scope, decide_receive, decide_send)
        if state.get("again"):
            scope = dict(scope)
            scope["headers"] = [(k, v) for k, v in scope["headers"]
                                if k.lower() not in (b"range", b"if-range")]
            await self.app(scope, receive, send)
