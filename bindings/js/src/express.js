// condreq/express: RFC 9110 conditional requests for Express and Connect.
// Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
//
// The body shared by express.mjs and express.cjs (build.mjs writes both):
// it finds `core` (the main module) defined before it.
//
// GET and HEAD: the request's preconditions are taken from the request
// before the handlers below see them (so that none of them answers by
// its own rules), and decided when the response's head is written,
// against the validators the response carries (ETag, Last-Modified):
// 304 with RFC 9110 15.4.5's fields, 412, or the handler's own answer.
// Writes: req.preconditionsPass(current) decides before the write.

const PRECONDITIONS = ['if-match', 'if-none-match', 'if-modified-since',
  'if-unmodified-since', 'if-range', 'range'];

// If-Range can make a handler's 206 wrong only if the handler compares it
// by other rules; a value that could never be true by RFC 9110 13.1.5 (a
// weak tag, a date, since a date is a weak validator unless the
// representation says otherwise, or anything malformed) takes the Range
// away before the handler sees it: a full 200 is always allowed (14.2).
function ifRangeCanMatch (v) {
  if (typeof v !== 'string') return false;
  let list;
  try {
    list = core.parseETagList(v);
  } catch (e) {
    return false;
  }
  return list.length === 1 && list[0] !== '*' && !list[0].weak;
}

function strip (res, status) {
  const names = res.getHeaderNames();
  const hasETag = res.hasHeader('etag');
  for (const n of names) {
    if (status === 304) {
      const k = core.keeps304(n);
      if (k === 0 || (k === 2 && hasETag)) res.removeHeader(n);
    } else if (n.startsWith('content-') || n === 'accept-ranges') {
      res.removeHeader(n);
    }
  }
  if (status === 412) res.setHeader('Content-Length', '0');
}

// End the response with its head only: what the handler writes after
// the decision is dropped (Node drops a body where there is none, as for
// HEAD and 304: told so for 412 too), streams piped into the response
// are stopped, and the response ends.
function silence (res, sources) {
  res._hasBody = false;
  const end = res.end;
  res.write = function (chunk, enc, cb) {
    if (typeof enc === 'function') cb = enc;
    if (typeof cb === 'function') process.nextTick(cb);
    return true;
  };
  res.end = function (chunk, enc, cb) {
    if (typeof chunk === 'function') cb = chunk;
    else if (typeof enc === 'function') cb = enc;
    return end.call(res, cb);
  };
  for (const src of sources) {
    if (typeof src.unpipe === 'function') src.unpipe(res);
    if (typeof src.destroy === 'function') src.destroy();
  }
  process.nextTick(() => {
    if (!res.writableEnded) end.call(res);
  });
}

function condreq (options) {
  const o = options || {};
  return function condreqMiddleware (req, res, next) {
    const method = req.method;
    const saved = {};
    let any = false;
    // Every line of each field: Node keeps only the first of repeated
    // If-Modified-Since and If-Unmodified-Since lines in req.headers, and
    // 13.1.3 and 13.1.4 must see the second to ignore the field.
    const raw = req.rawHeaders;
    if (Array.isArray(raw)) {
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const n = String(raw[i]).toLowerCase();
        if (!PRECONDITIONS.includes(n)) continue;
        const v = raw[i + 1];
        saved[n] = saved[n] === undefined ? v : [].concat(saved[n], v);
        any = true;
      }
    } else {
      for (const n of PRECONDITIONS) {
        const v = req.headers[n];
        if (v !== undefined) {
          saved[n] = v;
          any = true;
        }
      }
    }
    // 14.2: Range is defined for GET only; a handler must not see it on
    // HEAD (express.static would answer 206).
    if (method === 'HEAD') {
      delete req.headers.range;
      delete req.headers['if-range'];
    }
    // The one-line check for writes: false (412 sent) or true (go on).
    req.preconditionsPass = function (current) {
      const c = current || {};
      const d = core.evaluate({
        method,
        headers: saved,
        etag: c.etag,
        lastModified: c.lastModified,
        exists: c.exists === undefined ? (c.etag !== undefined || c.lastModified !== undefined) : c.exists,
        naturalStatus: 200,
        now: o.now ? o.now() : undefined,
        flags: o.flags
      });
      if (d.status === 412 || d.status === 304) {
        res.statusCode = d.status;
        // A 304's Content-Length would be the representation's (8.6).
        if (d.status === 412) res.setHeader('Content-Length', '0');
        res.end();
        return false;
      }
      return true;
    };
    if (!any || (method !== 'GET' && method !== 'HEAD')) return next();
    for (const n of PRECONDITIONS) {
      if (n !== 'range' && n !== 'if-range') delete req.headers[n];
    }
    if (saved['if-range'] !== undefined && !ifRangeCanMatch(saved['if-range'])) {
      delete req.headers['if-range'];
      delete req.headers.range;
    }
    const sources = [];
    res.on('pipe', (src) => sources.push(src));
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      res.writeHead = writeHead;
      // Fields given to writeHead itself (an object) join the response's
      // first, so that its validators are read wherever they were set.
      const last = rest.length ? rest[rest.length - 1] : null;
      if (last && typeof last === 'object' && !Array.isArray(last)) {
        for (const k of Object.keys(last)) res.setHeader(k, last[k]);
        rest.pop();
      }
      const natural = status === 206 || status === 416 ? 200 : status;
      let etag = res.getHeader('etag');
      const lm = res.getHeader('last-modified');
      if (Array.isArray(etag)) etag = etag[0];
      const ask = {
        method,
        headers: saved,
        etag,
        lastModified: typeof lm === 'string' ? lm : undefined,
        naturalStatus: natural,
        now: o.now ? o.now() : undefined,
        flags: o.flags
      };
      let d;
      try {
        d = core.evaluate(ask);
      } catch (e) {
        if (!(e instanceof core.ETagError)) throw e;
        // The response's own ETag is malformed: it matches nothing.
        ask.etag = undefined;
        d = core.evaluate(ask);
      }
      if (d.status === 304 || d.status === 412) {
        strip(res, d.status);
        silence(res, sources);
        res.statusCode = d.status;
        return writeHead.call(res, d.status);
      }
      return writeHead.call(res, status, ...rest);
    };
    next();
  };
}
