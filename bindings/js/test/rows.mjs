// How a row of test/vectors becomes a call of the package: shared by the
// node tests (vectors.test.mjs) and the page that runs the same rows in
// a browser (browser/runner.mjs), so the two cannot map a column apart.
// Nothing here needs node: the browser loads this file as it is.

// Rows of a vectors file's text, split on tabs; columns past those a test
// reads (such as a rule id) are left alone.
export function splitRows (text) {
  const out = [];
  text.split('\n').forEach((line, i) => {
    if (line !== '' && !line.startsWith('#')) out.push({ n: i + 1, r: line.split('\t') });
  });
  return out;
}

// test/vectors/README, "Encoding": \t \r \n \\ and \xNN.
export function unescape (s) {
  return s.replace(/\\(x[0-9a-fA-F]{2}|[trn\\])/g, (m, e) =>
    ({ t: '\t', r: '\r', n: '\n', '\\': '\\' })[e] || String.fromCharCode(parseInt(e.slice(1), 16)));
}

// A flags column (CONDREQ_F_A|CONDREQ_F_B, or 0) as the package's bits.
export function flags (lib, s) {
  let f = 0;
  for (const part of s.split('|')) {
    if (part === '0') continue;
    const v = lib[part.replace(/^CONDREQ_/, '')];
    if (typeof v !== 'number') throw new Error('unknown flag ' + part);
    f |= v;
  }
  return f;
}

// An eval.tsv row as evaluate()'s argument: the field lines joined by
// " || " become repeated lines (arrays), times in seconds become ms.
export function evalOptions (lib, r) {
  const headers = {};
  if (r[1] !== '-') {
    for (const line of r[1].split(' || ')) {
      const i = line.indexOf(':');
      const name = line.slice(0, i);
      (headers[name] = headers[name] || []).push(line.slice(i + 1));
    }
  }
  return {
    method: r[0],
    headers,
    etag: r[2] === '-' ? null : r[2],
    lastModified: r[3] === '-' ? null : Number(r[3]) * 1000,
    exists: r[4] === '1',
    flags: flags(lib, r[5]),
    lmStrong: r[6] === '1',
    now: r[7] === '-' ? null : Number(r[7]) * 1000,
    naturalStatus: Number(r[8])
  };
}
