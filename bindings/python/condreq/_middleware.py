"""What condreq.wsgi and condreq.asgi share: which request fields they
take from the application, and the decision on a response's head."""
from __future__ import annotations

import time
from typing import (Callable, Dict, List, Optional, Sequence, Tuple,
                    Union)

import datetime as _dt

from . import (CondreqError, ETag, ETagError, HTTPDateError, Moment,
               Representation, _status, iter_etags, parse_http_date_epoch)

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
    members = []
    try:
        # Two members already say no: the rest is not read.
        for m in iter_etags(value):
            members.append(m)
            if len(members) > 1:
                return False
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
        try:
            rep = Representation(etag, last_modified, exists)
        except UnicodeEncodeError:
            # A str validator that is not latin-1 is no field value a
            # server can send: evaluated as malformed (no validator).
            rep = Representation("\x00" if etag is not None else None,
                                 None if isinstance(last_modified, str)
                                 else last_modified, exists)
        _reps[key] = rep
    return rep


def encode(fields: Pairs) -> List[Tuple[bytes, bytes]]:
    return [(k.encode("latin-1"), v.encode("latin-1")) for k, v in fields]


# The statuses the middleware decides: a 200, and a 206 or 416, which
# are a 200 without the Range.
DECIDED = frozenset((200, 206, 416))


def decide(method: str, fields: Pairs, status: int, headers: Pairs,
           flags: int = 0, now: Optional[Callable[[], int]] = None) -> int:
    """The status to send (condreq.evaluate()'s) for a response with
    status `status` and fields `headers` to a request with precondition
    fields `fields`: the representation's validators are the response's
    own ETag and Last-Modified (a malformed one is evaluated as none; a
    field sent twice is malformed). Only a 200, 206 or 416 is decided:
    a 304 says the request would have been answered 200 (RFC 9110
    15.4.5), so any other status (201, 204, 404, ...) is returned as
    it is."""
    if status not in DECIDED:
        return status
    etag = lm = None
    n_etag = n_lm = 0
    for k, v in headers:
        k = k.lower()
        # RFC 9110 5.5: whitespace around a field value is not part of it.
        if k == "etag":
            etag, n_etag = v.strip(" \t"), n_etag + 1
        elif k == "last-modified":
            lm, n_lm = v.strip(" \t"), n_lm + 1
    if n_etag > 1:
        etag = "\x00"              # malformed: it matches nothing
    if n_lm > 1:
        lm = None
    natural = 200 if status in (206, 416) else status
    t = now() if now is not None else int(time.time())
    rep = representation(etag, lm)
    try:
        return _status(method.encode("latin-1"), fields, rep, t,
                       flags, natural)
    except UnicodeEncodeError:     # not a field value a client can send
        return 400


# What a 304 leaves out of the 200's fields (RFC 9110 15.4.5: no
# representation metadata beyond the fields it names; 6.4.1 and 6.6.1
# for the framing fields). Everything else (Set-Cookie, CORS and security
# fields, Accept-Ranges) is the response's, not the representation's, and
# stays, as it would on a 304 the application sent itself.
_NOT_IN_304 = frozenset(("content-type", "content-length", "content-encoding",
                         "content-language", "content-range", "content-md5",
                         "transfer-encoding"))
# What a 412 carries of the 200's: it is built afresh, so that nothing
# that would let a cache keep it (Cache-Control, Expires; RFC 9111 3)
# nor a cookie meant for the 200 goes with it.
_IN_412 = frozenset(("date", "etag", "last-modified"))


# The methods whose If-Match check() may decide without the library:
# tokens that select or modify a representation (RFC 9110 9.3), so that
# the library evaluates their preconditions (13.2.1).
_WRITES = frozenset(("PUT", "POST", "PATCH", "DELETE"))

# The Last-Modified dates check() was given as sent, parsed: a file's
# stays the same until it changes (as representation()'s cache).
_dates: Dict[Union[str, bytes], int] = {}


