"""Python bindings for libcondreq 0.2 (ctypes; standard library only).

    >>> import condreq
    >>> rep = condreq.Representation(etag='"v1"', last_modified=784111777)
    >>> condreq.evaluate("GET", [("If-None-Match", '"v1"')], rep=rep).status
    304

The shared library is the file named by the CONDREQ_LIB environment
variable when it is set (and nothing else: if that file cannot be loaded,
importing fails); otherwise build/libcondreq.so.2 of the source tree this
file sits in, then the system's libcondreq.so.2.
"""
import ctypes
import ctypes.util
import datetime as _dt
import os
import time as _time

__all__ = [
    "evaluate", "Decision", "Representation", "parse_http_date",
    "parse_http_date_epoch", "format_http_date", "iter_etags", "ETag",
    "STAR", "etag_match", "make_etag", "weaken_etag", "field_name",
    "CondreqError", "HTTPDateError", "ETagError", "F_LENIENT_ETAG",
    "F_ANY_WEEKDAY", "F_IMS_EXACT", "F_IMS_IGNORE_FUTURE",
    "F_LM_ZERO_UNKNOWN", "F_WEAK_COMPARE", "NOW_UNKNOWN", "version",
]

F_LENIENT_ETAG = 1 << 0
F_ANY_WEEKDAY = 1 << 1
F_IMS_EXACT = 1 << 2
F_IMS_IGNORE_FUTURE = 1 << 3
F_LM_ZERO_UNKNOWN = 1 << 4
F_WEAK_COMPARE = 1 << 5
NOW_UNKNOWN = -(2 ** 63)
_SONAME = "libcondreq.so.2"
# Room for repeated field lines (RFC 9110 5.3) per decision.
_LINES = 64


def _load():
    if os.environ.get("CONDREQ_LIB"):
        # Told what to test: that or nothing, never a stand-in.
        path = os.environ["CONDREQ_LIB"]
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            raise ImportError("CONDREQ_LIB=%s cannot be loaded: %s"
                              % (path, e)) from e
    cands = []
    # build/ of the source tree, only when this file is in one (in
    # bindings/python, beside src/libcondreq.map): an installed copy
    # never looks in a folder relative to where it was installed.
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(os.path.dirname(here))
    if (here.endswith(os.path.join("bindings", "python")) and
            os.path.isfile(os.path.join(top, "src", "libcondreq.map"))):
        cands.append(os.path.join(top, "build", _SONAME))
    found = ctypes.util.find_library("condreq")
    if found:
        cands.append(found)
    cands.append(_SONAME)
    errors = []
    for c in cands:
        try:
            return ctypes.CDLL(c)
        except OSError as e:
            errors.append("%s: %s" % (c, e))
    raise ImportError("libcondreq not found; tried " + "; ".join(errors))


_lib = _load()


class _ETag(ctypes.Structure):
    _fields_ = [("opaque", ctypes.POINTER(ctypes.c_char)),
                ("opaque_len", ctypes.c_size_t),
                ("weak", ctypes.c_int32), ("reserved", ctypes.c_int32)]


class _Iter(ctypes.Structure):
    _fields_ = [("p", ctypes.c_void_p), ("len", ctypes.c_size_t),
                ("pos", ctypes.c_size_t), ("errpos", ctypes.c_size_t),
                ("flags", ctypes.c_uint32), ("count", ctypes.c_uint32),
                ("line", ctypes.c_uint32), ("error", ctypes.c_int32),
                ("reserved", ctypes.c_uint64 * 4)]


class _Line(ctypes.Structure):
    _fields_ = [("value", ctypes.c_char_p), ("len", ctypes.c_size_t),
                ("field", ctypes.c_int32), ("reserved", ctypes.c_int32)]


class _Value(ctypes.Structure):
    _fields_ = [("value", ctypes.c_char_p), ("len", ctypes.c_size_t)]


class _Rep(ctypes.Structure):
    _fields_ = [("size", ctypes.c_uint32), ("exists", ctypes.c_int32),
                ("etag", _ETag), ("etag_key", ctypes.c_uint64 * 4),
                ("last_modified", ctypes.c_int64),
                ("has_last_modified", ctypes.c_int32),
                ("lm_strong", ctypes.c_int32)]


