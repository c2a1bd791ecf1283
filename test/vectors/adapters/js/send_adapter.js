// The vectors' adapter for npm's send, a static file server: each row is
// a real HTTP request over loopback to node's http server, whose handler
// sets the row's ETag and Last-Modified and lets send answer from a file.
// Protocol and mapping: test/vectors/README.
'use strict'
const fs = require('fs')
const http = require('http')
const os = require('os')
const path = require('path')
const send = require('send')
const { Skip, fieldLines, commonSkips, serve } = require('./common')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vectors-send-'))
const file = path.join(dir, 'file.txt')
fs.writeFileSync(file, '0123456789')
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))

let current = null
const server = http.createServer((req, res) => {
  const row = current
  if (row.etag !== null) res.setHeader('ETag', row.etag)
  if (row.last_modified !== null) {
    res.setHeader('Last-Modified', new Date(row.last_modified * 1000).toUTCString())
  }
  send(req, file, { etag: false, lastModified: false }).pipe(res)
})

function request (port, row) {
  return new Promise((resolve, reject) => {
    // Repeated field lines go as separate lines: node's own parser then
    // does with them what it does for any application.
    const headers = {}
    for (const [name, value] of fieldLines(row.headers)) {
      if (name in headers) headers[name].push(value)
      else headers[name] = [value]
    }
    const req = http.request({ host: '127.0.0.1', port, method: row.method, path: '/', headers }, res => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
    })
    req.on('error', reject)
    req.end()
  })
}

async function main () {
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = server.address().port
  await serve('send', require('send/package.json').version, async row => {
    if (row.file !== 'eval') {
      throw new Skip('send exports no date, entity-tag or comparison function')
    }
    commonSkips(row)
    if (row.method !== 'GET' && row.method !== 'HEAD') {
      throw new Skip('send serves GET and HEAD; other methods are the application\'s')
    }
    if (row.natural_status !== 0 && row.natural_status !== 200) {
      throw new Skip('send picks the status itself')
    }
    if (!row.exists) throw new Skip('send answers 404 when there is no file')
    current = row
    return { status: await request(port, row) }
  })
}

main()
