#!/bin/sh
# make js: the npm package from the WebAssembly build, and its tests.
#  - the .wasm imports nothing and is at most 32 KB; the tarball npm pack
#    makes is at most 64 KB;
#  - npm install of the tarball into an empty project, and node -e using
#    it through require() and import;
#  - node --test: the shared vectors through both module formats, fresh's
#    documented cases, the middleware and the fetch functions;
#  - condreq-probe against express.static (Express 5 from npm) on
#    loopback: 0 failures with the middleware, the pinned failures
#    without it;
#  - headless Chromium loads the package in a page and runs the vectors.
# Usage: bindings/js/test/run.sh BUILD-DIR WASM PROBE VERSION
set -u
B=$1 wasm=$2 probe=$3 version=$4
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
. "$top/test/probe/servers.sh"
need "apt-get install nodejs npm" node npm
need "apt-get install chromium" chromium
need "apt-get install curl python3" curl python3
js=$(cd "$B" && pwd)/js || exit 1
make_tmp

# --- the package ----------------------------------------------------------
wsize=$(wc -c < "$wasm")
[ "$wsize" -le 32768 ]
ok "the .wasm is $wsize bytes (at most 32768)" $?
node -e '
const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));
const i = WebAssembly.Module.imports(m);
if (i.length) { console.log("imports:", JSON.stringify(i)); process.exit(1); }' "$wasm"
ok "the .wasm imports nothing" $?

rm -rf "$js/pkg" "$js/app" "$js"/condreq-*.tgz
node "$here/../build.mjs" "$wasm" "$js/pkg" "$version"
ok "build.mjs assembled the package (version $version)" $?
(cd "$js" && npm pack --silent ./pkg --pack-destination . > "$tmp/pack.out" 2>&1)
tgz=$js/condreq-$version.tgz
[ -f "$tgz" ]
ok "npm pack made condreq-$version.tgz" $?
psize=$(wc -c < "$tgz")
[ "$psize" -le 65536 ]
ok "the package is $psize bytes (at most 65536)" $?

mkdir -p "$js/app"
printf '{ "name": "empty-project", "private": true }\n' > "$js/app/package.json"
(cd "$js/app" && npm install --no-audit --no-fund --silent "../condreq-$version.tgz") \
    > "$tmp/install.out" 2>&1
ok "npm install ./condreq-$version.tgz into an empty project" $?
(cd "$js/app" && node -e '
const c = require("condreq");
const d = c.evaluate({ method: "GET", headers: { "if-none-match": "W/\"a\"" }, etag: "\"a\"" });
if (d.status !== 304 || d.decidedBy !== "If-None-Match") process.exit(1);
if (typeof require("condreq/express") !== "function") process.exit(1);
console.log(c.version());') > "$tmp/cjs.out" 2>&1 &&
    grep -qx "$version" "$tmp/cjs.out"
ok "node -e: require(\"condreq\") and condreq/express in the project" $?
(cd "$js/app" && node --input-type=module -e '
import { evaluate, formatHttpDate } from "condreq";
import condreq from "condreq/express";
const d = evaluate({ method: "PUT", headers: new Headers({ "if-match": "W/\"a\"" }), etag: "W/\"a\"" });
if (d.status !== 412 || typeof condreq !== "function") process.exit(1);
console.log(formatHttpDate(784111777000));') > "$tmp/esm.out" 2>&1 &&
    grep -qx 'Sun, 06 Nov 1994 08:49:37 GMT' "$tmp/esm.out"
ok "node -e: import from \"condreq\" and \"condreq/express\" in the project" $?

# --- npm packages the tests run against (committed lock file) ---------------
mkdir -p "$js/deps"
cp "$here/deps/package.json" "$here/deps/package-lock.json" "$js/deps/"
(cd "$js/deps" && npm ci --no-audit --no-fund --silent) > "$tmp/ci.out" 2>&1
ok "npm ci: express, fresh and send as locked" $?
[ $fail = 0 ] || { cat "$tmp"/*.out; echo "js: $pass passed, $fail failed"; exit 1; }

# --- node --test ----------------------------------------------------------
CONDREQ_APP=$js/app CONDREQ_DEPS=$js/deps node --test "$here"/*.test.mjs \
    > "$tmp/node-test.out" 2>&1
rc=$?
grep -E '^# (tests|pass|fail) ' "$tmp/node-test.out" | tr '\n' ' '
echo
[ $rc = 0 ] || grep -v '^ *at ' "$tmp/node-test.out" | grep -B2 -A20 '^not ok' | head -80
ok "node --test: vectors, fresh's cases, middleware and fetch functions" $rc

# --- the TypeScript declarations ------------------------------------------
# Compiled as an ES module and as CommonJS code using the package would
# be, strict; the @ts-expect-error lines fail if a type is any.
cp "$here/types/check.mts" "$here/types/check.cts" "$js/app/"
cat > "$js/app/tsconfig.json" <<EOF
{ "compilerOptions": { "strict": true, "noEmit": true, "module": "nodenext",
  "moduleResolution": "nodenext", "target": "es2022", "lib": ["es2022", "dom"],
  "types": ["node"], "typeRoots": ["$js/deps/node_modules/@types"] },
  "files": ["check.mts", "check.cts"] }
EOF
(cd "$js/app" && node "$js/deps/node_modules/typescript/bin/tsc" -p .) > "$tmp/tsc.out" 2>&1
rc=$?
[ $rc = 0 ] || cat "$tmp/tsc.out"
ok "tsc --strict: index.d.ts and express.d.ts, from an ES module and from CommonJS" $rc

# --- express.static under condreq-probe -------------------------------------
if [ ! -x "$probe" ]; then
	ok "condreq-probe was built (libcurl: apt-get install libcurl4-openssl-dev)" 1
else
	make_root "$tmp/www"
	for mode in with without; do
		: > "$tmp/express-$mode.port"
		CONDREQ_APP=$js/app CONDREQ_DEPS=$js/deps node \
		    "$here/express-static.mjs" "$tmp/www" $mode \
		    > "$tmp/express-$mode.port" 2> "$tmp/express-$mode.log" &
		pids="$pids $!"
		i=0
		until grep -q 'listening on' "$tmp/express-$mode.port"; do
			i=$((i + 1))
			[ $i -gt 200 ] && break
			sleep 0.05
		done
		port=$(sed -n 's/listening on //p' "$tmp/express-$mode.port")
		"$probe" "http://127.0.0.1:$port/file.txt" > "$tmp/probe-$mode" 2>&1
		echo "express.static $mode the middleware: $(tail -1 "$tmp/probe-$mode")"
	done
	grep -q '^probe: [0-9]* passed, 0 failed' "$tmp/probe-with"
	rc=$?
	ok "express.static with condreq/express: 0 failures read-only" $rc
	[ $rc = 0 ] || grep -E '(FAIL|ERROR)$' -A1 "$tmp/probe-with" | sed 's/^/    /' 
	pinned "express.static without it: fails exactly the cases pinned in test/probe/pinned/express-static" \
	    "$tmp/probe-without" "$top/test/probe/pinned/express-static"
fi

# --- headless Chromium -----------------------------------------------------
node "$here/browser/serve.mjs" "$js/pkg" "$top/test/vectors" \
    > "$tmp/browser.out" 2>&1
rc=$?
cat "$tmp/browser.out"
ok "headless Chromium: the package loads in a page and the vectors agree" $rc

echo "js: $pass passed, $fail failed"
[ $fail = 0 ]
