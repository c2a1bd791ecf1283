-- condreq_nginx: nginx's conditional requests decided by libcondreq
-- (RFC 9110 section 13), for static files and for the dav module's PUT
-- and DELETE; Debian's nginx with libnginx-mod-http-lua, through the
-- LuaJIT FFI bindings (bindings/lua/condreq.lua).
-- Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
--
--   location / {
--       access_by_lua_block { require("condreq_nginx").access() }
--   }
--
-- In the access phase, before any body is read or written, the request's
-- preconditions are evaluated with the validators nginx itself sends for
-- the file: its ETag, "mtime-size" in hex as ngx_http_set_etag() makes
-- it, and its modification time as Last-Modified. Then nginx's own
-- precondition code (the not_modified and range filters) is left nothing
-- to decide but the library's answer: every precondition field is
-- removed, and for a 304 an If-None-Match with nginx's ETag (or
-- If-Modified-Since with its date, for `etag off`) is put in, for a 412
-- on GET or HEAD an If-Match that nothing matches; Range is kept only
-- when the library says it may be honoured. The 304s and 412s are thus
-- nginx's own, with its headers (expires, add_header). The dav module
-- evaluates no precondition at all, so that a PUT or DELETE that fails
-- one is answered 412 here.
--
-- access(opts): opts.flags are libcondreq's compatibility flags
-- (condreq.F_*); opts.etag = false for a location with `etag off`.
-- An nginx built --with-debug, with `error_log ... debug`, logs each
-- decision: the status, what decided it, what was ignored and why.
local ffi = require "ffi"
local bit = require "bit"
local condreq = require "condreq"

-- statx(2): its struct has one layout on every architecture, unlike
-- struct stat, so that the FFI can read it anywhere Linux runs.
ffi.cdef [[
struct condreq_statx_ts { int64_t tv_sec; uint32_t tv_nsec; int32_t reserved; };
struct condreq_statx {
  uint32_t mask; uint32_t blksize; uint64_t attributes;
  uint32_t nlink; uint32_t uid; uint32_t gid; uint16_t mode; uint16_t spare0;
  uint64_t ino; uint64_t size; uint64_t blocks; uint64_t attributes_mask;
  struct condreq_statx_ts atime, btime, ctime, mtime;
  uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
  uint64_t spare2[14];
};
int statx(int dirfd, const char *path, int flags, unsigned int mask,
  struct condreq_statx *buf);
]]

local AT_FDCWD = -100
local STATX_TYPE_MODE_MTIME_SIZE = 0x1 + 0x2 + 0x40 + 0x200
local S_IFMT, S_IFREG = 0xF000, 0x8000
local st = ffi.new("struct condreq_statx")

local M = {}

-- A value that no entity-tag of nginx's can match, for a 412.
local NO_TAG = '"condreq-refused"'

-- The file's mtime and size, or nil when it is not a regular file.
local function file_of(path)
  if ffi.C.statx(AT_FDCWD, path, 0, STATX_TYPE_MODE_MTIME_SIZE, st) ~= 0 or
      bit.band(st.mode, S_IFMT) ~= S_IFREG then
    return nil
  end
  return tonumber(st.mtime.tv_sec), tonumber(st.size)
end

-- The representation of the last file decided, kept while its validators
-- stay the same: a server answers the same file many times over.
local last_etag, last_mtime, last_strong, last_flags, last_rep

local function representation(etag, mtime, now, flags)
  -- 8.8.2.2: a date a second old cannot be shared by two versions.
  local strong = mtime ~= nil and now - mtime >= 1
  if last_rep == nil or etag ~= last_etag or mtime ~= last_mtime or
      strong ~= last_strong or flags ~= last_flags then
    last_etag, last_mtime, last_strong, last_flags = etag, mtime, strong,
      flags
    last_rep = condreq.representation({ etag = etag, last_modified = mtime,
      exists = mtime ~= nil, lm_strong = strong,
      lenient = bit.band(flags, condreq.F_LENIENT_ETAG) ~= 0 })
  end
  return last_rep
end

