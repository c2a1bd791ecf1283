// condreq: HTTP conditional requests (RFC 9110 section 13) for JavaScript,
// through libcondreq compiled to WebAssembly.
// Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
//
// This is the body shared by the ES module and the CommonJS module that
// build.mjs writes: it finds WASM_BASE64 defined before it, and its
// public names are the ones build.mjs lists (EXPORTS at the end).

const F_LENIENT_ETAG = 1 << 0;
const F_ANY_WEEKDAY = 1 << 1;
const F_IMS_EXACT = 1 << 2;
const F_IMS_IGNORE_FUTURE = 1 << 3;
const F_LM_ZERO_UNKNOWN = 1 << 4;
const F_WEAK_COMPARE = 1 << 5;

// The request fields the decision reads, by lower-case name, as the
// library numbers them (CONDREQ_IF_*).
const FIELDS = ['if-match', 'if-none-match', 'if-modified-since',
  'if-unmodified-since', 'if-range', 'range'];
const FIELD_OF = new Map(FIELDS.map((n, i) => [n, i]));

let wasm = null; // the instance's exports, once loaded
let mem8 = null;
let mem32 = null;
let memf64 = null;
let heap = 0; // scratch: the strings of one call go from here on
// Four slots before the scratch area keep the last values of fresh()'s
// fields, so that the same ETag or date is not copied again for every
// request (a server answers many revalidations of one file).
const SLOT = 256;
const slotText = [null, null, null, null];
let slots = 0;
let outAt = 0; // out[] as an index into mem32
let outdAt = 0;

function wasmBytes () {
  if (typeof atob === 'function') {
    const s = atob(WASM_BASE64);
    const b = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    return b;
  }
  return new Uint8Array(Buffer.from(WASM_BASE64, 'base64'));
}

function attach (instance) {
  wasm = instance.exports;
  slots = (wasm.__heap_base.value + 7) & ~7;
  heap = slots + 4 * SLOT;
  views();
  outAt = wasm.cr_out() >> 2;
  outdAt = wasm.cr_outd() >> 3;
  // The slots and a first scratch area inside the memory from the start
  // (a typed array drops a write past its end without a word).
  room(65536);
  return true;
}

function views () {
  const buf = wasm.memory.buffer;
  mem8 = new Uint8Array(buf);
  mem32 = new Int32Array(buf);
  memf64 = new Float64Array(buf);
}

// Synchronous where the runtime allows it (Node, Deno, workers); a
// browser's main thread compiles a module this size only asynchronously,
// and then `ready` settles once it is done.
function loadSync () {
  try {
    return attach(new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()), {}));
  } catch (e) {
    return false;
  }
}

function loadAsync () {
  return WebAssembly.instantiate(wasmBytes(), {}).then((r) => attach(r.instance));
}

function need () {
  if (wasm === null) {
    throw new Error('condreq: the WebAssembly module is still loading: await condreq.ready first');
  }
}

// Room for n bytes from the heap base; the memory grows when it must.
function room (n) {
  const end = heap + n;
  if (end > mem8.length) {
    wasm.memory.grow(Math.ceil((end - mem8.length) / 65536));
    views();
  }
}

// A string's bytes at off: one byte per character (header values are
// Latin-1 on the wire: Node and fetch give them so). A character above
// U+00FF is no byte a field may hold, and is written as NUL, which no
// rule accepts, so that it can never pass for another character.
function put (s, off) {
  const m = mem8;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    m[off + i] = c > 255 ? 0 : c;
  }
  return off + n;
}

// The offset of s in slot k (copied there unless it already is), or -1
// when it does not fit.
function slot (k, s) {
  const off = slots + k * SLOT;
  if (s === slotText[k]) return off;
  if (s.length > SLOT) return -1;
  put(s, off);
  slotText[k] = s;
  return off;
}

function cstr (p) {
  let e = p;
  while (mem8[e] !== 0) e++;
  let s = '';
  for (let i = p; i < e; i++) s += String.fromCharCode(mem8[i]);
  return s;
}

