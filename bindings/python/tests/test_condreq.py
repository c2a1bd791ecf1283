"""The Python package's core, over the C suite's vectors (runs under
unittest, as make check does, and under pytest).

The package imported is the one of this source tree, unless
CONDREQ_INSTALLED=1 says to import the installed one (from a virtual
environment, the wheel's). CONDREQ_TREE names the source tree (for the
vectors and the header) when the tests run from a copy."""
import datetime as dt
import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TREE = os.environ.get("CONDREQ_TREE") or os.path.join(HERE, "..", "..", "..")
if os.environ.get("CONDREQ_INSTALLED") != "1":
    sys.path.insert(0, os.path.join(HERE, ".."))
import condreq  # noqa: E402

VECTORS = os.environ.get("CONDREQ_VECTORS") or os.path.join(
    TREE, "test", "vectors")
FLAG = {"0": 0, "CONDREQ_F_LENIENT_ETAG": condreq.F_LENIENT_ETAG,
        "CONDREQ_F_ANY_WEEKDAY": condreq.F_ANY_WEEKDAY,
        "CONDREQ_F_IMS_EXACT": condreq.F_IMS_EXACT,
        "CONDREQ_F_IMS_IGNORE_FUTURE": condreq.F_IMS_IGNORE_FUTURE,
        "CONDREQ_F_LM_ZERO_UNKNOWN": condreq.F_LM_ZERO_UNKNOWN,
        "CONDREQ_F_WEAK_COMPARE": condreq.F_WEAK_COMPARE}


def rows(name):
    with open(os.path.join(VECTORS, name), encoding="latin-1") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield n, line.split("\t")


def unescape(s):
    return re.sub(r"\\(x[0-9a-fA-F]{2}|[trn\\])", lambda m: {
        "t": "\t", "r": "\r", "n": "\n", "\\": "\\"}.get(
        m.group(1), None) or chr(int(m.group(1)[1:], 16)), s).encode("latin-1")


def flags(s):
    f = 0
    for part in s.split("|"):
        f |= FLAG[part]
    return f


class TestDates(unittest.TestCase):
    def test_vectors(self):
        count = 0
        for n, r in rows("dates.tsv"):
            raw = unescape(r[0])
            now = False if r[1] == "-" else int(r[1])
            with self.subTest(line=n, value=r[0]):
                if r[3] == "CONDREQ_OK":
                    self.assertEqual(condreq.parse_http_date_epoch(
                        raw, now, flags(r[2])), int(r[4]))
                else:
                    with self.assertRaises(condreq.HTTPDateError) as cm:
                        condreq.parse_http_date_epoch(raw, now, flags(r[2]))
                    self.assertEqual(cm.exception.name, r[3])
                    self.assertEqual(cm.exception.offset, int(r[5]))
            count += 1
        self.assertGreater(count, 50)

    def test_datetime(self):
        d = condreq.parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT")
        self.assertEqual(d, dt.datetime(1994, 11, 6, 8, 49, 37,
                                        tzinfo=dt.timezone.utc))
        self.assertEqual(condreq.format_http_date(d),
                         "Sun, 06 Nov 1994 08:49:37 GMT")
        self.assertEqual(condreq.format_http_date(0),
                         "Thu, 01 Jan 1970 00:00:00 GMT")
        with self.assertRaises(ValueError):
            condreq.format_http_date(dt.datetime(2000, 1, 1))


