// condreq/express in a real Express 5 (from npm) on loopback, and the
// fetch functions with the runtime's own Request and Response.
import { test, after, before } from 'node:test';
import { connect } from 'node:net';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { esm, cjs, expressEsm, expressCjs } from './subject.mjs';

const deps = createRequire(join(resolve(process.env.CONDREQ_DEPS), 'package.json'));
const express = deps('express');

const LM = 'Sat, 01 Jan 2000 00:00:00 GMT';
let base;
let server;
let doc = { etag: '"v1"', body: 'version one' };
let writes = 0;
const root = mkdtempSync(join(tmpdir(), 'condreq-static-'));
writeFileSync(join(root, 'big.txt'), 'x'.repeat(1 << 20));

before(async () => {
  const app = express();
  app.use(expressCjs());
  app.get('/doc', (req, res) => {
    res.set({ ETag: doc.etag, 'Last-Modified': LM, 'Cache-Control': 'max-age=60', Vary: 'Accept' });
    res.type('text/plain').send(doc.body);
  });
  app.get('/badtag', (req, res) => res.set('ETag', 'unquoted').send('a malformed ETag of its own'));
  app.get('/raw', (req, res) => {
    res.writeHead(200, { ETag: '"raw"', 'Content-Type': 'text/plain' });
    res.end('written with writeHead');
  });
  app.use('/static', express.static(root));
  app.get('/weak', (req, res) => res.send('express makes a weak ETag for this'));
  app.put('/doc', express.text(), (req, res) => {
    if (!req.preconditionsPass({ etag: doc.etag, lastModified: LM })) return;
    writes++;
    doc = { etag: '"v' + (writes + 1) + '"', body: req.body };
    res.set('ETag', doc.etag).status(200).send('stored');
  });
  app.put('/new', (req, res) => {
    if (!req.preconditionsPass({ exists: false })) return;
    res.status(201).end();
  });
  await new Promise((ok) => { server = app.listen(0, '127.0.0.1', ok); });
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((ok) => server.close(ok)).then(() => rmSync(root, { recursive: true, force: true })));

// Requests written on one connection, and what came back, in full.
function raw (text) {
  return new Promise((ok, fail) => {
    const s = connect(server.address().port, '127.0.0.1');
    let got = '';
    s.setEncoding('latin1');
    s.on('data', (d) => { got += d; });
    s.on('end', () => ok(got));
    s.on('error', fail);
    s.write(text);
  });
}

test('a 412 or 304 from express.static carries no body: the connection stays sound', async () => {
  const r0 = await fetch(base + '/static/big.txt');
  const etag = r0.headers.get('etag');
  await r0.arrayBuffer();
  const req = (h) => `GET /static/big.txt HTTP/1.1\r\nHost: x\r\n${h}\r\n`;
  const got = await raw(req('If-Match: "nope"\r\n') + req(`If-None-Match: ${etag}\r\n`) +
    req('If-Match: "nope"\r\nConnection: close\r\n'));
  const statuses = got.match(/^HTTP\/1\.1 \d+/gm);
  assert.deepEqual(statuses, ['HTTP/1.1 412', 'HTTP/1.1 304', 'HTTP/1.1 412']);
  assert.ok(got.length < 2000, `${got.length} bytes: no file body was sent`);
  assert.doesNotMatch(got, /xxxx/);
});

test('both module formats export the middleware', () => {
  assert.equal(typeof expressEsm.default, 'function');
  assert.equal(expressEsm.condreq, expressEsm.default);
  assert.equal(typeof expressCjs.condreq, 'function');
});

test('GET: 304 with RFC 9110 15.4.5\'s fields, nothing else', async () => {
  const r = await fetch(base + '/doc', { headers: { 'If-None-Match': 'W/"x", "v1"' } });
  assert.equal(r.status, 304);
  assert.equal(r.headers.get('etag'), '"v1"');
  assert.equal(r.headers.get('cache-control'), 'max-age=60');
  assert.equal(r.headers.get('vary'), 'Accept');
  assert.ok(r.headers.get('date'));
  assert.equal(r.headers.get('content-type'), null);
  assert.equal(r.headers.get('content-length'), null);
  assert.equal(r.headers.get('last-modified'), null, 'not with an ETag');
  assert.equal(await r.text(), '');
});

test('GET: If-Modified-Since gives 304; If-None-Match decides when both are there', async () => {
  let r = await fetch(base + '/doc', { headers: { 'If-Modified-Since': LM } });
  assert.equal(r.status, 304);
  r = await fetch(base + '/doc', { headers: { 'If-Modified-Since': LM, 'If-None-Match': '"other"' } });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'version one');
});