// The library's names, read once each: decided-by values, ignored
// reasons and field names by number, error codes by code.
const decidedNames = [];
const ignoredReasons = [];
const fieldNames = [];
const codeNames = new Map();
function nameOf (cache, n, fn, arg) {
  let s = cache[n];
  if (s === undefined) s = cache[n] = cstr(fn(arg));
  return s;
}

class CondreqError extends Error {
  constructor (code, offset, what) {
    let cn = codeNames.get(code);
    if (cn === undefined) {
      cn = cstr(wasm.cr_code_name(code));
      codeNames.set(code, cn);
    }
    super(what + ' (' + cn + (offset !== undefined ? ' at offset ' + offset : '') + ')');
    this.code = code;
    this.codeName = cn;
    this.offset = offset;
  }
}
class HttpDateError extends CondreqError {}
class ETagError extends CondreqError {}

// Seconds from a Date or a number of milliseconds (Date.now()'s unit);
// NaN for null (unknown or none).
function seconds (t) {
  if (t === null || t === undefined) return NaN;
  const ms = typeof t === 'number' ? t : t.getTime();
  return Math.floor(ms / 1000);
}

function str (v) {
  return typeof v === 'string' ? v : String(v);
}

// The request's field lines for the decision, as [field, value] pairs in
// the order given: from a Headers instance (one combined value each), a
// Map, or a plain object such as IncomingMessage.headers (values a
// string or an array of lines, names in any case).
function collect (headers, into) {
  if (headers === null || headers === undefined) return;
  if (typeof headers.get === 'function' && typeof headers.has === 'function' &&
      !(headers instanceof Map)) {
    for (let i = 0; i < FIELDS.length; i++) {
      const v = headers.get(FIELDS[i]);
      if (v !== null && v !== undefined) into.push(i, str(v));
    }
    return;
  }
  const entries = headers instanceof Map ? headers : null;
  if (entries) {
    for (const [k, v] of entries) add(into, k, v);
    return;
  }
  for (const k in headers) {
    const c = k.charCodeAt(0) | 0x20; // i or r: the only names wanted
    if (c === 0x69 || c === 0x72) add(into, k, headers[k]);
  }
}

function add (into, name, v) {
  const f = FIELD_OF.get(name.toLowerCase());
  if (f === undefined || v === undefined || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) into.push(f, str(x));
  } else {
    into.push(f, str(v));
  }
}

// The last Last-Modified string read, and its seconds (NaN: malformed);
// an rfc850 date depends on now, and is not kept.
let lmText = null;
let lmSecs = NaN;
function lastModifiedSecs (lm, now) {
  if (lm === null || lm === undefined) return NaN;
  if (typeof lm === 'string') {
    if (lm === lmText) return lmSecs;
    const t = parseSecs(lm, now, 0);
    const secs = typeof t === 'number' ? t : NaN;
    if (lm.indexOf('-') < 0) {
      lmText = lm;
      lmSecs = secs;
    }
    return secs;
  }
  return seconds(lm);
}