class _Request(ctypes.Structure):
    _fields_ = [
        ("size", ctypes.c_uint32), ("flags", ctypes.c_uint32),
        ("method", ctypes.c_char_p), ("method_len", ctypes.c_size_t),
        ("field", _Value * 6),
        ("overflow", ctypes.c_uint32), ("nlines", ctypes.c_uint32),
        ("lines", ctypes.POINTER(_Line)), ("lines_cap", ctypes.c_uint32),
        ("natural_status", ctypes.c_int32), ("now", ctypes.c_int64),
    ]


class _Result(ctypes.Structure):
    _fields_ = [("size", ctypes.c_uint32), ("status", ctypes.c_int32),
                ("decided_by", ctypes.c_int32), ("ignored", ctypes.c_uint32),
                ("malformed", ctypes.c_uint32), ("overflow", ctypes.c_uint32)]


_sz = ctypes.c_size_t
_P = ctypes.POINTER
_sig = {
    "condreq_version": (ctypes.c_uint32, []),
    "condreq_version_string": (ctypes.c_char_p, []),
    "condreq_strerror": (ctypes.c_char_p, [ctypes.c_int]),
    "condreq_code_name": (ctypes.c_char_p, [ctypes.c_int]),
    "condreq_field_name": (ctypes.c_char_p, [ctypes.c_int]),
    "condreq_date_parse": (ctypes.c_int, [ctypes.c_char_p, _sz, ctypes.c_int64,
                                          ctypes.c_uint32, _P(ctypes.c_int64),
                                          _P(_sz)]),
    "condreq_date_format": (ctypes.c_int, [ctypes.c_int64, ctypes.c_char_p,
                                           _sz, _P(_sz)]),
    "condreq_etag_iter_init": (ctypes.c_int, [_P(_Iter), ctypes.c_char_p, _sz,
                                              ctypes.c_uint32]),
    "condreq_etag_next": (ctypes.c_int, [_P(_Iter), _P(_ETag),
                                         _P(ctypes.c_int), _P(_sz)]),
    "condreq_etag_make": (ctypes.c_int, [ctypes.c_uint64, ctypes.c_int64,
                                         ctypes.c_uint64, ctypes.c_char_p, _sz,
                                         _P(_sz)]),
    "condreq_etag_weaken": (ctypes.c_int, [ctypes.c_char_p, _sz,
                                           ctypes.c_char_p, _sz, _P(_sz)]),
    # The sized init functions: a binding passes its own struct's size
    # (the C macros condreq_*_init() pass sizeof themselves).
    "condreq_rep_init_sized": (ctypes.c_int, [_P(_Rep), _sz]),
    "condreq_rep_set_etag": (ctypes.c_int, [_P(_Rep), ctypes.c_char_p, _sz,
                                            ctypes.c_uint32, _P(_sz)]),
    "condreq_etag_list_match": (ctypes.c_int, [_P(_Rep), ctypes.c_char_p,
                                               _sz, ctypes.c_uint32,
                                               _P(ctypes.c_int), _P(_sz)]),
    "condreq_request_init_sized": (ctypes.c_int, [_P(_Request), _sz]),
    "condreq_request_header": (ctypes.c_int, [_P(_Request), ctypes.c_char_p,
                                              _sz, ctypes.c_char_p, _sz]),
    "condreq_result_init_sized": (ctypes.c_int, [_P(_Result), _sz]),
    "condreq_evaluate": (ctypes.c_int, [_P(_Request), _P(_Rep),
                                        _P(_Result)]),
    "condreq_decided_name": (ctypes.c_char_p, [ctypes.c_int]),
    "condreq_ignored_reason": (ctypes.c_char_p, [ctypes.c_uint32]),
}
for _name, (_res, _args) in _sig.items():
    _f = getattr(_lib, _name)
    _f.restype = _res
    _f.argtypes = _args


def version():
    """The loaded library's version string."""
    return _lib.condreq_version_string().decode()


def field_name(field):
    """The header name of a CONDREQ_IF_* field number ("If-Match")."""
    return _lib.condreq_field_name(field).decode()


class CondreqError(ValueError):
    """A libcondreq error: .code, .name, .reason and .offset."""

    def __init__(self, code, offset, what):
        self.code = code
        self.name = _lib.condreq_code_name(code).decode()
        self.reason = _lib.condreq_strerror(code).decode()
        self.offset = offset
        super().__init__("%s: %s at offset %s (%s)" % (what, self.reason,
                                                       offset, self.name))


