-- LuaJIT FFI bindings for libcondreq 0.2, usable from OpenResty and
-- Debian's nginx with libnginx-mod-http-lua.
--   local condreq = require "condreq"
--   local rep = condreq.representation{ etag = '"v1"', last_modified = t }
--   local d = condreq.evaluate("GET", { ["If-None-Match"] = '"v1"' },
--                              { rep = rep })
--   -- d.status == 304
-- The library is the file named by CONDREQ_LIB when it is set (and
-- nothing else: if it cannot be loaded, require fails); otherwise
-- build/ of the source tree when this file is in one, then the system's
-- libcondreq.so.2.
local ffi = require "ffi"
local bit = require "bit"

ffi.cdef [[
struct condreq_etag { const char *opaque; size_t opaque_len; int32_t weak; int32_t reserved; };
struct condreq_etag_iter { const char *p; size_t len; size_t pos; size_t errpos;
  uint32_t flags; uint32_t count; uint32_t line; int32_t error; uint64_t reserved[4]; };
struct condreq_value { const char *value; size_t len; };
struct condreq_line { const char *value; size_t len; int32_t field; int32_t reserved; };
struct condreq_rep { uint32_t size; int32_t exists; struct condreq_etag etag;
  uint64_t etag_key[4]; int64_t last_modified; int32_t has_last_modified; int32_t lm_strong; };
struct condreq_request {
  uint32_t size; uint32_t flags; const char *method; size_t method_len;
  struct condreq_value field[6];
  uint32_t overflow; uint32_t nlines; struct condreq_line *lines; uint32_t lines_cap;
  int32_t natural_status; int64_t now; };
struct condreq_result { uint32_t size; int32_t status;
  int32_t decided_by; uint32_t ignored; uint32_t malformed; uint32_t overflow; };
uint32_t condreq_version(void);
const char *condreq_version_string(void);
const char *condreq_strerror(int code);
const char *condreq_code_name(int code);
const char *condreq_field_name(int field);
int condreq_date_parse(const char *s, size_t len, int64_t now, uint32_t flags, int64_t *out, size_t *errpos);
int condreq_date_format(int64_t t, char *buf, size_t bufsz, size_t *outlen);
int condreq_etag_iter_init(struct condreq_etag_iter *it, const char *s, size_t len, uint32_t flags);
int condreq_etag_next(struct condreq_etag_iter *it, struct condreq_etag *tag, int *fault, size_t *errpos);
int condreq_etag_make(uint64_t size, int64_t mtime_ns, uint64_t ino, char *buf, size_t bufsz, size_t *outlen);
int condreq_etag_weaken(const char *etag, size_t len, char *buf, size_t bufsz, size_t *outlen);
int condreq_rep_init_sized(struct condreq_rep *rep, size_t size);
int condreq_rep_set_etag(struct condreq_rep *rep, const char *etag, size_t len, uint32_t flags, size_t *errpos);
int condreq_etag_list_match(const struct condreq_rep *rep, const char *list, size_t len, uint32_t flags, int *fault, size_t *errpos);
int condreq_if_none_match(const struct condreq_rep *rep, const char *list, size_t len, uint32_t flags, int *fault, size_t *errpos);
int condreq_request_init_sized(struct condreq_request *req, size_t size);
int condreq_request_header(struct condreq_request *req, const char *name, size_t name_len, const char *value, size_t value_len);
int condreq_result_init_sized(struct condreq_result *res, size_t size);
int condreq_evaluate(const struct condreq_request *req, const struct condreq_rep *rep, struct condreq_result *res);
const char *condreq_decided_name(int decided_by);
const char *condreq_ignored_reason(uint32_t bit);
]]

local SONAME = "libcondreq.so.2"

