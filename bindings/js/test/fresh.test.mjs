// fresh(reqHeaders, resHeaders): the cases of the `fresh` package's
// documented behaviour, written here. Each row gives fresh's answer; a
// row where condreq answers otherwise on purpose gives condreq's answer
// and the reason (the README's list of differences). The real fresh 2.0
// from npm runs the same rows, so that the table is fresh's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { esm, cjs } from './subject.mjs';

const realFresh = createRequire(join(resolve(process.env.CONDREQ_DEPS), 'package.json'))('fresh');
const LM = 'Sat, 01 Jan 2000 00:00:00 GMT';
const EARLIER = 'Fri, 31 Dec 1999 23:59:59 GMT';
const LATER = 'Sat, 01 Jan 2000 00:00:01 GMT';

// [what, reqHeaders, resHeaders, fresh's answer, condreq's answer if it differs, why]
const CASES = [
  ['a request without conditions is stale', {}, {}, false],
  ['etags match', { 'if-none-match': '"foo"' }, { etag: '"foo"' }, true],
  ['etags mismatch', { 'if-none-match': '"foo"' }, { etag: '"bar"' }, false],
  ['at least one of a list matches', { 'if-none-match': ' "bar" , "foo"' }, { etag: '"foo"' }, true],
  ['the response has no etag', { 'if-none-match': '"foo"' }, {}, false],
  ['weak request and weak response match', { 'if-none-match': 'W/"foo"' }, { etag: 'W/"foo"' }, true],
  ['weak request, strong response match', { 'if-none-match': 'W/"foo"' }, { etag: '"foo"' }, true],
  ['strong request, weak response match', { 'if-none-match': '"foo"' }, { etag: 'W/"foo"' }, true],
  ['* is fresh', { 'if-none-match': '*' }, { etag: '"foo"' }, true],
  ['* is fresh without an etag', { 'if-none-match': '*' }, {}, true],
  ['modified since the date', { 'if-modified-since': EARLIER }, { 'last-modified': LM }, false],
  ['not modified since the date', { 'if-modified-since': LATER }, { 'last-modified': LM }, true],
  ['modified on the date itself is fresh', { 'if-modified-since': LM }, { 'last-modified': LM }, true],
  ['no last-modified is stale', { 'if-modified-since': LM }, {}, false],
  ['an invalid if-modified-since is stale', { 'if-modified-since': 'foo' }, { 'last-modified': LM }, false],
  ['an invalid last-modified is stale', { 'if-modified-since': LM }, { 'last-modified': 'foo' }, false],
  ['if-none-match wins over if-modified-since (etag matches, modified)',
    { 'if-none-match': '"foo"', 'if-modified-since': EARLIER }, { etag: '"foo"', 'last-modified': LM }, true],
  ['if-none-match wins over if-modified-since (etag differs, unmodified)',
    { 'if-none-match': '"foo"', 'if-modified-since': LATER }, { etag: '"bar"', 'last-modified': LM }, false],
  ['both match', { 'if-none-match': '"foo"', 'if-modified-since': LATER }, { etag: '"foo"', 'last-modified': LM }, true],
  ['rfc850 and asctime dates', { 'if-modified-since': 'Sat Jan  1 00:00:00 2000' }, { 'last-modified': LM }, true],
  // Intended differences.
  ['Cache-Control: no-cache in the request', { 'if-none-match': '"foo"', 'cache-control': 'no-cache' }, { etag: '"foo"' },
    false, true, 'a cache directive (RFC 9111 5.2.1.4); the origin answers the precondition, 304 (RFC 9110 13.1.2)'],
  ['no-cache among other directives', { 'if-modified-since': LATER, 'cache-control': 'max-age=0, no-cache' }, { 'last-modified': LM },
    false, true, 'as above'],
  ['a tag with a comma in it', { 'if-none-match': '"a,b"' }, { etag: '"a,b"' },
    false, true, 'a comma inside quotes belongs to the tag (RFC 9110 8.8.3)'],
  ['a tab between members', { 'if-none-match': '"bar",\t"foo"' }, { etag: '"foo"' },
    false, true, 'OWS is spaces and tabs (RFC 9110 5.6.1, 5.6.3)'],
  ['unquoted tags compare as strings in fresh', { 'if-none-match': 'foo' }, { etag: 'foo' },
    true, false, 'not entity-tags: a malformed If-None-Match is no 304 (RFC 9110 8.8.3, 13.2.1)'],
  ['* inside a list', { 'if-none-match': '*, "foo"' }, { etag: '"foo"' },
    true, false, '"*" is the whole value or not valid (RFC 9110 13.1.2)'],
  ['an unterminated tag matched as a prefix string', { 'if-none-match': '"foo", "bar' }, { etag: '"foo"' },
    true, false, 'a malformed list matches nothing (fail safe)'],
  ['an ISO 8601 date in If-Modified-Since', { 'if-modified-since': '2000-01-01T00:00:01Z' }, { 'last-modified': LM },
    true, false, 'not an HTTP-date: ignored (RFC 9110 5.6.7, 13.1.3)'],
  ['an ISO 8601 date in Last-Modified', { 'if-modified-since': LATER }, { 'last-modified': '2000-01-01T00:00:00Z' },
    true, false, 'not an HTTP-date: no Last-Modified, the condition is ignored (RFC 9110 13.1.3)'],
  ['a date with a time zone other than GMT', { 'if-modified-since': 'Sat, 01 Jan 2000 01:00:01 +0100' }, { 'last-modified': LM },
    true, false, 'HTTP-dates are GMT (RFC 9110 5.6.7)']
];