class HTTPDateError(CondreqError):
    pass


class ETagError(CondreqError):
    pass


def _b(s):
    if s is None:
        return None
    if isinstance(s, (bytes, bytearray)):
        return bytes(s)
    return s.encode("latin-1")


def _epoch(t):
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None:
            raise ValueError("naive datetime: give it a time zone")
        return int(t.timestamp())
    return int(t)


def parse_http_date_epoch(value, now=None, flags=0):
    """Unix seconds of an HTTP-date in any of its three formats."""
    raw = _b(value)
    n = NOW_UNKNOWN if now is False else (
        int(_time.time()) if now is None else _epoch(now))
    out = ctypes.c_int64()
    pos = _sz()
    rc = _lib.condreq_date_parse(raw, len(raw), n, flags, ctypes.byref(out),
                                 ctypes.byref(pos))
    if rc != 0:
        raise HTTPDateError(rc, pos.value, "invalid HTTP-date")
    return out.value


def parse_http_date(value, now=None, flags=0):
    """An aware UTC datetime for an HTTP-date."""
    t = parse_http_date_epoch(value, now, flags)
    return (_dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
            + _dt.timedelta(seconds=t))


def format_http_date(t):
    """The IMF-fixdate of Unix seconds or an aware datetime."""
    buf = ctypes.create_string_buffer(30)
    rc = _lib.condreq_date_format(_epoch(t), buf, 30, None)
    if rc != 0:
        raise HTTPDateError(rc, 0, "cannot format")
    return buf.value.decode()


class ETag(tuple):
    """An entity-tag: (opaque bytes, weak)."""
    __slots__ = ()

    def __new__(cls, opaque, weak=False):
        return tuple.__new__(cls, (bytes(opaque), bool(weak)))

    opaque = property(lambda self: self[0])
    weak = property(lambda self: self[1])

    def __str__(self):
        return ('W/"%s"' if self.weak else '"%s"') % self.opaque.decode(
            "latin-1")


STAR = "*"


def iter_etags(value, lenient=False):
    """Yield the members of an If-Match / If-None-Match value: ETag
    objects, or STAR. Raises ETagError for a malformed list."""
    # The iterator points into raw: a local of this generator's frame,
    # it lives as long as the generator does (test_iter_etags_gc).
    raw = _b(value)
    it = _Iter()
    tag = _ETag()
    pos = _sz()
    fault = ctypes.c_int()
    _lib.condreq_etag_iter_init(ctypes.byref(it), raw, len(raw),
                                F_LENIENT_ETAG if lenient else 0)
    while True:
        rc = _lib.condreq_etag_next(ctypes.byref(it), ctypes.byref(tag),
                                    ctypes.byref(fault), ctypes.byref(pos))
        if fault.value != 0:
            raise ETagError(fault.value, pos.value,
                            "malformed entity-tag list")
        if rc == 0:
            return
        if rc == 2:
            yield STAR
        else:
            yield ETag(ctypes.string_at(tag.opaque, tag.opaque_len),
                       tag.weak)


class Representation:
    """The selected representation, prepared once and reused for every
    request on it: its ETag as sent (parsed and checked here; a malformed
    one raises ETagError), Last-Modified (Unix seconds or an aware
    datetime), whether Last-Modified is strong, and whether it exists."""

    def __init__(self, etag=None, last_modified=None, exists=True,
                 lm_strong=False, lenient=False):
        self._rep = _Rep()
        _lib.condreq_rep_init_sized(ctypes.byref(self._rep),
                                    ctypes.sizeof(self._rep))
        self._etag = _b(etag)          # the struct points into it
        if self._etag is not None:
            pos = _sz()
            rc = _lib.condreq_rep_set_etag(
                ctypes.byref(self._rep), self._etag, len(self._etag),
                F_LENIENT_ETAG if lenient else 0, ctypes.byref(pos))
            if rc != 0:
                raise ETagError(rc, pos.value, "malformed ETag")
        if last_modified is not None:
            self._rep.last_modified = _epoch(last_modified)
            self._rep.has_last_modified = 1
        self._rep.exists = 1 if exists else 0
        self._rep.lm_strong = 1 if lm_strong else 0

    etag = property(lambda self: self._etag.decode("latin-1")
                    if self._etag is not None else None)
    exists = property(lambda self: bool(self._rep.exists))