class TestETags(unittest.TestCase):
    def test_list_vectors(self):
        for n, r in rows("etag_lists.tsv"):
            raw = unescape(r[0])
            lenient = flags(r[1]) & condreq.F_LENIENT_ETAG
            with self.subTest(line=n, value=r[0]):
                if r[2] == "CONDREQ_OK":
                    got = b" ".join(
                        b"*" if m is condreq.STAR else str(m).encode("latin-1")
                        for m in condreq.iter_etags(raw, lenient))
                    want = b"" if r[3] == "-" else unescape(r[3])
                    self.assertEqual(got, want)
                else:
                    with self.assertRaises(condreq.ETagError) as cm:
                        list(condreq.iter_etags(raw, lenient))
                    self.assertEqual(cm.exception.name, r[2])
                    self.assertEqual(cm.exception.offset, int(r[4]))

    def test_iter_etags_gc(self):
        """The C iterator points into the bytes iter_etags() was given:
        with a fresh string each time, dropped by the caller, and the
        collector run at every step, every member is still read right
        (the generator's frame holds the bytes)."""
        import gc
        for rnd in range(40):
            parts = ['"t%d-%d"' % (rnd, i) for i in range(12)]
            it = condreq.iter_etags(", ".join(parts))
            got = []
            for m in it:
                gc.collect()
                junk = [("x%d" % i) * 50 for i in range(50)]
                got.append(str(m))
                del junk
            self.assertEqual(got, parts)

    def test_comparison_table(self):
        for n, r in rows("etag_compare.tsv"):
            a, b = unescape(r[0]), unescape(r[1])
            with self.subTest(line=n):
                self.assertEqual(condreq.etag_match(a, b), r[2] == "match")
                self.assertEqual(condreq.etag_match(a, b, weak=True),
                                 r[3] == "match")

    def test_helpers(self):
        self.assertEqual(condreq.weaken_etag('"x"'), 'W/"x"')
        self.assertTrue(condreq.make_etag(10, 20, 30).startswith('"a-14'))
        with self.assertRaises(condreq.ETagError) as cm:
            condreq.etag_match("nope", '"a"')
        self.assertEqual(cm.exception.name, "CONDREQ_EUNQUOTED")

    def test_representation(self):
        rep = condreq.Representation('"v1"', last_modified=784111777)
        self.assertEqual(rep.etag, '"v1"')
        self.assertTrue(rep.exists)
        # A malformed current ETag is evaluated as no ETag, as the
        # condreq command does ("treated as no ETag"): If-Match fails,
        # If-None-Match never matches it, and the Decision says so.
        bad = condreq.Representation('"v1', last_modified=784111777)
        self.assertIsNone(bad.etag)
        self.assertEqual((bad.etag_error.name, bad.etag_error.offset),
                         ("CONDREQ_ESYNTAX", 3))
        d = condreq.evaluate("PUT", {"If-Match": '"v1'}, rep=bad)
        self.assertEqual(d.status, 412)
        self.assertIn("ETag", d.malformed)
        d = condreq.evaluate("GET", {"If-None-Match": '"v1'}, rep=bad)
        self.assertEqual(d.status, 200)
        d = condreq.evaluate("GET", {"If-Match": '*'}, rep=bad)
        self.assertEqual(d.status, 200)
        # One representation, many requests.
        for etag, status in (('"v1"', 304), ('"v0"', 200), ("W/\"v1\"", 304)):
            d = condreq.evaluate("GET", {"If-None-Match": etag}, rep=rep)
            self.assertEqual(d.status, status)


