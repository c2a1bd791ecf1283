-- LuaJIT FFI bindings for libcondreq, usable from OpenResty.
--   local condreq = require "condreq"
--   local d = condreq.evaluate("GET", { ["If-None-Match"] = '"v1"' },
--                              { etag = '"v1"' })
--   -- d.status == 304
-- The library is found through CONDREQ_LIB, then build/ beside this
-- file's source tree, then the system's libcondreq.so.0.
local ffi = require "ffi"

ffi.cdef [[
struct condreq_etag { const char *opaque; size_t opaque_len; int32_t weak; int32_t reserved; };
struct condreq_etag_iter { const char *p; size_t len; size_t pos; size_t errpos;
  uint32_t flags; uint32_t count; uint32_t line; int32_t error; };
struct condreq_line { const char *value; size_t len; int32_t field; int32_t reserved; };
struct condreq_request {
  uint32_t size; uint32_t flags; const char *method; size_t method_len;
  const char *etag; size_t etag_len; int64_t last_modified; int64_t now;
  int32_t has_last_modified; int32_t exists; int32_t lm_strong; int32_t natural_status;
  const char *if_match; size_t if_match_len;
  const char *if_none_match; size_t if_none_match_len;
  const char *if_modified_since; size_t if_modified_since_len;
  const char *if_unmodified_since; size_t if_unmodified_since_len;
  const char *if_range; size_t if_range_len; const char *range; size_t range_len;
  uint32_t lines[6]; uint32_t nextra; uint32_t overflow; struct condreq_line extra[16]; };
struct condreq_result { uint32_t size; int32_t status; int32_t range; int32_t decided_by;
  uint32_t ignored; uint32_t malformed; uint32_t overflow; int32_t reserved; };
uint32_t condreq_version(void);
const char *condreq_version_string(void);
const char *condreq_strerror(int code);
const char *condreq_code_name(int code);
int condreq_date_parse(const char *s, size_t len, int64_t now, uint32_t flags, int64_t *out, size_t *errpos);
int condreq_date_format(int64_t t, char *buf, size_t bufsz, size_t *outlen);
int condreq_etag_iter_init(struct condreq_etag_iter *it, const char *s, size_t len, uint32_t flags);
int condreq_etag_next(struct condreq_etag_iter *it, struct condreq_etag *tag, size_t *errpos);
int condreq_etag_list_match(const char *list, size_t len, const char *etag, size_t etag_len, uint32_t flags, size_t *errpos);
int condreq_etag_weaken(const char *etag, size_t len, char *buf, size_t bufsz, size_t *outlen);
int condreq_request_init(struct condreq_request *req, size_t size);
int condreq_request_header(struct condreq_request *req, const char *name, size_t name_len, const char *value, size_t value_len);
int condreq_result_init(struct condreq_result *res, size_t size);
int condreq_evaluate(const struct condreq_request *req, struct condreq_result *res);
const char *condreq_decided_name(int decided_by);
const char *condreq_ignored_reason(uint32_t bit);
]]

local function load()
  local tried = {}
  local cands = {}
  if os.getenv("CONDREQ_LIB") then cands[#cands + 1] = os.getenv("CONDREQ_LIB") end
  local src = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
  cands[#cands + 1] = src .. "/../../build/libcondreq.so.0"
  cands[#cands + 1] = "libcondreq.so.0"
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
local FIELDS = { "If-Match", "If-None-Match", "If-Modified-Since",
  "If-Unmodified-Since", "If-Range", "Range" }

function M.version() return ffi.string(C.condreq_version_string()) end

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
  local keep = value
  C.condreq_etag_iter_init(it, keep, #keep, lenient and M.F_LENIENT_ETAG or 0)
  return function()
    local rc = C.condreq_etag_next(it, tag, pos)
    if rc == 0 then return nil end
    if rc < 0 then fail(rc, pos[0], "malformed entity-tag list") end
    if rc == 2 then return M.STAR end
    return { opaque = ffi.string(tag.opaque, tag.opaque_len), weak = tag.weak ~= 0 }
  end
end

function M.format_etag(t)
  if t == M.STAR then return "*" end
  return (t.weak and 'W/"' or '"') .. t.opaque .. '"'
end

function M.etag_match(etag, list, weak)
  local pos = ffi.new("size_t[1]")
  local rc = C.condreq_etag_list_match(list, #list, etag, #etag,
    weak and M.F_WEAK_COMPARE or 0, pos)
  if rc == -1 then fail(rc, 0, "malformed current entity-tag") end
  if rc < 0 then fail(rc, pos[0], "malformed entity-tag list") end
  return rc == 1 or rc == 2
end

-- evaluate(method, headers, opts): headers is a name -> value table (a
-- value may be a table of field lines, as ngx.req.get_headers() gives)
-- or a list of "Name: value" strings. opts: etag, last_modified, now,
-- exists, flags, lm_strong, natural_status.
-- Returns { status, range, decided_by, ignored = {...}, malformed = {...} }.
function M.evaluate(method, headers, opts)
  opts = opts or {}
  local req = ffi.new("struct condreq_request")
  local res = ffi.new("struct condreq_result")
  local keep = { method }
  C.condreq_request_init(req, ffi.sizeof(req))
  C.condreq_result_init(res, ffi.sizeof(res))
  req.method, req.method_len = method, #method
  if opts.etag then keep[#keep + 1] = opts.etag; req.etag, req.etag_len = opts.etag, #opts.etag end
  if opts.last_modified then
    req.last_modified = opts.last_modified
    req.has_last_modified = 1
  end
  req.now = now_of(opts.now)
  req.exists = opts.exists == false and 0 or 1
  req.flags = opts.flags or 0
  req.lm_strong = opts.lm_strong and 1 or 0
  req.natural_status = opts.natural_status or 200
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
  local rc = C.condreq_evaluate(req, res)
  if rc < 0 then fail(rc, 0, "cannot evaluate") end
  local ignored, malformed = {}, {}
  for b = 0, 31 do
    if bit.band(res.ignored, bit.lshift(1, b)) ~= 0 then
      ignored[#ignored + 1] = ffi.string(C.condreq_ignored_reason(bit.lshift(1, b)))
    end
  end
  for b = 0, 5 do
    if bit.band(res.malformed, bit.lshift(1, b)) ~= 0 then malformed[#malformed + 1] = FIELDS[b + 1] end
  end
  local status = res.status
  if status == 200 and res.range ~= 0 then status = 206 end
  return { status = status, range = res.range ~= 0,
    decided_by = ffi.string(C.condreq_decided_name(res.decided_by)),
    ignored = ignored, malformed = malformed, keep = keep }
end

return M