-- Leave nginx's own precondition code the library's answer alone: the
-- fields the request has are removed, and what nginx is to see put in.
-- A revalidation whose If-None-Match is exactly nginx's ETag, nearly
-- every conditional request, already says what nginx is to see.
local function rewrite(status, range, etag, mtime, im, inm, ims, ius, ir)
  local clear, set = ngx.req.clear_header, ngx.req.set_header
  if status == 304 and etag ~= nil and inm == etag and not (im or ims or
      ius or ir) then
    return
  end
  if im then clear("If-Match") end
  if inm then clear("If-None-Match") end
  if ims then clear("If-Modified-Since") end
  if ius then clear("If-Unmodified-Since") end
  if ir then clear("If-Range") end
  if status == 304 then
    if etag then
      set("If-None-Match", etag)
    else
      set("If-Modified-Since", ngx.http_time(mtime))
    end
  elseif status == 412 then
    set("If-Match", NO_TAG)
  elseif not range then
    clear("Range")
  end
end

-- One value of a field: repeated lines (RFC 9110 5.3) joined as one list.
-- (nginx 1.22 refuses two If-Match, If-None-Match, If-Modified-Since or
-- If-Unmodified-Since lines itself, before any module runs.)
local function one(v)
  if type(v) == "table" then return table.concat(v, ", ") end
  return v
end

local function log(method, status, by, ignored)
  if ngx.config.debug then
    ngx.log(ngx.DEBUG, "condreq: ", method, " ", ngx.var.uri, ": ", status,
      ", decided by ", condreq.decided_name(by), "; ",
      table.concat(condreq.ignored_reasons(ignored), "; "))
  end
end

-- In the access phase, before nginx opens the file for GET or HEAD and
-- before the dav module writes for PUT or DELETE. nginx's own filters
-- that evaluate preconditions (not_modified, range) run before any Lua
-- header filter could, so that the validators are taken from the file
-- here: the ETag as ngx_http_set_etag makes it, "mtime-size" in hex, and
-- the mtime as Last-Modified.
--
-- One case is left to nginx: a GET or HEAD whose preconditions are a
-- well-formed If-None-Match and perhaps If-Modified-Since, a browser's
-- revalidation. RFC 9110 13.1.3 has If-Modified-Since ignored there, so
-- that it is removed; nginx's evaluation of the If-None-Match that
-- remains is then 13.1.2's (weak comparison, "*", lists: condreq-probe's
-- If-None-Match cases pass against nginx alone), and the file is not
-- looked at twice.
function M.access(opts)
  local method = ngx.req.get_method()
  local read = method == "GET" or method == "HEAD"
  if not read and method ~= "PUT" and method ~= "DELETE" then return end
  local h = ngx.req.get_headers(100)
  local im, inm, ims = h["if-match"], h["if-none-match"],
    h["if-modified-since"]
  local ius, ir = h["if-unmodified-since"], h["if-range"]
  if not (im or inm or ims or ius or ir) then return end
  local flags = opts and opts.flags or 0
  inm = one(inm)
  if read and inm and not (im or ius or ir) and
      condreq.valid_etag_list(inm, bit.band(flags,
        condreq.F_LENIENT_ETAG) ~= 0) then
    if ims then ngx.req.clear_header("If-Modified-Since") end
    return
  end
  im, ims, ius, ir = one(im), one(ims), one(ius), one(ir)
  local var = ngx.var
  local mtime, size = file_of(var.request_filename)
  if read and not mtime then return end   -- nginx's 404, or a directory
  local etag
  if mtime and not (opts and opts.etag == false) then
    etag = string.format('"%x-%x"', mtime, size)
  end
  local now = ngx.time()
  local status, range, by, ignored = condreq.decide(method,
    representation(etag, mtime, now, flags), now, flags, im, inm, ims, ius,
    ir, read and one(h["range"]) or nil)
  log(method, status, by, ignored)
  if status == 412 and not read then
    return ngx.exit(412)   -- the dav module would write regardless
  end
  rewrite(status, range, etag, mtime, im, inm, ims, ius, ir)
end

return M
