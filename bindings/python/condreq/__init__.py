"""HTTP conditional requests (RFC 9110 section 13) for Python, over
libcondreq through ctypes.

    >>> import condreq
    >>> rep = condreq.Representation(etag='"v1"', last_modified=784111777)
    >>> condreq.evaluate("GET", [("If-None-Match", '"v1"')], rep=rep).status
    304

condreq.wsgi and condreq.asgi hold the middleware and the checks for writes.

The shared library is, in this order: the file the CONDREQ_LIB
environment variable names, when it is set (that or nothing: if it cannot
be loaded or is another version, importing fails); build/libcondreq.so.2
of the source tree, when this package is the one in a source tree's
bindings/python; the system's libcondreq.so.2 (looked for in
/usr/local/lib and the interpreter's LIBDIR and /usr/lib, multiarch
first, by absolute path) when its version is this package's; the copy
this package carries, built from the same sources when the package was
built. ImportError names each place tried and why it was passed over.
"""
from __future__ import annotations

import ctypes
import collections.abc as _abc
import datetime as _dt
import os
import time as _time
from typing import (Dict, Iterable, Iterator, List, Mapping, NamedTuple,
                    Optional, Tuple, Union, overload)

__version__ = "1.0.0"

__all__ = [
    "evaluate", "Decision", "Representation", "parse_http_date",
    "parse_http_date_epoch", "format_http_date", "iter_etags", "ETag",
    "STAR", "etag_match", "make_etag", "weaken_etag", "field_name",
    "keeps_in_304", "CondreqError", "HTTPDateError", "ETagError",
    "F_LENIENT_ETAG", "F_ANY_WEEKDAY", "F_IMS_EXACT", "F_IMS_IGNORE_FUTURE",
    "F_LM_ZERO_UNKNOWN", "F_WEAK_COMPARE", "NOW_UNKNOWN", "version",
    "library_path", "Headers", "Moment",
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


_HERE = os.path.dirname(os.path.abspath(__file__))


def _version_of(lib: ctypes.CDLL) -> str:
    f = lib.condreq_version_string
    f.restype = ctypes.c_char_p
    f.argtypes = []
    return str(f().decode())


def _system_dirs() -> List[str]:
    """Where make install (PREFIX /usr/local) and Debian's libcondreq2 put
    the library, in the dynamic linker's default order: absolute
    directories, from this interpreter's own MULTIARCH and LIBDIR."""
    import sysconfig
    multi = str(sysconfig.get_config_var("MULTIARCH") or "")
    libdir = str(sysconfig.get_config_var("LIBDIR") or "")
    out: List[str] = []
    for d in ("/usr/local/lib/" + multi if multi else "", "/usr/local/lib",
              libdir, "/usr/lib/" + multi if multi else "", "/usr/lib",
              "/lib/" + multi if multi else "", "/lib"):
        if d and os.path.isabs(d) and d not in out:
            out.append(d)
    return out


def _checked(path: str, what: str, tried: List[str]) -> Optional[ctypes.CDLL]:
    """The library at path if it loads and is this version, else None
    with the reason in tried."""
    try:
        lib = ctypes.CDLL(path)
        have = _version_of(lib)
    except (OSError, AttributeError) as e:
        tried.append("%s (%s): %s" % (path, what, e))
        return None
    if have != __version__:
        tried.append("%s (%s): version %s, not %s"
                     % (path, what, have, __version__))
        return None
    return lib


def _load() -> Tuple[ctypes.CDLL, str]:
    # Only absolute paths are given to dlopen: a bare name would be
    # looked up along LD_LIBRARY_PATH, where an empty element is the
    # current directory, and a stranger's library would run its
    # constructors before any check. No ctypes.util.find_library(): it
    # runs ldconfig and the compiler inside the importing process.
    tried: List[str] = []
    if os.environ.get("CONDREQ_LIB"):
        # Told what to test: that or nothing, never a stand-in.
        path = os.path.abspath(os.environ["CONDREQ_LIB"])
        lib = _checked(path, "CONDREQ_LIB", tried)
        if lib is None:
            raise ImportError("CONDREQ_LIB=%s cannot be used: %s"
                              % (os.environ["CONDREQ_LIB"], tried[0]))
        return lib, path
    # build/ of the source tree, only when this package is the one in its
    # bindings/python (beside src/libcondreq.map): an installed copy never
    # looks in a folder relative to where it was installed.
    top = os.path.dirname(os.path.dirname(os.path.dirname(_HERE)))
    if (_HERE.endswith(os.path.join("bindings", "python", "condreq")) and
            os.path.isfile(os.path.join(top, "src", "libcondreq.map"))):
        path = os.path.join(top, "build", _SONAME)
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (the source tree's build): %s" % (path, e))
    # The system's, if it is this version: the functions and structs
    # below are this version's.
    dirs = _system_dirs()
    for d in dirs:
        path = os.path.join(d, _SONAME)
        if os.path.isfile(path):
            lib = _checked(path, "the system's", tried)
            if lib is not None:
                return lib, path
    if not any("(the system's)" in t for t in tried):
        tried.append("%s (the system's): in none of %s"
                     % (_SONAME, ", ".join(dirs)))
    path = os.path.join(_HERE, _SONAME)
    try:
        return ctypes.CDLL(path), path
    except OSError as e:
        tried.append("%s (carried by the package): %s" % (path, e))
    raise ImportError("libcondreq %s not found; tried %s"
                      % (__version__, "; ".join(tried)))


_lib, _lib_path = _load()


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
    "condreq_304_keeps_header": (ctypes.c_int, [ctypes.c_char_p, _sz]),
}
for _name, (_res, _args) in _sig.items():
    _f = getattr(_lib, _name)
    _f.restype = _res
    _f.argtypes = _args


Moment = Union[int, _dt.datetime]
"""A point in time: Unix seconds, or an aware datetime."""

Headers = Union[Mapping[str, str], Iterable[Tuple[Union[str, bytes],
                                                  Union[str, bytes]]],
                Iterable[Union[str, bytes]]]
"""Request fields: a mapping, (name, value) pairs, or "Name: value"
lines."""


def version() -> str:
    """The loaded library's version string ("1.0.0")."""
    return str(_lib.condreq_version_string().decode())


def library_path() -> str:
    """The file or name the shared library was loaded from."""
    return _lib_path


def field_name(field: int) -> str:
    """The header name of a CONDREQ_IF_* field number ("If-Match")."""
    return str(_lib.condreq_field_name(field).decode())


def keeps_in_304(name: Union[str, bytes], has_etag: bool = True) -> bool:
    """Whether a 304 carries the response field `name` that the 200
    would have carried (RFC 9110 15.4.5): Date, ETag, Vary,
    Cache-Control, Expires, Content-Location, and Last-Modified when
    there is no ETag (`has_etag` false)."""
    n = _b(name)
    k = _lib.condreq_304_keeps_header(n, len(n))
    return k == 1 or (k == 2 and not has_etag)


class CondreqError(ValueError):
    """A libcondreq error: .code, .name, .reason and .offset."""

    def __init__(self, code: int, offset: int, what: str) -> None:
        self.code = code
        self.name = _lib.condreq_code_name(code).decode()
        self.reason = _lib.condreq_strerror(code).decode()
        self.offset = offset
        super().__init__("%s: %s at offset %s (%s)" % (what, self.reason,
                                                       offset, self.name))


class HTTPDateError(CondreqError):
    """A value that is not an HTTP-date (RFC 9110 5.6.7)."""


class ETagError(CondreqError):
    """A malformed entity-tag or entity-tag list (RFC 9110 8.8.3)."""


@overload
def _b(s: None) -> None: ...
@overload
def _b(s: Union[str, bytes, bytearray]) -> bytes: ...


def _b(s: Union[str, bytes, bytearray, None]) -> Optional[bytes]:
    if s is None:
        return None
    if isinstance(s, (bytes, bytearray)):
        return bytes(s)
    return s.encode("latin-1")


def _epoch(t: Moment) -> int:
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None:
            raise ValueError("naive datetime: give it a time zone")
        return int(t.timestamp())
    return int(t)


def parse_http_date_epoch(value: Union[str, bytes],
                          now: Union[Moment, None, bool] = None,
                          flags: int = 0) -> int:
    """Unix seconds of an HTTP-date in any of its three formats (RFC 9110
    5.6.7). `now` (Unix seconds or an aware datetime; the clock by
    default; False for unknown) places a two-digit rfc850 year. Raises
    HTTPDateError."""
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


def parse_http_date(value: Union[str, bytes],
                    now: Union[Moment, None, bool] = None,
                    flags: int = 0) -> _dt.datetime:
    """An aware UTC datetime for an HTTP-date. Raises HTTPDateError."""
    t = parse_http_date_epoch(value, now, flags)
    return (_dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
            + _dt.timedelta(seconds=t))


def format_http_date(t: Moment) -> str:
    """The IMF-fixdate of Unix seconds or an aware datetime."""
    buf = ctypes.create_string_buffer(30)
    rc = _lib.condreq_date_format(_epoch(t), buf, 30, None)
    if rc != 0:
        raise HTTPDateError(rc, 0, "cannot format")
    return buf.value.decode()


class ETag(Tuple[bytes, bool]):
    """An entity-tag: (opaque bytes, weak)."""
    __slots__ = ()

    def __new__(cls, opaque: bytes, weak: bool = False) -> "ETag":
        return tuple.__new__(cls, (bytes(opaque), bool(weak)))

    opaque = property(lambda self: self[0])
    weak = property(lambda self: self[1])

    def __str__(self) -> str:
        return ('W/"%s"' if self[1] else '"%s"') % self[0].decode("latin-1")


STAR = "*"
"""The member "*" of an If-Match / If-None-Match list."""


def iter_etags(value: Union[str, bytes],
               lenient: bool = False) -> Iterator[Union[ETag, str]]:
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
    """The selected representation (RFC 9110 3.2), prepared once and
    reused for every request on it.

    etag: its ETag field value as sent ('"v1"', 'W/"v1"'). A malformed
    one is evaluated as no ETag, as the condreq command does: a
    precondition then never matches it, so If-Match fails and a write
    is refused; .etag_error holds the ETagError and every Decision made
    with this representation names "ETag" in .malformed.
    last_modified: Unix seconds, an aware datetime, or the HTTP-date as
    sent; a date that does not parse is evaluated as none, likewise
    (.last_modified_error). lm_strong: Last-Modified is a strong
    validator (RFC 9110 8.8.2.2: If-Range may then use it). exists:
    whether the resource has a current representation (false before a
    PUT creates it; If-Match then fails)."""

    __slots__ = ("_rep", "_etag", "_sent", "etag_error",
                 "last_modified_error")

    def __init__(self, etag: Union[str, bytes, None] = None,
                 last_modified: Union[Moment, str, bytes, None] = None,
                 exists: bool = True, lm_strong: bool = False,
                 lenient: bool = False) -> None:
        self._rep = _Rep()
        _lib.condreq_rep_init_sized(ctypes.byref(self._rep),
                                    ctypes.sizeof(self._rep))
        self.etag_error: Optional[ETagError] = None
        self.last_modified_error: Optional[HTTPDateError] = None
        self._etag = _b(etag)          # the struct points into it
        if self._etag is not None:
            pos = _sz()
            rc = _lib.condreq_rep_set_etag(
                ctypes.byref(self._rep), self._etag, len(self._etag),
                F_LENIENT_ETAG if lenient else 0, ctypes.byref(pos))
            if rc != 0:
                self.etag_error = ETagError(rc, pos.value, "malformed ETag")
                self._etag = None
                _lib.condreq_rep_init_sized(ctypes.byref(self._rep),
                                            ctypes.sizeof(self._rep))
        if isinstance(last_modified, (str, bytes)):
            try:
                last_modified = parse_http_date_epoch(last_modified)
            except HTTPDateError as e:
                self.last_modified_error = e
                last_modified = None
        if last_modified is not None:
            self._rep.last_modified = _epoch(last_modified)
            self._rep.has_last_modified = 1
        self._rep.exists = 1 if exists else 0
        self._rep.lm_strong = 1 if lm_strong else 0
        # The ETag as the field value a client echoes, when it is one
        # strong tag and nothing else ('"v1"', no OWS) of a representation
        # that exists: condreq.wsgi's write check compares an If-Match
        # with it without a call into the library (_middleware.check).
        tag = self._etag
        self._sent: Optional[str] = (
            tag.decode("latin-1") if tag is not None and exists and
            len(tag) >= 2 and tag[:1] == b'"' and tag[-1:] == b'"'
            else None)

    @property
    def etag(self) -> Optional[str]:
        """The ETag as given, None when absent or malformed."""
        return (self._etag.decode("latin-1") if self._etag is not None
                else None)

    @property
    def last_modified(self) -> Optional[_dt.datetime]:
        """Last-Modified as an aware UTC datetime, or None."""
        if not self._rep.has_last_modified:
            return None
        return (_dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
                + _dt.timedelta(seconds=self._rep.last_modified))

    @property
    def exists(self) -> bool:
        """Whether the resource has a current representation."""
        return bool(self._rep.exists)


def etag_match(etag: Union[str, bytes], value: Union[str, bytes],
               weak: bool = False) -> bool:
    """Does the current tag match a member of the list (or "*")? Strong
    comparison unless `weak` (RFC 9110 8.8.3.2). Raises ETagError for a
    malformed tag or list."""
    rep = Representation(etag)
    if rep.etag_error is not None:
        raise rep.etag_error
    v = _b(value)
    pos = _sz()
    fault = ctypes.c_int()
    rc = _lib.condreq_etag_list_match(ctypes.byref(rep._rep), v, len(v),
                                      F_WEAK_COMPARE if weak else 0,
                                      ctypes.byref(fault), ctypes.byref(pos))
    if fault.value != 0:
        raise ETagError(fault.value, pos.value, "malformed entity-tag list")
    return bool(rc == 1)


def make_etag(size: int, mtime_ns: int, ino: int = 0) -> str:
    """A strong ETag from a file's size, mtime (ns) and inode."""
    buf = ctypes.create_string_buffer(64)
    _lib.condreq_etag_make(size, mtime_ns, ino, buf, 64, None)
    return buf.value.decode()


def weaken_etag(etag: Union[str, bytes]) -> str:
    """The weak form of an entity-tag."""
    e = _b(etag)
    buf = ctypes.create_string_buffer(len(e) + 3)
    rc = _lib.condreq_etag_weaken(e, len(e), buf, len(e) + 3, None)
    if rc != 0:
        raise ETagError(rc, 0, "malformed entity-tag")
    return buf.value.decode("latin-1")


class Decision(NamedTuple):
    """What to answer a request.

    status: the status to send: 304 or 412 when a precondition says so,
    206 when a Range may be honoured, else 200 or the natural status.
    range_ok: status is 206. decided_by: the field that decided
    ("If-None-Match", ...; "none", "method", "natural-status").
    ignored: why fields were set aside. malformed: the names of the
    malformed fields ("ETag" for the representation's own). overflow:
    the names of the fields sent in more lines than are kept (64, RFC
    9110 5.3): such a field fails safe (If-Match: 412), and this says
    why."""
    status: int
    range_ok: bool
    decided_by: str
    ignored: Tuple[str, ...]
    malformed: Tuple[str, ...]
    overflow: Tuple[str, ...] = ()

    @property
    def range(self) -> bool:
        """The same as range_ok (0.2's name)."""
        return self.range_ok

    @property
    def proceed(self) -> bool:
        """The request may go on: the status is neither 304 nor 412."""
        return self.status != 304 and self.status != 412

    @property
    def reason(self) -> str:
        """decided_by and the reasons of ignored, in words."""
        parts = ["decided by %s" % self.decided_by] + list(self.ignored)
        return "; ".join(parts)


# The fields the library reads, by their CONDREQ_IF_* index (lowercase
# names, as bytes and as str: the middleware passes str).
_FIELDS: Dict[Union[str, bytes], int] = {}
for _i, _n in enumerate(("if-match", "if-none-match", "if-modified-since",
                         "if-unmodified-since", "if-range", "range")):
    _FIELDS[_n] = _FIELDS[_n.encode()] = _i
_byref = ctypes.byref
_REQUEST_INIT = _Request()
_lib.condreq_request_init_sized(_byref(_REQUEST_INIT),
                                ctypes.sizeof(_Request))
_RESULT_INIT = _Result()
_lib.condreq_result_init_sized(_byref(_RESULT_INIT), ctypes.sizeof(_Result))


def _header_pairs(headers: Headers) -> Iterator[Tuple[bytes, bytes]]:
    if isinstance(headers, (dict, _abc.Mapping)):
        headers = headers.items()
    for h in headers:
        if type(h) is tuple and type(h[0]) is str and type(h[1]) is str:
            yield h[0].encode("latin-1"), h[1].encode("latin-1")
        elif isinstance(h, (str, bytes)):
            name, _, value = _b(h).partition(b":")
            yield name, value
        else:
            yield _b(h[0]), _b(h[1])


def _bits(mask: int) -> List[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


_names: Dict[Tuple[str, int], str] = {}


def _cname(kind: str, value: int) -> str:
    # The library's names are constants: each looked up once.
    key = (kind, value)
    s = _names.get(key)
    if s is None:
        s = _names[key] = str(getattr(_lib, kind)(value).decode())
    return s


# condreq_evaluate() once more, without argtypes: _run() gives it only
# the three byref() pointers, which ctypes then passes as they are
# (checked against argtypes, the call took 520 instead of 270 ns).
_evaluate = _lib["condreq_evaluate"]
_evaluate.restype = ctypes.c_int

_Pairs = Iterable[Tuple[Union[str, bytes], Union[str, bytes]]]


def _run(method: bytes, pairs: _Pairs, rep: Representation, now: int,
         flags: int, natural_status: int, res: _Result) -> int:
    """condreq_evaluate() of one request; the fields' (name, value) pairs
    are bytes, or str that latin-1 encodes (else UnicodeEncodeError)."""
    # A copy of a struct the library set up once (condreq_request_init).
    req = _Request.from_buffer_copy(_REQUEST_INIT)
    rq = _byref(req)
    keep: List[object] = [method]  # the request points into these
    req.method, req.method_len = method, len(method)
    req.now = now
    if flags:
        req.flags = flags
    if natural_status:
        req.natural_status = natural_status
    field = req.field
    seen = 0
    for name, value in pairs:
        # Only the six fields the library reads are passed to it.
        i = _FIELDS.get(name)
        if i is None:
            i = _FIELDS.get(name.lower())
            if i is None:
                continue
        if isinstance(value, str):
            value = value.encode("latin-1")
        keep.append(value)
        if not seen & (1 << i):
            # The first line goes in field[], trimmed of OWS (RFC 9110
            # 5.6.3), as condreq_request_header() would put it.
            seen |= 1 << i
            v = value.strip(b" \t")
            keep.append(v)
            f = field[i]
            f.value, f.len = v, len(v)
            continue
        if not req.lines_cap:
            # A repeated line (RFC 9110 5.3): room for the list.
            lines = (_Line * _LINES)()
            keep.append(lines)
            req.lines, req.lines_cap = lines, _LINES
        n = name.encode("latin-1") if isinstance(name, str) else name
        _lib.condreq_request_header(rq, n, len(n), value, len(value))
    return int(_evaluate(rq, _byref(rep._rep), _byref(res)))


def _status(method: bytes, pairs: _Pairs,
            rep: Representation, now: int, flags: int = 0,
            natural_status: int = 0) -> int:
    """The status evaluate() would give, without the Decision around it
    (the middleware's path)."""
    rc = _run(method, pairs, rep, now, flags, natural_status,
              _Result.from_buffer_copy(_RESULT_INIT))
    if rc < 0:
        raise CondreqError(rc, 0, "cannot evaluate")
    return rc


def evaluate(method: Union[str, bytes], headers: Headers,
             rep: Optional[Representation] = None,
             etag: Union[str, bytes, None] = None,
             last_modified: Union[Moment, str, bytes, None] = None,
             now: Optional[Moment] = None, exists: bool = True,
             flags: int = 0, lm_strong: bool = False,
             natural_status: int = 0) -> Decision:
    """Decide a conditional request (RFC 9110 13.2).

    headers: a mapping, (name, value) pairs, or "Name: value" strings, in
    any order; every request header may be passed, and repeated lines
    are one list. rep: a Representation; without one it is made from
    etag, last_modified, exists and lm_strong. now is Unix seconds or an
    aware datetime, the current time by default. natural_status: the
    status the request would get without preconditions (0: 200).
    Returns a Decision. Raises CondreqError for an empty method or a
    natural_status out of range."""
    if rep is None:
        rep = Representation(etag, last_modified, exists, lm_strong,
                             bool(flags & F_LENIENT_ETAG))
    res = _Result.from_buffer_copy(_RESULT_INIT)
    rc = _run(_b(method), _header_pairs(headers), rep,
              int(_time.time()) if now is None else _epoch(now), flags,
              natural_status, res)
    if rc < 0:
        raise CondreqError(rc, 0, "cannot evaluate")
    ignored = tuple(_cname("condreq_ignored_reason", 1 << b)
                    for b in _bits(res.ignored)) if res.ignored else ()
    malformed = tuple(_cname("condreq_field_name", b)
                      for b in _bits(res.malformed)) if res.malformed else ()
    if rep.etag_error is not None:
        malformed += ("ETag",)
    overflow = tuple(_cname("condreq_field_name", b)
                     for b in _bits(res.overflow)) if res.overflow else ()
    return Decision(rc, rc == 206,
                    _cname("condreq_decided_name", res.decided_by),
                    ignored, malformed, overflow)
