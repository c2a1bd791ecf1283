// The C suite's shared vectors (test/vectors/*.tsv) through the
// WebAssembly build, in both of the package's module formats: the same
// answers as the C library's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { esm, cjs, rows } from './subject.mjs';
import { unescape, flags, evalOptions } from './rows.mjs';

for (const [label, lib] of [['ES module', esm], ['CommonJS', cjs]]) {
  test(`${label}: dates.tsv`, () => {
    let count = 0;
    for (const { n, r } of rows('dates.tsv')) {
      const raw = unescape(r[0]);
      const now = r[1] === '-' ? null : Number(r[1]) * 1000;
      const o = { now, anyWeekday: (flags(lib, r[2]) & lib.F_ANY_WEEKDAY) !== 0 };
      if (r[3] === 'CONDREQ_OK') {
        assert.equal(lib.parseHttpDate(raw, o).getTime(), Number(r[4]) * 1000, `line ${n}`);
      } else {
        assert.throws(() => lib.parseHttpDate(raw, o), (e) => {
          assert.ok(e instanceof lib.HttpDateError, `line ${n}`);
          assert.equal(e.codeName, r[3], `line ${n}`);
          assert.equal(e.offset, Number(r[5]), `line ${n}`);
          return true;
        });
      }
      count++;
    }
    assert.ok(count > 50);
  });

  test(`${label}: etag_lists.tsv`, () => {
    let count = 0;
    for (const { n, r } of rows('etag_lists.tsv')) {
      const raw = unescape(r[0]);
      const lenient = (flags(lib, r[1]) & lib.F_LENIENT_ETAG) !== 0;
      if (r[2] === 'CONDREQ_OK') {
        const got = lib.parseETagList(raw, { lenient }).map((m) => m === '*' ? '*' : m.tag).join(' ');
        assert.equal(got, r[3] === '-' ? '' : unescape(r[3]), `line ${n}`);
      } else {
        assert.throws(() => lib.parseETagList(raw, { lenient }), (e) => {
          assert.ok(e instanceof lib.ETagError, `line ${n}`);
          assert.equal(e.codeName, r[2], `line ${n}`);
          assert.equal(e.offset, Number(r[4]), `line ${n}`);
          return true;
        });
      }
      count++;
    }
    assert.ok(count > 40);
  });

  // 8.8.3.2's table through the decision: If-Match compares strongly,
  // If-None-Match weakly.
  test(`${label}: etag_compare.tsv`, () => {
    for (const { n, r } of rows('etag_compare.tsv')) {
      const a = unescape(r[0]);
      const b = unescape(r[1]);
      const strong = lib.evaluate({ method: 'PUT', headers: { 'If-Match': b }, etag: a });
      assert.equal(strong.status, r[2] === 'match' ? 200 : 412, `line ${n}`);
      const weak = lib.evaluate({ method: 'GET', headers: { 'If-None-Match': b }, etag: a });
      assert.equal(weak.status, r[3] === 'match' ? 304 : 200, `line ${n}`);
    }
  });

  test(`${label}: eval.tsv, the decision table`, () => {
    let count = 0;
    for (const { n, r } of rows('eval.tsv')) {
      const d = lib.evaluate(evalOptions(lib, r));
      assert.equal(d.status, Number(r[9]), `line ${n}: ${r.join(' | ')}`);
      assert.equal(d.decidedBy, r[10], `line ${n}`);
      assert.equal(d.rangeOk, d.status === 206);
      count++;
    }
    assert.ok(count > 2000, `${count} rows`);
  });
}
