// The vectors' adapter for npm's fresh: fresh(requestHeaders,
// responseHeaders) says whether a GET or HEAD may be answered 304.
// Protocol and mapping: test/vectors/README.
'use strict'
const fresh = require('fresh')
const { Skip, RANGE_RULES, joinedFields, commonSkips, serve } = require('./common')

function answer (row) {
  if (row.file !== 'eval') {
    throw new Skip('fresh exports only fresh(requestHeaders, responseHeaders)')
  }
  commonSkips(row)
  if (row.method !== 'GET' && row.method !== 'HEAD') {
    throw new Skip('fresh is asked about GET and HEAD only; the caller picks the method')
  }
  if (row.natural_status !== 0 && row.natural_status !== 200) {
    throw new Skip('fresh is not told the status; the caller checks it')
  }
  if (!row.exists) throw new Skip('fresh needs a representation to compare with')
  const req = joinedFields(row.headers)
  if ('if-match' in req || 'if-unmodified-since' in req) {
    throw new Skip('fresh evaluates If-None-Match and If-Modified-Since only')
  }
  if (RANGE_RULES.includes(row.rule) || row.status === 206) {
    throw new Skip('fresh has no Range or If-Range')
  }
  const res = {}
  if (row.etag !== null) res.etag = row.etag
  if (row.last_modified !== null) {
    res['last-modified'] = new Date(row.last_modified * 1000).toUTCString()
  }
  return { status: fresh(req, res) ? 304 : (row.natural_status || 200) }
}

serve('fresh', require('fresh/package.json').version, answer)