local function load()
  local told = os.getenv("CONDREQ_LIB")
  if told and told ~= "" then
    -- Told what to test: that or nothing, never a stand-in.
    local ok, lib = pcall(ffi.load, told)
    if not ok then error("CONDREQ_LIB=" .. told .. " cannot be loaded: " .. tostring(lib)) end
    return lib
  end
  local tried = {}
  -- build/ of the source tree, only when this file is in one (in
  -- bindings/lua, beside src/libcondreq.map): an installed copy never
  -- looks in a folder relative to where it was installed.
  local cands = { SONAME }
  local src = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
  local function exists(f)
    local h = io.open(f, "r")
    if h then h:close() end
    return h ~= nil
  end
  if exists(src .. "/../../bindings/lua/condreq.lua") and
      exists(src .. "/../../src/libcondreq.map") then
    table.insert(cands, 1, src .. "/../../build/" .. SONAME)
  end
  for _, c in ipairs(cands) do
    local ok, lib = pcall(ffi.load, c)
    if ok then return lib end
    tried[#tried + 1] = c
  end
  error("libcondreq not found; tried " .. table.concat(tried, ", "))
end

local C = load()
local M = {
  F_LENIENT_ETAG = 1, F_ANY_WEEKDAY = 2, F_IMS_EXACT = 4,
  F_IMS_IGNORE_FUTURE = 8, F_LM_ZERO_UNKNOWN = 16, F_WEAK_COMPARE = 32,
  NOW_UNKNOWN = ffi.new("int64_t", -9223372036854775807LL - 1),
  STAR = "*",
}
-- Room for repeated field lines (RFC 9110 5.3) per decision.
local LINES = 64

function M.version() return ffi.string(C.condreq_version_string()) end
function M.field_name(f) return ffi.string(C.condreq_field_name(f)) end

-- Errors are tables { code, name, reason, offset }; raised with error().
local function fail(code, offset, what)
  error({ code = code, name = ffi.string(C.condreq_code_name(code)),
    reason = ffi.string(C.condreq_strerror(code)), offset = tonumber(offset),
    message = what .. ": " .. ffi.string(C.condreq_strerror(code)) ..
      " at offset " .. tostring(tonumber(offset)) }, 2)
end

local function now_of(now)
  if now == nil then return os.time() end
  return now
end

-- Unix seconds (a number) of an HTTP-date in any of its three formats.
function M.parse_http_date(s, now, flags)
  local out, pos = ffi.new("int64_t[1]"), ffi.new("size_t[1]")
  local rc = C.condreq_date_parse(s, #s, now_of(now), flags or 0, out, pos)
  if rc ~= 0 then fail(rc, pos[0], "invalid HTTP-date") end
  return tonumber(out[0])
end

function M.format_http_date(t)
  local buf = ffi.new("char[30]")
  local rc = C.condreq_date_format(t, buf, 30, nil)
  if rc ~= 0 then fail(rc, 0, "cannot format") end
  return ffi.string(buf, 29)
end

-- Iterator over list members: each is { opaque = "...", weak = bool },
-- or M.STAR. Raises on a malformed list.
function M.etags(value, lenient)
  local it = ffi.new("struct condreq_etag_iter")
  local tag = ffi.new("struct condreq_etag")
  local pos = ffi.new("size_t[1]")
  local fault = ffi.new("int[1]")
  C.condreq_etag_iter_init(it, value, #value, lenient and M.F_LENIENT_ETAG or 0)
  -- The C iterator points into value: the closure must hold it, or the
  -- collector may free it between two calls (test.lua, "collection").
  return function()
    local _ = value
    local rc = C.condreq_etag_next(it, tag, fault, pos)
    if fault[0] ~= 0 then fail(fault[0], pos[0], "malformed entity-tag list") end
    if rc == 0 then return nil end
    if rc == 2 then return M.STAR end
    return { opaque = ffi.string(tag.opaque, tag.opaque_len), weak = tag.weak ~= 0 }
  end
end

function M.format_etag(t)
  if t == M.STAR then return "*" end
  return (t.weak and 'W/"' or '"') .. t.opaque .. '"'
end

-- The selected representation, prepared once and reused for every
-- request on it: opts.etag (as sent; a malformed one raises),
-- last_modified (Unix seconds), lm_strong, exists (default true),
-- lenient. Keep the returned table as long as the representation.
function M.representation(opts)
  opts = opts or {}
  local r = { rep = ffi.new("struct condreq_rep"), etag = opts.etag }
  C.condreq_rep_init_sized(r.rep, ffi.sizeof(r.rep))
  if opts.etag then
    local pos = ffi.new("size_t[1]")
    local rc = C.condreq_rep_set_etag(r.rep, opts.etag, #opts.etag,
      opts.lenient and M.F_LENIENT_ETAG or 0, pos)
    if rc ~= 0 then fail(rc, pos[0], "malformed ETag") end
  end
  if opts.last_modified then
    r.rep.last_modified = opts.last_modified
    r.rep.has_last_modified = 1
  end
  r.rep.exists = opts.exists == false and 0 or 1
  r.rep.lm_strong = opts.lm_strong and 1 or 0
  return r
end

function M.etag_match(etag, list, weak)
  local r = M.representation({ etag = etag })
  local pos = ffi.new("size_t[1]")
  local fault = ffi.new("int[1]")
  local rc = C.condreq_etag_list_match(r.rep, list, #list,
    weak and M.F_WEAK_COMPARE or 0, fault, pos)
  if fault[0] ~= 0 then fail(fault[0], pos[0], "malformed entity-tag list") end
  return rc == 1
end

local NONE = setmetatable({}, { __newindex = function()
  error("read-only") end })

-- Is s a well-formed entity-tag list (or "*")? No table is made.
local fault1 = ffi.new("int[1]")
function M.valid_etag_list(s, lenient)
  C.condreq_if_none_match(nil, s, #s, lenient and M.F_LENIENT_ETAG or 0,
    fault1, nil)
  return fault1[0] == 0
end

local function names(mask, name_of)
  if mask == 0 then return NONE end
  local out = {}
  for b = 0, 31 do
    if bit.band(mask, bit.lshift(1, b)) ~= 0 then out[#out + 1] = name_of(b) end
  end
  return out
end

local function reason_of(b)
  return ffi.string(C.condreq_ignored_reason(bit.lshift(1, b)))
end

-- evaluate(method, headers, opts): headers is a name -> value table (a
-- value may be a table of field lines, as ngx.req.get_headers() gives)
-- or a list of "Name: value" strings. opts: rep (from
-- M.representation), or etag, last_modified, exists, lm_strong to make
-- one; now, flags, natural_status.
-- Returns { status (what to send: 206 when a Range may be honoured),
-- range, decided_by, ignored = {...}, malformed = {...} }.
-- One request, result and line store, reused: evaluate() never yields,
-- and a Lua state runs one call at a time.
local req = ffi.new("struct condreq_request")
local res = ffi.new("struct condreq_result")
local lines = ffi.new("struct condreq_line[?]", LINES)
C.condreq_result_init_sized(res, ffi.sizeof(res))

function M.evaluate(method, headers, opts)
  opts = opts or {}
  local r = opts.rep or M.representation({ etag = opts.etag,
    last_modified = opts.last_modified, exists = opts.exists,
    lm_strong = opts.lm_strong,
    lenient = bit.band(opts.flags or 0, M.F_LENIENT_ETAG) ~= 0 })
  local keep = { method, r }
  C.condreq_request_init_sized(req, ffi.sizeof(req))
  C.condreq_result_init_sized(res, ffi.sizeof(res))
  req.method, req.method_len = method, #method
  req.now = now_of(opts.now)
  req.flags = opts.flags or 0
  req.natural_status = opts.natural_status or 0
  req.lines, req.lines_cap = lines, LINES
  local function add(name, value)
    keep[#keep + 1] = name
    keep[#keep + 1] = value
    C.condreq_request_header(req, name, #name, value, #value)
  end
  for k, v in pairs(headers) do
    if type(k) == "number" then
      local name, value = v:match("^([^:]*):(.*)$")
      if name then add(name, value) end
    elseif type(v) == "table" then
      for _, one in ipairs(v) do add(k, one) end
    else
      add(k, v)
    end
  end
  local rc = C.condreq_evaluate(req, r.rep, res)
  if rc < 0 then fail(rc, 0, "cannot evaluate") end
  return { status = rc, range = rc == 206,
    decided_by = ffi.string(C.condreq_decided_name(res.decided_by)),
    ignored = names(res.ignored, reason_of),
    malformed = names(res.malformed, M.field_name), keep = keep }
end
-- decide(method, rep, now, flags, if_match, if_none_match,
--        if_modified_since, if_unmodified_since, if_range, range)
-- The same decision for a server that has one value per field (nil when
-- absent) and a representation kept from M.representation(): no table
-- is made, so that it costs little per request. Returns the status to
-- send (206 when a Range may be honoured), whether Range may be
-- honoured, what decided (M.decided_name() names it) and the ignored
-- bits (M.ignored_reasons() names them).
local function put(f, v)
  if v then req.field[f].value, req.field[f].len = v, #v end
end
function M.decide(method, r, now, flags, im, inm, ims, ius, ir, range)
  C.condreq_request_init_sized(req, ffi.sizeof(req))
  req.method, req.method_len = method, #method
  req.now = now_of(now)
  req.flags = flags or 0
  put(0, im)
  put(1, inm)
  put(2, ims)
  put(3, ius)
  put(4, ir)
  put(5, range)
  local rc = C.condreq_evaluate(req, r.rep, res)
  if rc < 0 then fail(rc, 0, "cannot evaluate") end
  return rc, rc == 206, res.decided_by, res.ignored
end

function M.decided_name(n) return ffi.string(C.condreq_decided_name(n)) end
function M.ignored_reasons(mask) return names(mask, reason_of) end

return M