class TestEvaluate(unittest.TestCase):
    def test_decision_table(self):
        count = 0
        for n, r in rows("eval.tsv"):
            hdrs = [] if r[1] == "-" else r[1].split(" || ")
            with self.subTest(line=n, headers=r[1]):
                d = condreq.evaluate(
                    r[0], hdrs, etag=None if r[2] == "-" else r[2],
                    last_modified=None if r[3] == "-" else int(r[3]),
                    exists=r[4] == "1", flags=flags(r[5]),
                    lm_strong=r[6] == "1",
                    now=condreq.NOW_UNKNOWN if r[7] == "-" else int(r[7]),
                    natural_status=int(r[8]))
                self.assertEqual(d.status, int(r[9]))
                self.assertEqual(d.decided_by, r[10])
            count += 1
        self.assertGreater(count, 2000)

    def test_rows_name_rules(self):
        # The last column of every vector file: an id of rules.tsv.
        ids = {r[0] for _, r in rows("rules.tsv")}
        for name, ncol in (("dates.tsv", 9), ("etag_lists.tsv", 8),
                           ("etag_compare.tsv", 7), ("eval.tsv", 14)):
            for n, r in rows(name):
                with self.subTest(file=name, line=n):
                    self.assertEqual(len(r), ncol)
                    self.assertIn(r[-1], ids)

    def test_shapes(self):
        d = condreq.evaluate("GET", {"If-None-Match": '"a"',
                                     "If-Modified-Since": "nope"},
                             etag='"a"')
        self.assertEqual(d.status, 304)
        self.assertIn("If-None-Match is present", d.reason)
        d = condreq.evaluate("PUT", [("If-Match", "junk")], etag='"a"')
        self.assertEqual((d.status, d.malformed), (412, ("If-Match",)))
        d = condreq.evaluate("GET", ['If-None-Match: "x"',
                                     'If-None-Match: "a"'], etag='"a"')
        self.assertEqual(d.status, 304)
        d = condreq.evaluate("OPTIONS", {"If-Match": '"x"'}, etag='"a"')
        self.assertEqual((d.status, d.decided_by), (200, "method"))
        d = condreq.evaluate("GET", {"If-None-Match": '"a"'}, etag='"a"',
                             natural_status=404)
        self.assertEqual((d.status, d.decided_by), (404, "natural-status"))
        with self.assertRaises(condreq.CondreqError) as cm:
            condreq.evaluate("", [])
        self.assertEqual(cm.exception.name, "CONDREQ_EMETHOD")
        with self.assertRaises(condreq.CondreqError) as cm:
            condreq.evaluate("GET", [], natural_status=1000)
        self.assertEqual(cm.exception.name, "CONDREQ_EINVAL")
        self.assertEqual(condreq.field_name(4), "If-Range")

    def test_overflow(self):
        # More repeated lines than are kept: fail safe, and say why.
        lines = [("If-Match", '"x%d"' % i) for i in range(70)]
        d = condreq.evaluate("PUT", lines + [("If-Match", '"a"')],
                             etag='"a"')
        self.assertEqual(d.status, 412)
        self.assertEqual(d.overflow, ("If-Match",))
        d = condreq.evaluate("PUT", lines[:3] + [("If-Match", '"a"')],
                             etag='"a"')
        self.assertEqual((d.status, d.overflow), (200, ()))