const lines = [];
function evaluate (opts) {
  need();
  const method = opts.method === undefined ? 'GET' : str(opts.method);
  const flags = opts.flags | 0;
  const nowMs = opts.now === undefined ? Date.now() : opts.now;
  const now = seconds(nowMs);
  lines.length = 0;
  collect(opts.headers, lines);
  const etag = opts.etag === undefined || opts.etag === null ? null : str(opts.etag);
  const lm = lastModifiedSecs(opts.lastModified, now);
  let total = method.length + (etag === null ? 0 : etag.length) + 8;
  const n = lines.length >> 1;
  for (let i = 1; i < lines.length; i += 2) total += lines[i].length;
  room(total + n * 12 + 16);
  // The triples first (aligned), then the strings.
  const desc = (heap + 3) & ~3;
  let p = desc + n * 12;
  const mOff = p;
  p = put(method, p);
  let eOff = 0;
  let eLen = -1;
  if (etag !== null) {
    eOff = slot(0, etag);
    eLen = etag.length;
    if (eOff < 0) {
      eOff = p;
      p = put(etag, p);
    }
  }
  let d = desc >> 2;
  const m32 = mem32;
  for (let i = 0; i < lines.length; i += 2) {
    const v = lines[i + 1];
    m32[d] = lines[i];
    m32[d + 2] = v.length;
    if (v === etag) {
      // A revalidation sends the ETag back: its bytes are there already.
      m32[d + 1] = eOff;
    } else {
      m32[d + 1] = p;
      p = put(v, p);
    }
    d += 3;
  }
  const exists = opts.exists === undefined ? 1 : (opts.exists ? 1 : 0);
  const natural = opts.naturalStatus === undefined ? 0 : opts.naturalStatus | 0;
  const strong = opts.lmStrong ? 1 : 0;
  const lenient = flags & F_LENIENT_ETAG;
  // The representation of the last call, with its ETag still in slot 0?
  const same = repSet && etag === repETag && (etag === null || (eOff === slots && slotText[0] === etag)) &&
    (lm === repLM || (lm !== lm && repLM !== repLM)) && exists === repExists &&
    strong === repStrong && lenient === repLenient;
  repSet = false;
  const rc = wasm.cr_evaluate(mOff, method.length, desc, n, now, natural, flags,
    exists, eOff, eLen, lm, strong | (same ? 2 : 0));
  if (rc < 0) {
    if (mem32[outAt + 4] === 1) {
      throw new ETagError(rc, mem32[outAt + 3], 'malformed ETag of the representation');
    }
    throw new CondreqError(rc, undefined, 'cannot evaluate');
  }
  repSet = true;
  repETag = etag;
  repLM = lm;
  repExists = exists;
  repStrong = strong;
  repLenient = lenient;
  return new Decision(rc, nameOf(decidedNames, mem32[outAt], wasm.cr_decided_name, mem32[outAt]),
    mem32[outAt + 1], mem32[outAt + 2]);
}

// The representation cr_evaluate() was last given, kept by it.
let repSet = false;
let repETag = null;
let repLM = NaN;
let repExists = 1;
let repStrong = 0;
let repLenient = 0;

// evaluate()'s answer; the reasons and malformed fields as names are
// made when read.
class Decision {
  constructor (status, decidedBy, ignoredMask, malformedMask) {
    this.status = status;
    this.decidedBy = decidedBy;
    this.rangeOk = status === 206;
    this.ignoredMask = ignoredMask >>> 0;
    this.malformedMask = malformedMask >>> 0;
  }

  get ignored () {
    return bitsOf(this.ignoredMask, ignoredReasons, wasm.cr_ignored_reason, true);
  }

  get malformed () {
    return bitsOf(this.malformedMask, fieldNames, wasm.cr_field_name, false);
  }

  toJSON () {
    return { status: this.status, decidedBy: this.decidedBy, ignored: this.ignored, malformed: this.malformed, rangeOk: this.rangeOk };
  }
}

const EMPTY = Object.freeze([]);
// The names of a mask's bits: fn takes the bit itself (byBit) or its number.
function bitsOf (mask, cache, fn, byBit) {
  if (mask === 0) return EMPTY;
  const r = [];
  for (let b = 0; b < 32; b++) {
    if (mask & (1 << b)) r.push(nameOf(cache, b, fn, byBit ? (1 << b) >>> 0 : b));
  }
  return r;
}

// Unix seconds, or { code, offset } for a value that is no HTTP-date.
function parseSecs (s, now, flags) {
  room(s.length);
  put(s, heap);
  const rc = wasm.cr_date_parse(heap, s.length, now, flags);
  if (rc < 0) return { code: rc, offset: mem32[outAt + 3] };
  return memf64[outdAt];
}

// An HTTP-date (RFC 9110 5.6.7: IMF-fixdate, rfc850-date, asctime-date)
// as a Date; HttpDateError for anything else. options.now (a Date or
// milliseconds; default the clock, null for unknown) resolves an rfc850
// date's two-digit year; options.anyWeekday accepts a wrong day-name.
function parseHttpDate (value, options) {
  need();
  const o = options || {};
  const now = seconds(o.now === undefined ? Date.now() : o.now);
  const t = parseSecs(str(value), now, o.anyWeekday ? F_ANY_WEEKDAY : 0);
  if (typeof t !== 'number') {
    throw new HttpDateError(t.code, t.offset, 'not an HTTP-date');
  }
  return new Date(t * 1000);
}