test('the table is fresh 2.0\'s own answers', () => {
  for (const [what, req, res, want] of CASES) {
    assert.equal(realFresh(req, res), want, what);
  }
});

for (const [label, lib] of [['ES module', esm], ['CommonJS', cjs]]) {
  test(`${label}: fresh's documented cases, and the intended differences`, () => {
    let differ = 0;
    for (const [what, req, res, want, ours, why] of CASES) {
      const expect = ours === undefined ? want : ours;
      assert.equal(lib.fresh(req, res), expect, what + (why ? ' (' + why + ')' : ''));
      if (ours !== undefined) differ++;
    }
    assert.equal(differ, 10);
  });

  test(`${label}: fresh takes Headers, Maps and any case`, () => {
    assert.equal(lib.fresh(new Headers({ 'If-None-Match': '"a"' }), new Headers({ ETag: '"a"' })), true);
    assert.equal(lib.fresh(new Map([['if-none-match', '"a"']]), new Map([['etag', '"b"']])), false);
    assert.equal(lib.fresh({ 'If-None-Match': ['"x"', '"a"'] }, { ETag: '"a"' }), true);
  });
}

for (const [label, lib] of [['ES module', esm], ['CommonJS', cjs]]) {
  test(`${label}: fresh's kept validators never outlive a change`, () => {
    const lm = 'Sat, 01 Jan 2000 00:00:00 GMT';
    for (let i = 0; i < 3; i++) {
      assert.equal(lib.fresh({ 'if-none-match': '"a"' }, { etag: '"a"', 'last-modified': lm }), true);
      // evaluate() and fresh() with other validators in between.
      assert.equal(lib.evaluate({ method: 'GET', headers: { 'if-none-match': '"a"' }, etag: '"b"' }).status, 200);
      assert.equal(lib.fresh({ 'if-none-match': '"a"' }, { etag: '"b"', 'last-modified': lm }), false);
      assert.equal(lib.fresh({ 'if-none-match': '"a"' }, { etag: '"a"', 'last-modified': lm }), true);
      assert.equal(lib.fresh({ 'if-modified-since': lm }, { etag: '"a"', 'last-modified': lm }), true);
      assert.equal(lib.fresh({ 'if-modified-since': lm }, { etag: '"a"', 'last-modified': 'Sat, 01 Jan 2000 00:00:01 GMT' }), false);
      assert.equal(lib.fresh({ 'if-modified-since': lm }, { etag: '"a"' }), false);
      // rfc850: read with the clock, never kept.
      assert.equal(lib.fresh({ 'if-modified-since': 'Saturday, 01-Jan-00 00:00:00 GMT' }, { 'last-modified': lm }), true);
    }
  });
}
