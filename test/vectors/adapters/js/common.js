// What the JavaScript adapters share: the protocol loop (one JSON row per
// line on stdin, one JSON answer per line on stdout) and the mapping of a
// row onto a server's inputs (test/vectors/README).
'use strict'
const readline = require('readline')

class Skip extends Error {}

const RANGE_RULES = ['RANGE-MAY', 'RANGE-GET-ONLY', 'RANGE-INVALID',
  'RANGE-200-ONLY', 'IR-TRUE', 'IR-FALSE', 'IR-DATE-LM-WEAK',
  'IR-IGNORE-NO-RANGE']

// Field lines as [name, value] pairs, in order.
function fieldLines (headers) {
  return headers.map(h => {
    const i = h.indexOf(':')
    return [h.slice(0, i).trim(), h.slice(i + 1).replace(/^[ \t]+|[ \t]+$/g, '')]
  })
}

// One value per lower-cased name, lines of one name joined by ", ".
function joinedFields (headers) {
  const out = {}
  for (const [name, value] of fieldLines(headers)) {
    const n = name.toLowerCase()
    out[n] = n in out ? out[n] + ', ' + value : value
  }
  return out
}

function commonSkips (row) {
  if (row.flags && row.flags.length) {
    throw new Skip('a libcondreq compatibility option (' + row.flags.join('|') + ')')
  }
}

async function serve (name, version, answer) {
  process.stdout.write(JSON.stringify({ name, version }) + '\n')
  const rl = readline.createInterface({ input: process.stdin })
  for await (const line of rl) {
    const row = JSON.parse(line)
    let reply
    try {
      reply = { answer: await answer(row) }
    } catch (e) {
      if (!(e instanceof Skip)) throw e
      reply = { skip: e.message }
    }
    process.stdout.write(JSON.stringify(reply) + '\n')
  }
  process.exit(0)
}

module.exports = { Skip, RANGE_RULES, fieldLines, joinedFields, commonSkips, serve }
