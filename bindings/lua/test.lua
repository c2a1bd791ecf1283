-- Tests of the LuaJIT bindings over the C suite's vectors.
-- Run: luajit bindings/lua/test.lua  (from the source tree)
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
package.path = here .. "/?.lua;" .. package.path
local condreq = require "condreq"
local vectors = os.getenv("CONDREQ_VECTORS") or (here .. "/../../test/vectors")
local pass, failed = 0, 0
local FLAG = { ["0"] = 0, CONDREQ_F_LENIENT_ETAG = 1, CONDREQ_F_ANY_WEEKDAY = 2,
  CONDREQ_F_IMS_EXACT = 4, CONDREQ_F_IMS_IGNORE_FUTURE = 8,
  CONDREQ_F_LM_ZERO_UNKNOWN = 16, CONDREQ_F_WEAK_COMPARE = 32 }

local function rows(name)
  local out = {}
  local n = 0
  for line in io.lines(vectors .. "/" .. name) do
    n = n + 1
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local cols = {}
      for c in (line .. "\t"):gmatch("([^\t]*)\t") do cols[#cols + 1] = c end
      cols.lineno = n
      out[#out + 1] = cols
    end
  end
  return out
end

local function unescape(s)
  return (s:gsub("\\(x%x%x)", function(h) return string.char(tonumber(h:sub(2), 16)) end)
    :gsub("\\([trn\\])", { t = "\t", r = "\r", n = "\n", ["\\"] = "\\" }))
end

local function flags(s)
  local f = 0
  for part in s:gmatch("[^|]+") do f = f + FLAG[part] end
  return f
end

local function check(ok, what)
  if ok then pass = pass + 1 else failed = failed + 1; print("FAIL: " .. what) end
end

for _, r in ipairs(rows("dates.tsv")) do
  local now = r[2] == "-" and condreq.NOW_UNKNOWN or tonumber(r[2])
  local ok, v = pcall(condreq.parse_http_date, unescape(r[1]), now, flags(r[3]))
  if r[4] == "CONDREQ_OK" then
    check(ok and v == tonumber(r[5]), "dates.tsv line " .. r.lineno)
  else
    check(not ok and v.name == r[4] and v.offset == tonumber(r[6]),
      "dates.tsv line " .. r.lineno .. " " .. (ok and "accepted" or v.name))
  end
end

for _, r in ipairs(rows("etag_lists.tsv")) do
  local ok, got = pcall(function()
    local parts = {}
    for m in condreq.etags(unescape(r[1]), flags(r[2]) % 2 == 1) do
      parts[#parts + 1] = condreq.format_etag(m)
    end
    return table.concat(parts, " ")
  end)
  if r[3] == "CONDREQ_OK" then
    local want = r[4] == "-" and "" or unescape(r[4])
    check(ok and got == want, "etag_lists.tsv line " .. r.lineno)
  else
    check(not ok and got.name == r[3] and
      got.offset == tonumber(r[5]), "etag_lists.tsv line " .. r.lineno)
  end
end

for _, r in ipairs(rows("etag_compare.tsv")) do
  local a, b = unescape(r[1]), unescape(r[2])
  check(condreq.etag_match(a, b) == (r[3] == "match"), "compare strong line " .. r.lineno)
  check(condreq.etag_match(a, b, true) == (r[4] == "match"), "compare weak line " .. r.lineno)
end

local n = 0
for _, r in ipairs(rows("eval.tsv")) do
  local hdrs = {}
  if r[2] ~= "-" then
    local s = r[2] .. " || "
    for h in s:gmatch("(.-) || ") do hdrs[#hdrs + 1] = h end
  end
  local d = condreq.evaluate(r[1], hdrs, {
    etag = r[3] ~= "-" and r[3] or nil,
    last_modified = r[4] ~= "-" and tonumber(r[4]) or nil,
    exists = r[5] == "1", flags = flags(r[6]), lm_strong = r[7] == "1",
    now = r[8] == "-" and condreq.NOW_UNKNOWN or tonumber(r[8]),
    natural_status = tonumber(r[9]) })
  check(d.status == tonumber(r[10]) and d.decided_by == r[11],
    "eval.tsv line " .. r.lineno .. ": " .. d.status .. " by " .. d.decided_by)
  n = n + 1
end
check(n > 2000, "eval.tsv has the decision table")

-- decide(), one value per field, agrees with evaluate() on every row
-- that has at most one line of each field.
local FIELD = { ["if-match"] = 1, ["if-none-match"] = 2,
  ["if-modified-since"] = 3, ["if-unmodified-since"] = 4, ["if-range"] = 5,
  range = 6 }
local m = 0
for _, r in ipairs(rows("eval.tsv")) do
  local v, single = {}, true
  if r[2] ~= "-" then
    for h in (r[2] .. " || "):gmatch("(.-) || ") do
      local name, value = h:match("^([^:]*):%s*(.-)%s*$")
      local k = name and FIELD[name:lower()]
      if k then
        if v[k] then single = false end
        v[k] = value
      end
    end
  end
  if single then
    local o = { etag = r[3] ~= "-" and r[3] or nil,
      last_modified = r[4] ~= "-" and tonumber(r[4]) or nil,
      exists = r[5] == "1", lm_strong = r[7] == "1",
      lenient = flags(r[6]) % 2 == 1 }
    local ok, rep = pcall(condreq.representation, o)
    if ok and tonumber(r[9]) == 0 then
      local now = r[8] == "-" and condreq.NOW_UNKNOWN or tonumber(r[8])
      local st, range, by = condreq.decide(r[1], rep, now, flags(r[6]),
        v[1], v[2], v[3], v[4], v[5], v[6])
      check(st == tonumber(r[10]) and condreq.decided_name(by) == r[11],
        "eval.tsv line " .. r.lineno .. ": decide() " .. st .. " by " ..
        condreq.decided_name(by))
      m = m + 1
    end
  end
end
check(m > 1000, "decide() compared on " .. m .. " rows")

-- valid_etag_list() against the list vectors.
for _, r in ipairs(rows("etag_lists.tsv")) do
  local v = condreq.valid_etag_list(unescape(r[1]), flags(r[2]) % 2 == 1)
  check(v == (r[3] == "CONDREQ_OK"), "etag_lists.tsv line " .. r.lineno ..
    ": valid_etag_list() " .. tostring(v))
end

-- The last column of every vector file: an id of rules.tsv.
local ids = {}
for _, r in ipairs(rows("rules.tsv")) do ids[r[1]] = true end
for name, ncol in pairs({ ["dates.tsv"] = 9, ["etag_lists.tsv"] = 8,
    ["etag_compare.tsv"] = 7, ["eval.tsv"] = 14 }) do
  for _, r in ipairs(rows(name)) do
    check(#r == ncol and ids[r[ncol]], name .. " line " .. r.lineno ..
      ": " .. #r .. " columns, rule " .. tostring(r[#r]))
  end
end

-- One representation, prepared once, for many requests.
local rep = condreq.representation({ etag = '"v1"', last_modified = 784111777 })
check(condreq.evaluate("GET", { ["If-None-Match"] = '"v1"' }, { rep = rep }).status == 304,
  "a prepared representation: match")
check(condreq.evaluate("GET", { ["If-None-Match"] = '"v0"' }, { rep = rep }).status == 200,
  "a prepared representation: no match")
check(condreq.evaluate("OPTIONS", { ["If-Match"] = '"v0"' }, { rep = rep }).decided_by == "method",
  "13.2.1: OPTIONS ignores preconditions")
local ok, e = pcall(condreq.representation, { etag = '"v1' })
check(not ok and e.name == "CONDREQ_ESYNTAX" and e.offset == 3,
  "a malformed ETag is refused at set-up")
check(condreq.field_name(1) == "If-None-Match", "field names from the library")

-- Told a library that cannot be loaded: an error, never another build.
local lj = arg and arg[-1] or "luajit"
local cmd = "CONDREQ_LIB=/nonexistent/libcondreq.so.1 " .. lj ..
  " -e 'package.path=\"" .. here .. "/?.lua;\"..package.path; require \"condreq\"' 2>&1"
local p = io.popen(cmd)
local out = p:read("*a")
p:close()
check(out:find("CONDREQ_LIB=/nonexistent/libcondreq.so.1 cannot be loaded", 1, true) ~= nil,
  "CONDREQ_LIB that cannot be loaded fails: " .. out)

-- The OpenResty shape: a header table with repeated lines as a list.
local d = condreq.evaluate("GET", { ["if-none-match"] = { '"a"', 'W/"v1"' } }, { etag = '"v1"' })
check(d.status == 304, "repeated field lines as a table")
check(condreq.format_http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT", "format")

-- Collection: the binding functions that hand a Lua string to C and
-- return before C is done with it are etags() (the iterator reads the
-- list between calls) and representation() (the struct points into the
-- ETag for as long as it is used). Each is given fresh strings that
-- nothing else holds, and the collector runs, with allocations, at every
-- step: 0.2's etags() kept no reference, and LuaJIT freed the list
-- mid-loop (invalid reads under valgrind; "malformed entity-tag list").
do
  local bad = 0
  for round = 1, 60 do
    local parts = {}
    for i = 1, 12 do parts[i] = string.format('"r%d-m%d-%s"', round, i, ("x"):rep(i)) end
    local n = 0
    local ok = pcall(function()
      for t in condreq.etags(table.concat(parts, ", ")) do
        collectgarbage()
        local junk = {}
        for j = 1, 64 do junk[j] = ("g%d-%d"):format(round, j):rep(8) end
        n = n + 1
        if condreq.format_etag(t) ~= parts[n] then bad = bad + 1 end
      end
    end)
    if not ok or n ~= #parts then bad = bad + 1 end
  end
  check(bad == 0, "etags(): members read right while the collector runs (" .. bad .. " bad)")
  bad = 0
  for round = 1, 60 do
    local r = condreq.representation({ etag = string.format('"rep-%d-%s"', round, ("y"):rep(round % 9 + 1)) })
    collectgarbage()
    local junk = {}
    for j = 1, 64 do junk[j] = ("h%d-%d"):format(round, j):rep(8) end
    local tag = string.format('"rep-%d-%s"', round, ("y"):rep(round % 9 + 1))
    if condreq.evaluate("GET", { ["If-None-Match"] = tag }, { rep = r }).status ~= 304 then
      bad = bad + 1
    end
    collectgarbage()
    if condreq.decide("GET", r, 0, 0, nil, tag) ~= 304 then bad = bad + 1 end
  end
  check(bad == 0, "representation(): the ETag outlives collections (" .. bad .. " bad)")
end

print(string.format("lua: %d passed, %d failed", pass, failed))
os.exit(failed == 0 and 0 or 1)