def etag_match(etag, value, weak=False):
    """Does the current tag match a member of the list (or "*")?"""
    rep = Representation(etag)
    v = _b(value)
    pos = _sz()
    fault = ctypes.c_int()
    rc = _lib.condreq_etag_list_match(ctypes.byref(rep._rep), v, len(v),
                                      F_WEAK_COMPARE if weak else 0,
                                      ctypes.byref(fault), ctypes.byref(pos))
    if fault.value != 0:
        raise ETagError(fault.value, pos.value, "malformed entity-tag list")
    return rc == 1


def make_etag(size, mtime_ns, ino=0):
    """A strong ETag from a file's size, mtime (ns) and inode."""
    buf = ctypes.create_string_buffer(64)
    _lib.condreq_etag_make(size, mtime_ns, ino, buf, 64, None)
    return buf.value.decode()


def weaken_etag(etag):
    """The weak form of an entity-tag."""
    e = _b(etag)
    buf = ctypes.create_string_buffer(len(e) + 3)
    rc = _lib.condreq_etag_weaken(e, len(e), buf, len(e) + 3, None)
    if rc != 0:
        raise ETagError(rc, 0, "malformed entity-tag")
    return buf.value.decode("latin-1")


class Decision(tuple):
    """status (200/206/304/412 or the natural status: what to send),
    range (status is 206), decided_by, ignored reasons, malformed header
    names."""
    __slots__ = ()
    status = property(lambda self: self[0])
    range = property(lambda self: self[1])
    decided_by = property(lambda self: self[2])
    ignored = property(lambda self: self[3])
    malformed = property(lambda self: self[4])

    @property
    def reason(self):
        parts = ["decided by %s" % self.decided_by] + list(self.ignored)
        return "; ".join(parts)


def _header_pairs(headers):
    if isinstance(headers, dict):
        headers = headers.items()
    for h in headers:
        if isinstance(h, (str, bytes)):
            name, _, value = _b(h).partition(b":")
            yield name, value
        else:
            yield _b(h[0]), _b(h[1])


def _bits(mask):
    return [b for b in range(32) if mask & (1 << b)]


def evaluate(method, headers, rep=None, etag=None, last_modified=None,
             now=None, exists=True, flags=0, lm_strong=False,
             natural_status=0):
    """Decide a conditional request (RFC 9110 13.2).

    headers: a dict, (name, value) pairs, or "Name: value" strings, in any
    order; every request header may be passed, and repeated lines are one
    list. rep: a Representation; without one it is made from etag,
    last_modified, exists and lm_strong. now is Unix seconds or an aware
    datetime, the current time by default. Returns a Decision; .status is
    206 when a Range may be honoured."""
    if rep is None:
        rep = Representation(etag, last_modified, exists, lm_strong,
                             bool(flags & F_LENIENT_ETAG))
    req = _Request()
    res = _Result()
    lines = (_Line * _LINES)()
    _lib.condreq_request_init_sized(ctypes.byref(req), ctypes.sizeof(req))
    _lib.condreq_result_init_sized(ctypes.byref(res), ctypes.sizeof(res))
    keep = []                      # the request points into these
    m = _b(method)
    keep.append(m)
    req.method, req.method_len = m, len(m)
    req.now = int(_time.time()) if now is None else _epoch(now)
    req.flags = flags
    req.natural_status = natural_status
    req.lines, req.lines_cap = lines, _LINES
    for name, value in _header_pairs(headers):
        keep.append(name)
        keep.append(value)
        _lib.condreq_request_header(ctypes.byref(req), name, len(name),
                                    value, len(value))
    rc = _lib.condreq_evaluate(ctypes.byref(req), ctypes.byref(rep._rep),
                               ctypes.byref(res))
    if rc < 0:
        raise CondreqError(rc, 0, "cannot evaluate")
    ignored = tuple(_lib.condreq_ignored_reason(1 << b).decode()
                    for b in _bits(res.ignored))
    malformed = tuple(field_name(b) for b in _bits(res.malformed))
    return Decision((rc, rc == 206,
                     _lib.condreq_decided_name(res.decided_by).decode(),
                     ignored, malformed))
