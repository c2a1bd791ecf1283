"""What condreq.wsgi and condreq.asgi share: which request fields they
take from the application, and the decision on a response's head."""
from __future__ import annotations

import time
from typing import (Callable, Dict, List, Optional, Sequence, Tuple,
                    Union)

from . import (ETag, ETagError, Moment, Representation, _status,
               iter_etags, keeps_in_304)

# The fields whose answers the middleware decides (RFC 9110 13.1, 14.2).
PRECONDITIONS = ("if-match", "if-none-match", "if-modified-since",
                 "if-unmodified-since", "if-range", "range")
CONDITIONS = PRECONDITIONS[:4]

Pairs = List[Tuple[str, str]]


def if_range_can_match(value: str) -> bool:
    """Could If-Range `value` be true by RFC 9110 13.1.5? Only a single
    strong entity-tag can be, whatever the representation: a date is
    compared as a weak validator unless the representation says
    otherwise, and a weak tag never matches (8.8.3.2). When it cannot,
    the application does not see the Range: a full 200 is always
    allowed (14.2)."""
    try:
        members = list(iter_etags(value))
    except (ETagError, UnicodeEncodeError):
        return False
    return (len(members) == 1 and isinstance(members[0], ETag) and
            not members[0].weak)


_reps: Dict[Tuple[object, object, bool], Representation] = {}


def representation(etag: Union[str, bytes, None],
                   last_modified: Union[Moment, str, bytes, None],
                   exists: bool = True) -> Representation:
    """The Representation of these validators, prepared once: a file's
    answers carry the same ETag and Last-Modified until it changes, so
    the last few hundred are kept."""
    key = (etag, last_modified, exists)
    rep = _reps.get(key)
    if rep is None:
        if len(_reps) >= 512:
            _reps.clear()
        rep = _reps[key] = Representation(etag, last_modified, exists)
    return rep


def encode(fields: Pairs) -> List[Tuple[bytes, bytes]]:
    return [(k.encode("latin-1"), v.encode("latin-1")) for k, v in fields]


def decide(method: str, fields: Pairs, status: int, headers: Pairs,
           flags: int = 0, now: Optional[Callable[[], int]] = None) -> int:
    """The status to send (condreq.evaluate()'s) for a response with
    status `status` and fields `headers` to a request with precondition
    fields `fields`: the representation's validators are the response's
    own ETag and Last-Modified (a malformed one is evaluated as none; a
    field sent twice is malformed)."""
    etag = lm = None
    n_etag = n_lm = 0
    for k, v in headers:
        k = k.lower()
        if k == "etag":
            etag, n_etag = v, n_etag + 1
        elif k == "last-modified":
            lm, n_lm = v, n_lm + 1
    if n_etag > 1:
        etag = "\x00"              # malformed: it matches nothing
    if n_lm > 1:
        lm = None
    natural = 200 if status in (206, 416) else status
    t = now() if now is not None else int(time.time())
    rep = representation(etag, lm)
    try:
        return _status(method.encode("latin-1"), encode(fields), rep, t,
                       flags, natural)
    except UnicodeEncodeError:     # not a field value a client can send
        return 400


def headers_for(status: int, headers: Sequence[Tuple[str, str]]) -> Pairs:
    """The fields of a 304 (RFC 9110 15.4.5: those the 200 would carry of
    Date, ETag, Vary, Cache-Control, Expires, Content-Location, and
    Last-Modified without a valid ETag) or of a 412 (the 200's, less its
    content's, with Content-Length: 0)."""
    if status == 304:
        # Last-Modified guides a cache when there is no ETag (15.4.5),
        # and when the ETag is not an entity-tag, which nothing matches.
        has_etag = any(k.lower() == "etag" and
                       representation(v, None).etag_error is None
                       for k, v in headers)
        return [(k, v) for k, v in headers if keeps_in_304(k, has_etag)]
    out = [(k, v) for k, v in headers
           if not k.lower().startswith("content-") and
           k.lower() not in ("accept-ranges", "transfer-encoding")]
    out.append(("Content-Length", "0"))
    return out


REASONS = {200: "OK", 304: "Not Modified", 412: "Precondition Failed"}
