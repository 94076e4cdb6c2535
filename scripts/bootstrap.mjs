// Makes a checkout runnable: dependencies installed, native SQLite binding built,
// TypeScript compiled, bubblewrap present. `npm start` and `npm test` run it first,
// so it must cost almost nothing when there is nothing to do, and say nothing then.
// Plain Node with built-ins only: it runs before node_modules exists.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const inRoot = (...parts) => join(root, ...parts);

/** One line per action, on stderr so a server's stdout log stream stays clean. */
function say(line) {
  process.stderr.write(`bootstrap: ${line}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error !== undefined) say(`${command} could not start: ${result.error.message}`);
  return result.status === 0;
}

function fail(line) {
  say(line);
  process.exit(1);
}

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time among files under a directory that pass the filter; 0 when none. */
function newestFile(directory, accept = () => true) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestFile(path, accept));
    else if (entry.isFile() && accept(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function installDependencies() {
  const lock = modifiedAt(inRoot("package-lock.json"));
  // npm writes node_modules/.package-lock.json last, so its time says when the last install finished.
  const installed = modifiedAt(inRoot("node_modules", ".package-lock.json"));
  const isStale = !existsSync(inRoot("node_modules")) || installed === undefined || (lock ?? 0) > installed;
  if (isStale) {
    const args = lock === undefined ? ["install"] : ["ci"];
    say(`installing dependencies (npm ${args[0]})`);
    if (!run("npm", args)) fail(`npm ${args[0]} failed`);
  }
  // npm 11 skips install scripts it was not told to trust; without its script better-sqlite3 has no binding.
  const binding = inRoot("node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node");
  if (!existsSync(binding)) {
    say("building the better-sqlite3 native binding (npm rebuild better-sqlite3)");
    if (!run("npm", ["rebuild", "better-sqlite3"]) || !existsSync(binding)) {
      fail(
        `better-sqlite3 has no native binding at ${binding}; run npm rebuild better-sqlite3 and read its errors`,
      );
    }
  }
}

function build() {
  const entry = inRoot("dist", "main.js");
  const isSource = (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name);
  const newestInput = Math.max(
    newestFile(inRoot("src"), isSource),
    modifiedAt(inRoot("tsconfig.json")) ?? 0,
    modifiedAt(inRoot("tsconfig.build.json")) ?? 0,
  );
  if (existsSync(entry) && newestInput <= newestFile(inRoot("dist"))) return;
  say("compiling TypeScript (tsc -p tsconfig.build.json)");
  const compiler = inRoot("node_modules", "typescript", "bin", "tsc");
  if (!run(process.execPath, [compiler, "-p", "tsconfig.build.json"])) {
    // tsc emits even with type errors; dropping the entry point makes the next run build again
    // instead of trusting output that failed to type-check.
    rmSync(entry, { force: true });
    fail("the TypeScript build failed (errors above)");
  }
}

/** The agent runner ships as one self-contained file (the sandbox mounts only dist/runner/). */
function bundleRunner() {
  const bundle = inRoot("dist", "runner", "agent-runner.mjs");
  const isSource = (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name);
  const newestInput = Math.max(
    newestFile(inRoot("src", "runner"), isSource),
    newestFile(inRoot("src", "runner-protocol"), isSource),
    modifiedAt(inRoot("package-lock.json")) ?? 0,
  );
  if ((modifiedAt(bundle) ?? 0) >= newestInput) return;
  say("bundling the agent runner (npm run bundle-runner)");
  if (!run("npm", ["run", "--silent", "bundle-runner"]))
    fail("bundling the agent runner failed (errors above)");
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name) {
  const directories = ["/usr/bin", ...(process.env.PATH ?? "").split(delimiter).filter(Boolean)];
  return directories.map((directory) => join(directory, name)).find(isExecutable);
}

function ensureBubblewrap() {
  if (findOnPath("bwrap") !== undefined) return;
  const aptGet = findOnPath("apt-get");
  if (process.getuid?.() === 0 && aptGet !== undefined) {
    say("installing bubblewrap (apt-get install -y bubblewrap)");
    const environment = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const install = () => run(aptGet, ["install", "-y", "bubblewrap"], { env: environment });
    let isInstalled = install();
    if (!isInstalled) {
      // A fresh image often has no package lists yet; refresh them only when needed, it is slow.
      say("refreshing package lists (apt-get update)");
      isInstalled = run(aptGet, ["update"], { env: environment }) && install();
    }
    if (isInstalled && findOnPath("bwrap") !== undefined) return;
  }
  process.stderr.write("Hangar needs bubblewrap: run  sudo apt-get install -y bubblewrap\n");
}

installDependencies();
build();
bundleRunner();
ensureBubblewrap();
