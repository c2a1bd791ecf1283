// The vectors' adapter for libcondreq's JavaScript binding (bindings/js):
// the npm package as installed from its tarball (the WebAssembly build),
// found through NODE_PATH. Protocol and mapping: test/vectors/README.
'use strict'
const condreq = require('condreq')
const { Skip, serve } = require('./common')

// A row's flag names (CONDREQ_F_...) as the package's bits; a name it
// does not export stops the adapter rather than being dropped.
function flags (names) {
  let f = 0
  for (const n of names) {
    const v = condreq[n.replace(/^CONDREQ_/, '')]
    if (typeof v !== 'number') throw new Error('the package has no ' + n)
    f |= v
  }
  return f
}

// Seconds (or null: unknown) as the package's milliseconds.
const ms = (s) => s === null ? null : s * 1000

function answer (row) {
  const f = flags(row.flags || [])
  if (row.file === 'dates') {
    if (f & ~condreq.F_ANY_WEEKDAY) {
      throw new Skip('parseHttpDate takes anyWeekday only (' + row.flags.join('|') + ')')
    }
    let d
    try {
      d = condreq.parseHttpDate(row.input, {
        now: ms(row.now), anyWeekday: (f & condreq.F_ANY_WEEKDAY) !== 0
      })
    } catch (e) {
      if (!(e instanceof condreq.HttpDateError)) throw e
      return { valid: false }
    }
    return { valid: true, value: d.getTime() / 1000 }
  }
  if (row.file === 'etag_lists') {
    if (f & ~condreq.F_LENIENT_ETAG) {
      throw new Skip('parseETagList takes lenient only (' + row.flags.join('|') + ')')
    }
    let members
    try {
      members = condreq.parseETagList(row.input, {
        lenient: (f & condreq.F_LENIENT_ETAG) !== 0
      })
    } catch (e) {
      if (!(e instanceof condreq.ETagError)) throw e
      return { valid: false }
    }
    return { valid: true, members: members.map((m) => m === '*' ? '*' : m.tag) }
  }
  if (row.file === 'etag_compare') {
    // The package exports no comparison: it is the decision's. If-Match
    // compares strongly (13.1.1), If-None-Match weakly (13.1.2), with a
    // the representation's ETag and b the field's.
    const strong = condreq.evaluate({
      method: 'PUT', headers: { 'If-Match': row.b }, etag: row.a, now: null
    })
    const weak = condreq.evaluate({
      method: 'GET', headers: { 'If-None-Match': row.b }, etag: row.a, now: null
    })
    return { strong: strong.status === 200, weak: weak.status === 304 }
  }
  // The field lines as given: a name's lines in order as an array, the
  // value after the colon untouched (the library strips its whitespace).
  const headers = Object.create(null)
  for (const h of row.headers) {
    const i = h.indexOf(':')
    const name = i < 0 ? h : h.slice(0, i)
    ;(headers[name] = headers[name] || []).push(i < 0 ? '' : h.slice(i + 1))
  }
  const d = condreq.evaluate({
    method: row.method,
    headers,
    etag: row.etag,
    lastModified: ms(row.last_modified),
    exists: row.exists,
    flags: f,
    lmStrong: row.lm_strong,
    now: ms(row.now),
    naturalStatus: row.natural_status
  })
  return { status: d.status }
}

serve('libcondreq (JavaScript)', condreq.version(), answer)