test('GET: If-Match compares strongly: 412 for a weak ETag', async () => {
  const r0 = await fetch(base + '/weak');
  const weak = r0.headers.get('etag');
  assert.match(weak, /^W\//);
  let r = await fetch(base + '/weak', { headers: { 'If-Match': weak } });
  assert.equal(r.status, 412);
  assert.equal(await r.text(), '');
  r = await fetch(base + '/doc', { headers: { 'If-Match': '"v1"' } });
  assert.equal(r.status, 200);
});

test('validators given to writeHead itself are read', async () => {
  let r = await fetch(base + '/raw', { headers: { 'If-None-Match': '"raw"' } });
  assert.equal(r.status, 304);
  assert.equal(r.headers.get('etag'), '"raw"');
  assert.equal(r.headers.get('content-type'), null);
  r = await fetch(base + '/raw', { headers: { 'If-None-Match': '"other"' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/plain');
  assert.equal(await r.text(), 'written with writeHead');
});

test('a malformed ETag of the response matches nothing', async () => {
  let r = await fetch(base + '/badtag', { headers: { 'If-None-Match': 'unquoted' } });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'a malformed ETag of its own');
  r = await fetch(base + '/badtag', { headers: { 'If-Match': '*' } });
  assert.equal(r.status, 200, 'the representation exists');
  r = await fetch(base + '/badtag', { headers: { 'If-Match': '"unquoted"' } });
  assert.equal(r.status, 412);
});

test('HEAD: 304 too', async () => {
  const r = await fetch(base + '/doc', { method: 'HEAD', headers: { 'If-None-Match': '"v1"' } });
  assert.equal(r.status, 304);
});

test('writes: 412 before the write, and the write when the condition holds', async () => {
  const before = writes;
  let r = await fetch(base + '/doc', { method: 'PUT', body: 'lost', headers: { 'If-Match': '"v0"', 'content-type': 'text/plain' } });
  assert.equal(r.status, 412);
  assert.equal(writes, before);
  r = await fetch(base + '/doc', { method: 'PUT', body: 'junk', headers: { 'If-Match': 'v1', 'content-type': 'text/plain' } });
  assert.equal(r.status, 412, 'a malformed If-Match never lets a write through');
  assert.equal(writes, before);
  r = await fetch(base + '/doc', { method: 'PUT', body: 'version two', headers: { 'If-Match': '"v1"', 'content-type': 'text/plain' } });
  assert.equal(r.status, 200);
  assert.equal(writes, before + 1);
  r = await fetch(base + '/doc', { method: 'PUT', body: 'again', headers: { 'If-Match': '"v1"', 'content-type': 'text/plain' } });
  assert.equal(r.status, 412, 'the second writer of the same version loses');
  assert.equal(writes, before + 1);
  r = await fetch(base + '/new', { method: 'PUT', headers: { 'If-None-Match': '*' } });
  assert.equal(r.status, 201);
  r = await fetch(base + '/new', { method: 'PUT', headers: { 'If-Match': '*' } });
  assert.equal(r.status, 412);
});

for (const [label, lib] of [['ES module', esm], ['CommonJS', cjs]]) {
  test(`${label}: conditionalResponse for fetch handlers`, async () => {
    const res = () => new Response('body', {
      headers: { ETag: '"a"', 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache', 'Last-Modified': LM }
    });
    let r = lib.conditionalResponse(new Request('http://x/', { headers: { 'If-None-Match': '"a"' } }), res());
    assert.equal(r.status, 304);
    assert.equal(r.headers.get('etag'), '"a"');
    assert.equal(r.headers.get('cache-control'), 'no-cache');
    assert.equal(r.headers.get('content-type'), null);
    r = lib.conditionalResponse(new Request('http://x/', { headers: { 'If-Match': 'W/"a"' } }), res());
    assert.equal(r.status, 412);
    const orig = res();
    r = lib.conditionalResponse(new Request('http://x/', { headers: { 'If-None-Match': '"b"' } }), orig);
    assert.equal(r, orig);
    const nf = new Response('gone', { status: 404, headers: { ETag: '"a"' } });
    assert.equal(lib.conditionalResponse(new Request('http://x/', { headers: { 'If-None-Match': '"a"' } }), nf), nf);
  });

  test(`${label}: checkPreconditions for writes in fetch handlers`, () => {
    const put = (h) => new Request('http://x/', { method: 'PUT', headers: h, body: 'x' });
    assert.equal(lib.checkPreconditions(put({ 'If-Match': '"a"' }), { etag: '"a"' }), null);
    assert.equal(lib.checkPreconditions(put({ 'If-Match': '"b"' }), { etag: '"a"' }).status, 412);
    assert.equal(lib.checkPreconditions(put({ 'If-Match': '"a' }), { etag: '"a"' }).status, 412);
    assert.equal(lib.checkPreconditions(put({ 'If-None-Match': '*' }), {}), null);
    assert.equal(lib.checkPreconditions(put({ 'If-None-Match': '*' }), { etag: '"a"' }).status, 412);
    assert.equal(lib.checkPreconditions(put({ 'If-Unmodified-Since': 'Fri, 31 Dec 1999 23:59:59 GMT' }),
      { lastModified: LM }).status, 412);
  });

  test(`${label}: evaluate's shapes`, () => {
    let d = lib.evaluate({ method: 'GET', headers: { 'if-none-match': '"a"', 'if-modified-since': 'nope' }, etag: '"a"' });
    assert.equal(d.status, 304);
    assert.match(d.ignored.join('\n'), /If-None-Match is present/);
    d = lib.evaluate({ method: 'PUT', headers: { 'If-Match': 'junk' }, etag: '"a"' });
    assert.deepEqual([d.status, d.malformed], [412, ['If-Match']]);
    d = lib.evaluate({ method: 'GET', headers: { 'range': 'bytes=0-1', 'if-range': '"a"' }, etag: '"a"' });
    assert.deepEqual([d.status, d.rangeOk], [206, true]);
    d = lib.evaluate({ method: 'OPTIONS', headers: { 'If-Match': '"x"' }, etag: '"a"' });
    assert.deepEqual([d.status, d.decidedBy], [200, 'method']);
    d = lib.evaluate({ method: 'GET', headers: { 'If-None-Match': '"a"' }, etag: '"a"', naturalStatus: 404 });
    assert.deepEqual([d.status, d.decidedBy], [404, 'natural-status']);
    // A character beyond Latin-1 is no byte of a field: never a quote.
    d = lib.evaluate({ method: 'PUT', headers: { 'If-Match': '\u0122a\u0122' }, etag: '"a"' });
    assert.equal(d.status, 412);
    assert.throws(() => lib.evaluate({ method: '' }), (e) => e.codeName === 'CONDREQ_EMETHOD');
    assert.throws(() => lib.evaluate({ method: 'GET', etag: 'unquoted' }), lib.ETagError);
    assert.throws(() => lib.parseHttpDate('Sun, 06 Nov 1994 08:49:37 UTC'), (e) => e.codeName === 'CONDREQ_ESYNTAX' && e.offset === 26);
    assert.equal(lib.keeps304('ETag'), 1);
    assert.equal(lib.keeps304('Last-Modified'), 2);
    assert.equal(lib.keeps304('Content-Length'), 0);
    // Long values: the module's memory grows to hold them.
    const many = Array.from({ length: 20000 }, (_, i) => `"t${i}"`).join(', ');
    assert.equal(lib.evaluate({ method: 'GET', headers: { 'if-none-match': many + ', "z"' }, etag: '"z"' }).status, 304);
    assert.equal(lib.parseETagList(many).length, 20000);
  });
}

for (const [label, lib] of [['ES module', esm], ['CommonJS', cjs]]) {
  test(`${label}: evaluate's kept representation never outlives a change`, () => {
    const LM2 = 'Sat, 01 Jan 2000 00:00:01 GMT';
    const cases = [
      [{ headers: { 'if-none-match': '"a"' }, etag: '"a"' }, 304],
      [{ headers: { 'if-none-match': '"a"' }, etag: '"b"' }, 200],
      [{ headers: { 'if-none-match': '"a"' }, etag: 'W/"a"' }, 304],
      [{ method: 'PUT', headers: { 'if-match': '"a"' }, etag: 'W/"a"' }, 412],
      [{ method: 'PUT', headers: { 'if-match': '*' }, etag: '"a"', exists: false }, 412],
      [{ method: 'PUT', headers: { 'if-match': '*' }, etag: '"a"' }, 200],
      [{ headers: { 'if-modified-since': LM }, lastModified: LM }, 304],
      [{ headers: { 'if-modified-since': LM }, lastModified: LM2 }, 200],
      [{ headers: { 'if-modified-since': LM } }, 200],
      [{ headers: { 'if-range': LM, range: 'bytes=0-1' }, lastModified: LM }, 200],
      [{ headers: { 'if-range': LM, range: 'bytes=0-1' }, lastModified: LM, lmStrong: true }, 206],
      [{ method: 'PUT', headers: { 'if-match': 'a' }, etag: 'a', flags: lib.F_LENIENT_ETAG }, 200],
      [{ method: 'PUT', headers: { 'if-match': '"a"' }, etag: '"a"' }, 200]
    ];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < cases.length; i++) {
        for (const j of [i, (i * 7 + round) % cases.length, i]) {
          const [o, want] = cases[j];
          assert.equal(lib.evaluate(Object.assign({ now: 946684800000 }, o)).status, want, `case ${j} after ${i}`);
        }
      }
    }
    const bad = () => lib.evaluate({ etag: 'a' });
    assert.throws(bad, lib.ETagError);
    assert.equal(lib.evaluate({ headers: { 'if-none-match': '"a"' }, etag: '"a"' }).status, 304);
    assert.deepEqual(JSON.parse(JSON.stringify(lib.evaluate({ method: 'PUT', headers: { 'If-Match': 'junk' }, etag: '"a"' }))),
      { status: 412, decidedBy: 'If-Match', ignored: [], malformed: ['If-Match'], rangeOk: false });
  });
}