def check(method: str, fields: Pairs, etag: Union[str, bytes, None],
          last_modified: Union[Moment, str, bytes, None],
          exists: Optional[bool], flags: int) -> Optional[int]:
    """check_preconditions() of condreq.wsgi and condreq.asgi: the
    request's precondition fields against the application's validators.

    The validators are the application's, not a client's: one that is
    not what it claims to be is a mistake in the program, and raises
    (ValueError, TypeError) rather than decide a write on a guess."""
    if exists is None:
        if etag is None and last_modified is None:
            # Without a validator nothing says whether the target exists,
            # and If-None-Match: * would let an overwrite through.
            raise TypeError("check_preconditions: give exists= when "
                            "neither etag nor last_modified is given")
        exists = True
    if isinstance(etag, bytes):
        etag = etag.decode("latin-1")
    if isinstance(last_modified, (str, bytes)):
        # Only an HTTP-date (RFC 9110 5.6.7): a digit string or an ISO
        # date is not one, and taking it as none would let a write past
        # If-Unmodified-Since.
        t = _dates.get(last_modified)
        if t is None:
            try:
                t = parse_http_date_epoch(last_modified, now=False)
            except (HTTPDateError, UnicodeEncodeError) as e:
                raise ValueError("check_preconditions: last_modified %r is "
                                 "not an HTTP-date" % (last_modified,)) from e
            if len(_dates) >= 512:
                _dates.clear()
            _dates[last_modified] = t
        last_modified = t
    elif isinstance(last_modified, _dt.datetime):
        if last_modified.tzinfo is None:
            raise ValueError("check_preconditions: naive datetime: give "
                             "last_modified a time zone")
        last_modified = int(last_modified.timestamp())
    elif last_modified is not None and (
            isinstance(last_modified, bool) or
            not isinstance(last_modified, int)):
        raise TypeError("check_preconditions: last_modified must be Unix "
                        "seconds, an aware datetime or an HTTP-date, not %s"
                        % type(last_modified).__name__)
    rep = representation(etag, last_modified, exists)
    sent = rep._sent
    if (sent is not None and not flags and len(fields) == 1 and
            fields[0][0] == "if-match" and method in _WRITES):
        # The write's usual request, decided here as the library decides
        # it (RFC 9110 13.1.1, 13.2.2 step 1; If-Match alone, so no
        # other step is reached): the current ETag is one strong tag of
        # a representation that exists (rep._sent). The value sent back
        # byte for byte is that tag: it matches, the write goes on. A
        # value of one pair of quotes around no quote is one strong tag
        # other than it (strong comparison: no match) or a malformed one
        # (which fails safe): 412 either way. Any other value (a list,
        # "*", a weak tag, OWS) is the library's to decide. Held to the
        # library's answers by tests/test_condreq.py's check rows.
        v = fields[0][1]
        if v == sent:
            return None
        if len(v) >= 2 and v[0] == '"' and v.find('"', 1) == len(v) - 1:
            return 412
    try:
        st = _status(method.encode("latin-1"), fields, rep,
                     int(time.time()), flags, 200)
    except UnicodeEncodeError:     # not a value a client can send
        return 412
    except CondreqError:
        # An empty method or one that is not a token (RFC 9110 9.1): no
        # precondition can be decided for it, and nothing may be written.
        return 412
    return st if st in (304, 412) else None


def headers_for(status: int, headers: Sequence[Tuple[str, str]]) -> Pairs:
    """The fields of a 304 (the 200's, less its representation metadata
    (RFC 9110 15.4.5): Content-Type, Content-Length, Content-Encoding,
    Content-Language, Content-Range, Transfer-Encoding, and Last-Modified
    when a valid ETag is sent) or of a 412 (built afresh: Date, ETag and
    Last-Modified of the 200's, and Content-Length: 0)."""
    if status == 304:
        # Last-Modified guides a cache when there is no ETag (15.4.5),
        # and when the ETag is not an entity-tag, which nothing matches.
        has_etag = any(k.lower() == "etag" and
                       representation(v.strip(" \t"), None).etag_error is None
                       for k, v in headers)
        return [(k, v) for k, v in headers
                if k.lower() not in _NOT_IN_304 and
                (not has_etag or k.lower() != "last-modified")]
    out = [(k, v) for k, v in headers if k.lower() in _IN_412]
    out.append(("Content-Length", "0"))
    return out


REASONS = {200: "OK", 304: "Not Modified", 412: "Precondition Failed"}