// The IMF-fixdate of a Date or of milliseconds since the epoch.
function formatHttpDate (t) {
  need();
  const s = seconds(t);
  room(32);
  const rc = wasm.cr_date_format(s, heap);
  if (rc < 0) throw new HttpDateError(rc, undefined, 'cannot format this time');
  let r = '';
  for (let i = 0; i < 29; i++) r += String.fromCharCode(mem8[heap + i]);
  return r;
}

// The members of an If-Match / If-None-Match value (RFC 9110 8.8.3, 5.6.1):
// ['*'] for a star, otherwise {weak, opaque, tag} for each entity-tag;
// ETagError (with .offset) for a malformed list. An array of lines is
// one list. options.lenient accepts bare tags (F_LENIENT_ETAG).
function parseETagList (value, options) {
  need();
  const s = Array.isArray(value) ? value.map(str).join(', ') : str(value);
  const flags = options && options.lenient ? F_LENIENT_ETAG : 0;
  const cap = (s.length >> 1) + 2;
  room(s.length + 8 + cap * 8);
  put(s, heap);
  const dst = (heap + s.length + 3) & ~3;
  const rc = wasm.cr_etag_list(heap, s.length, flags, dst, cap);
  if (rc < 0) throw new ETagError(rc, mem32[outAt + 3], 'malformed entity-tag list');
  const r = [];
  for (let i = 0; i < rc; i++) {
    const off = mem32[(dst >> 2) + 2 * i];
    const len = mem32[(dst >> 2) + 2 * i + 1];
    if (off < 0) {
      r.push('*');
      continue;
    }
    const weak = (len & (1 << 30)) !== 0;
    const opaque = s.substr(off, len & 0x3fffffff);
    r.push({ weak, opaque, tag: (weak ? 'W/"' : '"') + opaque + '"' });
  }
  return r;
}

function header (h, name) {
  if (h === null || h === undefined) return undefined;
  // IncomingMessage.headers and the like: lower-case names, string values.
  const direct = h[name];
  if (typeof direct === 'string') return direct;
  if (typeof h.get === 'function' && !(h instanceof Map)) {
    const v = h.get(name);
    return v === null ? undefined : v;
  }
  if (h instanceof Map) return h.get(name);
  let v = h[name];
  if (v === undefined) {
    const c = name.charCodeAt(0);
    for (const k in h) {
      if ((k.charCodeAt(0) | 0x20) !== c) continue;
      if (k.toLowerCase() === name) {
        v = h[k];
        break;
      }
    }
  }
  return v;
}

