"""The package answers as the condreq command does, on every row of
test/vectors/eval.tsv that the command can express, and for malformed
current ETags (both evaluate them as no ETag)."""
import os
import subprocess

import pytest

import condreq
from conftest import TREE

CLI = os.environ.get("CONDREQ_CLI") or os.path.join(TREE, "build", "condreq")


def rows():
    with open(os.path.join(TREE, "test", "vectors", "eval.tsv"),
              encoding="latin-1") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.startswith("#"):
                yield n, line.rstrip("\n").split("\t")


def cli(method, headers, etag, lm, exists, lm_strong, now, natural):
    args = [CLI, "eval", "--method", method, "--explain"]
    if etag is not None:
        args += ["--etag", etag]
    if lm is not None:
        args += ["--last-modified", condreq.format_http_date(lm)]
    if not exists:
        args.append("--no-representation")
    if lm_strong:
        args.append("--strong-last-modified")
    args += ["--now", str(now), "--natural-status", str(natural)]
    out = subprocess.run(args + headers, capture_output=True, timeout=10,
                         encoding="latin-1")
    lines = out.stdout.splitlines()
    assert lines, out.stderr
    by = [ln.split(": ", 1)[1] for ln in lines if ln.startswith("decided-by")]
    return int(lines[0]), by[0]


def test_cli_exists():
    assert os.access(CLI, os.X_OK), "%s not built (make)" % CLI


def test_every_row_as_the_cli():
    asked = apart = 0
    diff = []
    for n, r in rows():
        hdrs = [] if r[1] == "-" else r[1].split(" || ")
        etag = None if r[2] == "-" else r[2]
        lm = None if r[3] == "-" else int(r[3])
        if r[5] != "0" or r[7] == "-":
            apart += 1             # flags or an unknown clock: no option
            continue
        d = condreq.evaluate(r[0], hdrs, etag=etag, last_modified=lm,
                             exists=r[4] == "1", lm_strong=r[6] == "1",
                             now=int(r[7]), natural_status=int(r[8]))
        got = cli(r[0], hdrs, etag, lm, r[4] == "1", r[6] == "1",
                  int(r[7]), int(r[8]))
        if (d.status, d.decided_by) != got or d.status != int(r[9]):
            diff.append((n, d.status, d.decided_by, got, r[9]))
        asked += 1
    assert not diff, diff[:10]
    assert asked > 2000 and apart < 20, (asked, apart)


@pytest.mark.parametrize("etag", ['"v1', 'v1', 'W/v1', '"a"b"', 'W/"x', '*',
                                  '"\x7f"'])
@pytest.mark.parametrize("method,fields", [
    ("GET", ['If-None-Match: "v1"']), ("GET", ["If-None-Match: *"]),
    ("PUT", ['If-Match: "v1"']), ("PUT", ["If-Match: *"]),
    ("GET", ['If-Range: "v1"', "Range: bytes=0-1"]),
    ("DELETE", ['If-None-Match: "v1"'])])
def test_malformed_current_etag_as_the_cli(etag, method, fields):
    rep = condreq.Representation(etag, last_modified=1000000000)
    assert rep.etag is None and rep.etag_error is not None
    d = condreq.evaluate(method, fields, rep=rep, now=1764000000)
    assert "ETag" in d.malformed
    assert (d.status, d.decided_by) == cli(method, fields, etag, 1000000000,
                                           True, False, 1764000000, 0)
    if method == "PUT" and "*" not in fields[0]:
        assert d.status == 412     # never a write on a tag that is none