class TestCheck(unittest.TestCase):
    """condreq.wsgi.check_preconditions(), the write check, gives the
    library's answer (evaluate()'s) on the vectors' requests, also where
    it decides an If-Match without a call into the library."""

    def setUp(self):
        from condreq import _middleware
        from condreq.wsgi import check_preconditions
        self.check = check_preconditions
        # Counts the calls into the library, to show which checks took
        # the If-Match shortcut (_middleware.check) and which did not.
        self.calls = 0
        real = _middleware._status

        def counted(*a, **k):
            self.calls += 1
            return real(*a, **k)
        _middleware._status = counted
        self.addCleanup(setattr, _middleware, "_status", real)

    def agree(self, method, lines, etag, exists=True, flags=0, lm=None):
        """check_preconditions() on a WSGI environ of these request lines
        (repeated ones joined, as a server does) is evaluate()'s status
        when that is 304 or 412, else None; returns whether the library
        was called."""
        env = {"REQUEST_METHOD": method}
        for line in lines:
            name, _, value = line.partition(":")
            key = "HTTP_" + name.strip().upper().replace("-", "_")
            value = value.strip(" \t")
            env[key] = env[key] + ", " + value if key in env else value
        before = self.calls
        got = self.check(env, etag=etag, last_modified=lm, exists=exists,
                         flags=flags)
        from condreq.wsgi import precondition_fields
        try:
            want = condreq.evaluate(method, precondition_fields(env),
                                    etag=etag, last_modified=lm,
                                    exists=exists, flags=flags).status
        except condreq.CondreqError:
            want = 412
        except UnicodeEncodeError:
            want = 412
        self.assertEqual(got, want if want in (304, 412) else None)
        return self.calls > before

    def test_decision_table(self):
        count = shortcut = 0
        for n, r in rows("eval.tsv"):
            if r[6] == "1" or r[8] != "0":
                continue        # lm_strong, a natural status: not check's
            hdrs = [] if r[1] == "-" else r[1].split(" || ")
            with self.subTest(line=n, headers=r[1]):
                called = self.agree(
                    r[0], hdrs, None if r[2] == "-" else r[2],
                    r[4] == "1", flags(r[5]),
                    None if r[3] == "-" else int(r[3]))
                shortcut += not called
            count += 1
        self.assertGreater(count, 1500)
        self.assertGreater(shortcut, 0)

    def test_comparison_table(self):
        # Each row as an If-Match write against the current tag a: goes
        # on only on a strong match (RFC 9110 13.1.1).
        shortcut = 0
        for n, r in rows("etag_compare.tsv"):
            a, b = unescape(r[0]), unescape(r[1])
            for method in ("PUT", "DELETE", "PATCH", "POST"):
                with self.subTest(line=n, method=method):
                    before = self.calls
                    got = self.check({"REQUEST_METHOD": method,
                                      "HTTP_IF_MATCH": b.decode("latin-1")},
                                     etag=a)
                    self.assertEqual(got, None if r[2] == "match" else 412)
                    shortcut += self.calls == before
                    self.agree(method, ["If-Match: " + b.decode("latin-1")],
                               a)
        self.assertGreater(shortcut, 10)

    def test_if_match_shortcut(self):
        """The values next to the shortcut's: each decided as the library
        decides it, and the library called exactly where the value is not
        one quoted string without a quote inside (or the ETag, the
        method, the flags or exists leave it to the library)."""
        cur = '"5f3a-15"'
        values = ['"5f3a-15"', '"5f3a-16"', '""', '"5f3a-15" ',
                  ' "5f3a-15"', 'W/"5f3a-15"', '"5f3a-15", "x"',
                  '"x", "5f3a-15"', '*', '"5f3a-15""', '"a"b"', '"',
                  '"\x01"', '"a b"', '"\x7f"', '"\xff"', '"5f3a-15",',
                  '"\u0100"', 'junk', '', '"5F3A-15"', '"a,b"', '"\\"']
        shortcut = 0
        for v in values:
            for method in ("PUT", "POST", "PATCH", "DELETE", "GET", "HEAD",
                           "OPTIONS", "put", "BREW"):
                for etag, exists, fl in ((cur, True, 0), (cur, False, 0),
                                         ('W/"5f3a-15"', True, 0),
                                         (' "5f3a-15"', True, 0),
                                         ('"5f3a', True, 0),
                                         (cur, True, condreq.F_WEAK_COMPARE),
                                         (cur, True, condreq.F_LENIENT_ETAG),
                                         (b'"5f3a-15"', True, 0)):
                    with self.subTest(v=v, method=method, etag=etag,
                                      exists=exists, flags=fl):
                        called = self.agree(method, ["If-Match: " + v],
                                            etag, exists, fl)
                        w = v.strip(" \t")    # as agree() sends it
                        quoted = (len(w) >= 2 and w[0] == '"' and
                                  '"' not in w[1:-1] and w[-1] == '"')
                        fast = (quoted and method in ("PUT", "POST",
                                                      "PATCH", "DELETE")
                                and etag in (cur, b'"5f3a-15"') and
                                exists and not fl)
                        if max(v, default=" ") <= "\xff":
                            # (A value that is no latin-1 never reaches
                            # the library: 412 before it, as evaluate()'s
                            # UnicodeEncodeError.)
                            self.assertEqual(called, not fast)
                        shortcut += fast
        self.assertGreater(shortcut, 50)
        # Another field beside If-Match: always the library's.
        self.assertTrue(self.agree("PUT", ['If-Match: "5f3a-15"',
                                           "If-None-Match: *"], cur))
        self.assertTrue(self.agree("PUT", ['If-Match: "5f3a-15"',
                                           "If-Match: \"x\""], cur))


class TestLoading(unittest.TestCase):
    def test_told_library_or_nothing(self):
        """A library named by CONDREQ_LIB that cannot be loaded is an
        error, never a silent fallback to another build."""
        import subprocess
        env = dict(os.environ, CONDREQ_LIB="/nonexistent/libcondreq.so.1")
        r = subprocess.run([sys.executable, "-c", "import condreq"],
                           cwd=os.path.join(HERE, ".."),
                           env=env, capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("CONDREQ_LIB=/nonexistent", r.stderr)

    def test_header_and_library_agree(self):
        header = os.path.join(TREE, "include", "condreq.h")
        with open(header) as f:
            want = re.search(r'#define CONDREQ_VERSION_STRING "([^"]*)"',
                             f.read()).group(1)
        self.assertEqual(condreq.version(), want)
        self.assertEqual(condreq.__version__, want)


if __name__ == "__main__":
    unittest.main()