// fresh(reqHeaders, resHeaders): true when the client's cached response
// is still good, so that a 304 may be sent, as the `fresh` package
// answers; but by RFC 9110 13.1.2, 13.1.3 and 13.2.2 (README: where the
// answers differ): If-None-Match with weak comparison and a well-formed
// list, If-Modified-Since only without If-None-Match.
const fresh2 = { 'if-none-match': undefined, 'if-modified-since': undefined };
// The validators cr_fresh() last prepared (its representation is kept).
let frepETag;
let frepLM;
let frepLMDash = false;
function fresh (reqHeaders, resHeaders) {
  need();
  // Plain objects with lower-case names read in place; header() for the rest.
  let inm = reqHeaders == null ? undefined : reqHeaders['if-none-match'];
  if (typeof inm !== 'string') inm = header(reqHeaders, 'if-none-match');
  let ims = reqHeaders == null ? undefined : reqHeaders['if-modified-since'];
  if (typeof ims !== 'string') ims = header(reqHeaders, 'if-modified-since');
  if (inm === undefined && ims === undefined) return false;
  let etag = resHeaders == null ? undefined : resHeaders.etag;
  if (typeof etag !== 'string') etag = header(resHeaders, 'etag');
  let lm = resHeaders == null ? undefined : resHeaders['last-modified'];
  if (typeof lm !== 'string') lm = header(resHeaders, 'last-modified');
  if (Array.isArray(etag)) etag = etag[0];
  if (Array.isArray(lm)) lm = lm[0];
  // One line each, as strings, the usual case: straight to cr_fresh.
  if ((inm === undefined || typeof inm === 'string') &&
      (ims === undefined || typeof ims === 'string') &&
      (etag === undefined || etag === null || typeof etag === 'string') &&
      (lm === undefined || lm === null || typeof lm === 'string')) {
    const same = etag === frepETag && lm === frepLM && etag === slotText[0] && lm === slotText[1];
    const eOff = etag == null ? 0 : slot(0, etag);
    const lOff = lm == null ? 0 : slot(1, lm);
    const iOff = inm === undefined ? 0 : inm === etag ? eOff : slot(2, inm);
    const mOff = ims === undefined ? 0 : ims === lm ? lOff : slot(3, ims);
    if (eOff >= 0 && lOff >= 0 && iOff >= 0 && mOff >= 0) {
      // Only an rfc850 date (the one form with '-') needs the clock.
      const lmDash = lm == null ? false : lm === frepLM ? frepLMDash : lm.indexOf('-') >= 0;
      const rfc850 = lmDash || (ims !== undefined && (ims === lm ? lmDash : ims.indexOf('-') >= 0));
      const r = wasm.cr_fresh(iOff, inm === undefined ? -1 : inm.length,
        mOff, ims === undefined ? -1 : ims.length,
        eOff, etag == null ? -1 : etag.length,
        lOff, lm == null ? -1 : lm.length,
        rfc850 ? seconds(Date.now()) : NaN, same && !rfc850 ? 1 : 0);
      frepETag = etag === undefined ? null : etag;
      frepLM = lm === undefined ? null : lm;
      frepLMDash = lmDash;
      return r === 1;
    }
  }
  fresh2['if-none-match'] = inm;
  fresh2['if-modified-since'] = ims;
  const opts = { method: 'GET', headers: fresh2, etag, lastModified: lm };
  try {
    return evaluate(opts).status === 304;
  } catch (e) {
    if (!(e instanceof ETagError)) throw e;
    // A malformed ETag of the response's own matches nothing.
    opts.etag = undefined;
    return evaluate(opts).status === 304;
  }
}

// RFC 9110 15.4.5: does a 304 keep this response field?
// 0: leave out; 1: keep; 2: Last-Modified, kept only without an ETag.
function keeps304 (name) {
  need();
  const s = str(name);
  room(s.length);
  put(s, heap);
  return wasm.cr_keeps(heap, s.length);
}

function version () {
  need();
  return cstr(wasm.cr_version());
}

// ---- fetch-style runtimes (service and edge workers) --------------------

function statusOnly (status, response) {
  const h = new Headers();
  let hasETag = false;
  response.headers.forEach((v, k) => {
    const keep = keeps304(k);
    if (k === 'etag') hasETag = true;
    if (status === 304 && keep === 1) h.set(k, v);
  });
  if (status === 304 && !hasETag && response.headers.has('last-modified')) {
    h.set('last-modified', response.headers.get('last-modified'));
  }
  return new Response(null, { status, headers: h });
}

// The response to send for a Request, given the Response the handler made
// (its ETag and Last-Modified are the representation's validators): a
// 304 with RFC 9110 15.4.5's fields, a 412, or the response itself. A
// 206 answer means the Range may be honoured; it slices no body,
// so it returns the response as it is (a full 200 is always allowed,
// RFC 9110 14.2).
function conditionalResponse (request, response, options) {
  need();
  const o = options || {};
  const d = evaluate({
    method: request.method,
    headers: request.headers,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
    now: o.now,
    naturalStatus: response.status,
    flags: o.flags
  });
  if (d.status === 304 || d.status === 412) return statusOnly(d.status, response);
  return response;
}

// The one-line check for a write in a fetch handler: null to go on, or
// the 412 Response to return instead, before anything is written.
function checkPreconditions (request, current, options) {
  need();
  const c = current || {};
  const d = evaluate({
    method: request.method,
    headers: request.headers,
    etag: c.etag,
    lastModified: c.lastModified,
    exists: c.exists === undefined ? (c.etag !== undefined || c.lastModified !== undefined) : c.exists,
    now: options && options.now
  });
  if (d.status === 412 || d.status === 304) return new Response(null, { status: d.status });
  return null;
}

const ready = loadSync() ? Promise.resolve() : loadAsync();
