"use strict";
/**
 * Hangar's JavaScript notebook kernel: one long-lived Node process per session.
 *
 * Protocol: the same as python-kernel.py (see its docstring and
 * src/runs/kernel-protocol.ts). Requests arrive as JSON lines on stdin after a
 * handshake carrying the framing nonce; user output goes straight to fds 1 and 2;
 * frames "\x1eHANGAR:<nonce>:<json>\n" mark the end of each request on both streams.
 *
 * Cells run with vm.Script#runInThisContext, in the process's main context rather
 * than a separate vm context: values from require()d modules then share the cell's
 * realm (`instanceof Array`, assert.deepStrictEqual and Buffer checks behave as in a
 * script), and every Node global is there without copying. Top-level let/const/class
 * persist because consecutive scripts share the global lexical scope.
 *
 * Cells that use top-level await, and cells that re-declare a let/class from an earlier
 * run, run as an async function body instead (see compileAsync). Their top-level
 * declarations are copied to the global scope when the cell completes (not when it
 * throws), and become plain mutable globals; a name an earlier run declared with
 * const cannot be replaced and the run reports a TypeError.
 *
 * Node cannot dup2, so fd 0 stays the protocol channel. User code gets the request's
 * stdin through `process.stdin`, `fs.readFileSync(0 | "/dev/stdin")`, `fs.readSync(0)`,
 * `fs.readFile` and `fs.promises.readFile`, and a child_process call that would inherit
 * stdin gets a pipe with the rest of it. Not covered: fs.openSync("/dev/stdin"),
 * fs.createReadStream(null, { fd: 0 }) and native code reading fd 0; they see the
 * protocol channel, where nothing arrives while a cell runs.
 *
 * A worker thread reads the protocol channel, so a line {"type":"interrupt","id"} is seen
 * while a cell keeps the main thread busy: the worker sends SIGINT to the kernel and to the
 * children the cell started. The cell's script runs with breakOnSigint (a busy loop stops
 * with an error), and an awaited cell is rejected; the session's state stays. A cell stuck
 * where neither reaches it (a loop after its first await) is the host's to kill.
 *
 * Rich results: display(...) and the last expression's value are sent as
 * {"type":"display","id","bundle","main"?} frames on stdout (MIME type -> data), bounded
 * in size and number like the Python kernel's.
 */
const fs = require("node:fs");
const path = require("node:path");
const util = require("node:util");
const vm = require("node:vm");
const Module = require("node:module");
const { Readable } = require("node:stream");
const { Worker } = require("node:worker_threads");

const RESULT_LIMIT = 65536;
const TRACEBACK_LIMIT = 65536;
const CELL = "<cell>";
const NONCE_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;
const MAX_RESULT_TRIALS = 24;
// Bounds on rich results, the same as the host's (kernel-protocol.ts), which checks them again.
const BUNDLE_LIMIT = 2 * 1024 * 1024;
const RUN_RESULTS_LIMIT = 100;
const RUN_RESULT_BYTES_LIMIT = 10 * 1024 * 1024;
// Captured before any cell runs, so a cell that reassigns JSON or patches util cannot break the kernel.
const stringify = JSON.stringify;
const parseJson = JSON.parse;
const inspect = util.inspect;
const writeSync = fs.writeSync;
const originalExit = process.exit;
const importModuleDynamically = vm.constants ? vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER : undefined;

// The loader behind `import()` in cells warns that it is experimental, into the user's stderr.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const text = typeof warning === "string" ? warning : warning && warning.message;
  if (typeof text === "string" && text.includes("USE_MAIN_CONTEXT_DEFAULT_LOADER")) return undefined;
  return emitWarning.call(this, warning, ...rest);
};

let prefix = "";

function writeAll(fd, text) {
  const buffer = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += writeSync(fd, buffer, offset, buffer.length - offset);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // a child made the fd non-blocking
    }
  }
}

function send(fd, message) {
  writeAll(fd, prefix + stringify(message) + "\n");
}

function truncate(text, limit) {
  return text.length <= limit
    ? text
    : `${text.slice(0, limit)}\n... [truncated ${text.length - limit} characters]`;
}

// Blocking writes keep process.stdout, subprocesses and our frames in order on the pipe,
// and a child that inherits fd 1 does not get EAGAIN.
for (const stream of [process.stdout, process.stderr]) {
  const handle = stream._handle;
  if (handle && typeof handle.setBlocking === "function") handle.setBlocking(true);
}

// ---- stdin for user code --------------------------------------------------------------
let stdinData = Buffer.alloc(0);
let stdinOffset = 0;
let stdinStream;

function takeStdin(limit) {
  const end = limit === undefined ? stdinData.length : Math.min(stdinData.length, stdinOffset + limit);
  const chunk = stdinData.subarray(stdinOffset, end);
  stdinOffset = end;
  return chunk;
}

function userStdin() {
  if (stdinStream === undefined) {
    stdinStream = new Readable({
      read() {
        const chunk = takeStdin();
        this.push(chunk.length > 0 ? Buffer.from(chunk) : null);
      },
    });
    stdinStream.fd = 0;
    stdinStream.isTTY = false;
  }
  return stdinStream;
}

function isStdin(target) {
  return target === 0 || target === "/dev/stdin" || target === "/proc/self/fd/0" || target === "/dev/fd/0";
}

function decodeStdin(options) {
  const data = Buffer.from(takeStdin());
  const encoding = typeof options === "string" ? options : options && options.encoding;
  return encoding ? data.toString(encoding) : data;
}

Object.defineProperty(process, "stdin", { configurable: true, enumerable: true, get: userStdin });
const readFileSync = fs.readFileSync;
const readSync = fs.readSync;
const readFile = fs.readFile;
const readFilePromise = fs.promises.readFile;
fs.readFileSync = function (target, options) {
  return isStdin(target) ? decodeStdin(options) : readFileSync.apply(this, arguments);
};
fs.readSync = function (fd, buffer, offsetOrOptions, length) {
  if (fd !== 0) return readSync.apply(this, arguments);
  const options = typeof offsetOrOptions === "object" && offsetOrOptions !== null ? offsetOrOptions : {};
  const offset = (typeof offsetOrOptions === "number" ? offsetOrOptions : options.offset) || 0;
  const size = (typeof length === "number" ? length : options.length) ?? buffer.byteLength - offset;
  const chunk = takeStdin(size);
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(chunk, offset);
  return chunk.length;
};
fs.readFile = function (target, options, callback) {
  if (!isStdin(target)) return readFile.apply(this, arguments);
  const done = typeof options === "function" ? options : callback;
  const data = decodeStdin(typeof options === "function" ? undefined : options);
  process.nextTick(done, null, data);
};
fs.promises.readFile = async function (target, options) {
  return isStdin(target) ? decodeStdin(options) : readFilePromise.apply(this, arguments);
};

// A child that inherits stdin would read the protocol channel (and wait forever, as the host
// sends nothing while a cell runs). It gets a pipe holding the rest of the request's stdin.
const childProcess = require("node:child_process");

function inheritsStdin(stdio) {
  const first = Array.isArray(stdio) ? stdio[0] : stdio;
  return first === "inherit" || first === 0 || first === process.stdin;
}

for (const name of ["spawn", "spawnSync", "execFile", "execFileSync", "exec", "execSync", "fork"]) {
  const original = childProcess[name];
  const isSync = name.endsWith("Sync");
  childProcess[name] = function (...args) {
    // exec(command, options) and exec(command, options, callback); the rest take (file, args?, options?).
    const index = name === "exec" || name === "execSync" || !Array.isArray(args[1]) ? 1 : 2;
    const options = args[index] !== null && typeof args[index] === "object" ? args[index] : undefined;
    const stdio = options?.stdio ?? (name === "fork" && !options?.silent ? [0, 1, 2, "ipc"] : undefined);
    if (!inheritsStdin(stdio)) return original.apply(this, args);
    const data = Buffer.from(takeStdin());
    const patched = {
      ...options,
      stdio: typeof stdio === "string" ? ["pipe", stdio, stdio] : ["pipe", ...stdio.slice(1)],
    };
    if (isSync && patched.input === undefined) patched.input = data;
    if (options === undefined) args.splice(index, 0, patched);
    else args[index] = patched;
    const result = original.apply(this, args);
    if (!isSync && result.stdin) {
      result.stdin.on("error", () => undefined); // the child may exit without reading
      result.stdin.end(data);
    }
    return result;
  };
}
Module.syncBuiltinESMExports();

// ---- rich results --------------------------------------------------------------------------
let displayState; // { id, count, bytes, dropped } while a cell runs

function isPlainData(value) {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The value as JSON data, or undefined when it has none (a cycle, a BigInt, over the limit). */
function jsonData(value) {
  try {
    const text = stringify(value);
    return text !== undefined && text.length <= BUNDLE_LIMIT ? parseJson(text) : undefined;
  } catch {
    return undefined;
  }
}

function plainText(value) {
  return truncate(inspect(value, { maxStringLength: RESULT_LIMIT }), RESULT_LIMIT);
}

function valueBundle(value) {
  const bundle = { "text/plain": plainText(value) };
  if (isPlainData(value)) {
    const data = jsonData(value);
    if (data !== undefined) bundle["application/json"] = data;
  }
  return bundle;
}

const TEXT_TYPES = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg"];

/** display(bundle, { raw: true }): the caller names the MIME types, as in IPython. */
function rawBundle(data) {
  const bundle = {};
  const omitted = [];
  for (const [mime, value] of Object.entries(data)) {
    let kept;
    if (TEXT_TYPES.includes(mime)) {
      kept =
        Buffer.isBuffer(value) || value instanceof Uint8Array
          ? Buffer.from(value).toString(
              mime.startsWith("image/") && mime !== "image/svg+xml" ? "base64" : "utf8",
            )
          : String(value);
      if (kept.length > BUNDLE_LIMIT) {
        omitted.push(`${mime} (${kept.length} bytes)`);
        continue;
      }
    } else if (mime === "application/json") {
      kept = jsonData(value);
      if (kept === undefined) continue;
    } else {
      continue;
    }
    bundle[mime] = kept;
  }
  let plain =
    typeof data["text/plain"] === "string"
      ? data["text/plain"]
      : `<${Object.keys(bundle).length} MIME types>`;
  plain = truncate(plain, RESULT_LIMIT);
  if (omitted.length > 0)
    plain += `\n[left out, over the ${BUNDLE_LIMIT}-byte limit of one result: ${omitted.join(", ")}]`;
  bundle["text/plain"] = plain;
  return bundle;
}

function sendBundle(bundle, isMain) {
  const state = displayState;
  if (state === undefined) return; // after its cell ended: there is no run to show it in
  let size = 0;
  for (const value of Object.values(bundle)) size += typeof value === "string" ? value.length : 64;
  if (
    !isMain &&
    (state.count >= RUN_RESULTS_LIMIT || state.isOverBytes || state.bytes + size > RUN_RESULT_BYTES_LIMIT)
  ) {
    // Once one display did not fit, the later ones are dropped unseen: a flood costs no encoding.
    state.isOverBytes = state.isOverBytes || state.bytes + size > RUN_RESULT_BYTES_LIMIT;
    state.dropped++;
    return;
  }
  state.count++;
  state.bytes += size;
  send(1, { type: "display", id: state.id, bundle, ...(isMain ? { main: true } : {}) });
}

/** Shows each value as a rich result of the running cell (like IPython's display). */
function display(...values) {
  const last = values.at(-1);
  const raw = values.length > 1 && last !== null && typeof last === "object" && last.raw === true;
  for (const value of raw ? values.slice(0, -1) : values) {
    const state = displayState;
    if (state && (state.count >= RUN_RESULTS_LIMIT || state.isOverBytes)) {
      state.dropped++; // counted without rendering: a flood costs no encoding
      continue;
    }
    sendBundle(
      raw && value !== null && typeof value === "object" ? rawBundle(value) : valueBundle(value),
      false,
    );
  }
}
display.html = (html) => display({ "text/html": html }, { raw: true });
display.markdown = (text) => display({ "text/markdown": text }, { raw: true });
display.svg = (svg) => display({ "image/svg+xml": svg }, { raw: true });
display.png = (data) => display({ "image/png": data }, { raw: true });
display.json = (value) =>
  display({ "application/json": value, "text/plain": plainText(value) }, { raw: true });
Object.defineProperty(globalThis, "display", {
  value: display,
  writable: true,
  configurable: true,
  enumerable: false,
});

// ---- exits ------------------------------------------------------------------------------
class ExitRequest {
  constructor(code) {
    this.code = code;
  }
}

function exitCodeOf(code) {
  const number = Number(code ?? process.exitCode ?? 0);
  return Number.isInteger(number) ? number & 0xff : 1;
}

// process.exit ends the cell, not the kernel; the exit code is reported in `done`.
process.exit = function exit(code) {
  throw new ExitRequest(exitCodeOf(code));
};

let active; // { exit(code) } while a cell runs

process.on("uncaughtException", (error) => {
  if (error instanceof ExitRequest) {
    if (active) active.exit(error.code);
    return;
  }
  printUncaught(error);
});
process.on("unhandledRejection", (reason) => {
  if (reason instanceof ExitRequest) {
    if (active) active.exit(reason.code);
    return;
  }
  printUncaught(reason);
});

class InterruptError extends Error {
  constructor() {
    super("The run was interrupted (it ran past its timeout).");
    this.name = "Interrupted";
  }
}

// Without a listener SIGINT would end the process; between cells it has nothing to stop.
process.on("SIGINT", () => {
  if (active) active.interrupt();
});

function printUncaught(error) {
  const { traceback } = describe(error);
  try {
    process.stderr.write(`Uncaught ${traceback}\n`);
  } catch {
    // stderr is gone; nothing else can report it
  }
}

// ---- globals a script would have ------------------------------------------------------------
const workspace = process.cwd();
const userRequire = Module.createRequire(workspace.endsWith("/") ? workspace : `${workspace}/`);
const userModule = { id: ".", filename: path.join(workspace, CELL), exports: {}, require: userRequire };
for (const [name, value] of Object.entries({
  require: userRequire,
  module: userModule,
  exports: userModule.exports,
  __filename: userModule.filename,
  __dirname: workspace,
})) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}
process.argv = [process.execPath];

// ---- a small tokenizer, only for cells that use top-level await ------------------------------
// It knows strings, templates, comments, regular expressions (by the usual heuristic) and
// bracket depth; that is enough to find top-level declarations and statement boundaries.
// A wrong guess only costs a binding or the result, never a run: V8 compiles the real thing.
const REGEX_AFTER = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);
const NOT_BINDINGS = new Set([
  "true",
  "false",
  "null",
  "this",
  "new",
  "typeof",
  "void",
  "delete",
  "in",
  "of",
  "instanceof",
  "await",
  "async",
  "function",
  "class",
  "yield",
  "let",
  "var",
  "const",
  "arguments",
  "eval",
  "super",
  "default",
  "import",
  "export",
  "return",
]);
const STATEMENT_KEYWORDS = new Set([
  "var",
  "let",
  "const",
  "function",
  "class",
  "if",
  "for",
  "while",
  "do",
  "switch",
  "try",
  "return",
  "throw",
  "break",
  "continue",
  "export",
  "debugger",
  "with",
]);
const LINE_BREAK = /[\n\r\u2028\u2029]/;

function skipQuoted(source, index, quote) {
  for (let at = index + 1; at < source.length; at++) {
    const char = source[at];
    if (char === "\\") at++;
    else if (char === quote) return at + 1;
    else if (char === "\n") return at;
  }
  return source.length;
}

/** Scans template text from `index`; returns where it stopped and whether a `${` opened. */
function skipTemplate(source, index) {
  for (let at = index; at < source.length; at++) {
    const char = source[at];
    if (char === "\\") at++;
    else if (char === "`") return { end: at + 1, open: false };
    else if (char === "$" && source[at + 1] === "{") return { end: at + 2, open: true };
  }
  return { end: source.length, open: false };
}

function skipRegex(source, index) {
  let at = index + 1;
  let inClass = false;
  for (; at < source.length; at++) {
    const char = source[at];
    if (char === "\\") at++;
    else if (char === "[") inClass = true;
    else if (char === "]") inClass = false;
    else if (char === "/" && !inClass) break;
    else if (LINE_BREAK.test(char)) return at;
  }
  at++;
  while (at < source.length && /[a-z]/.test(source[at])) at++;
  return at;
}

function regexAllowed(previous) {
  if (previous === undefined) return true;
  if (previous.type === "name") return REGEX_AFTER.has(previous.value);
  return previous.type === "punct" && !")]}".includes(previous.value);
}

function tokenize(source) {
  const tokens = [];
  const templates = []; // bracket depth at which each open `${` closes
  let depth = 0;
  let newlineBefore = false;
  let index = 0;
  const push = (type, value, start, tokenDepth) => {
    tokens.push({ type, value, start, depth: tokenDepth, newlineBefore });
    newlineBefore = false;
  };
  const template = (start, from) => {
    const { end, open } = skipTemplate(source, from);
    push("template", "`", start, depth);
    if (open) templates.push(depth++);
    index = end;
  };
  while (index < source.length) {
    const char = source[index];
    const start = index;
    if (LINE_BREAK.test(char)) {
      newlineBefore = true;
      index++;
    } else if (/\s/.test(char)) {
      index++;
    } else if (char === "/" && source[index + 1] === "/") {
      while (index < source.length && !LINE_BREAK.test(source[index])) index++;
    } else if (char === "/" && source[index + 1] === "*") {
      const close = source.indexOf("*/", index + 2);
      index = close < 0 ? source.length : close + 2;
      if (LINE_BREAK.test(source.slice(start, index))) newlineBefore = true;
    } else if (char === '"' || char === "'") {
      index = skipQuoted(source, index, char);
      push("string", char, start, depth);
    } else if (char === "`") {
      template(start, index + 1);
    } else if (/[A-Za-z_$\u0080-\uffff]/.test(char)) {
      while (index < source.length && /[\w$\u0080-\uffff]/.test(source[index])) index++;
      push("name", source.slice(start, index), start, depth);
    } else if (/[0-9]/.test(char) || (char === "." && /[0-9]/.test(source[index + 1] ?? ""))) {
      while (index < source.length && /[\w.]/.test(source[index])) index++;
      push("number", source.slice(start, index), start, depth);
    } else if (char === "/" && regexAllowed(tokens.at(-1))) {
      index = skipRegex(source, index);
      push("regex", "/", start, depth);
    } else if (char === "(" || char === "[" || char === "{") {
      push("punct", char, start, depth++);
      index++;
    } else if (char === "}" && templates.length > 0 && templates.at(-1) === depth - 1) {
      templates.pop();
      depth--;
      template(start, index + 1);
    } else if (char === ")" || char === "]" || char === "}") {
      depth = Math.max(0, depth - 1);
      push("punct", char, start, depth);
      index++;
    } else {
      push("punct", char, start, depth);
      index++;
    }
  }
  return tokens;
}

function atStatementStart(tokens, index) {
  const previous = tokens[index - 1];
  return (
    previous === undefined ||
    tokens[index].newlineBefore ||
    (previous.type === "punct" &&
      (previous.value === ";" || previous.value === "}" || previous.value === ")"))
  );
}

function addBinding(names, name) {
  if (/^[A-Za-z_$][\w$]*$/.test(name) && !NOT_BINDINGS.has(name)) names.add(name);
}

/** Names bound by a destructuring pattern; default values may add harmless extra names. */
function collectPattern(tokens, index, names) {
  const depth = tokens[index].depth;
  let at = index + 1;
  for (; at < tokens.length; at++) {
    const token = tokens[at];
    if (token.depth === depth && token.type === "punct" && (token.value === "}" || token.value === "]"))
      break;
    const next = tokens[at + 1];
    const previous = tokens[at - 1];
    if (token.type === "name" && next?.value !== ":" && next?.value !== "(" && previous?.value !== ".") {
      addBinding(names, token.value);
    }
  }
  return at + 1;
}

function endsExpression(token) {
  return token.type !== "punct" || token.value === ")" || token.value === "]" || token.value === "}";
}

/** Skips an initializer; stops at a top-level `,` or `;`, or where automatic semicolon insertion would. */
function skipInitializer(tokens, index, depth) {
  for (let at = index; at < tokens.length; at++) {
    const token = tokens[at];
    if (token.depth !== depth) continue;
    if (token.type === "punct" && (token.value === "," || token.value === ";")) return at;
    const previous = tokens[at - 1];
    if (at > index && token.newlineBefore && token.type !== "punct" && previous && endsExpression(previous))
      return at;
  }
  return tokens.length;
}

function collectDeclarators(tokens, index, names) {
  const depth = tokens[index - 1].depth;
  let at = index;
  for (;;) {
    const token = tokens[at];
    if (token === undefined) return at;
    if (token.type === "name") {
      addBinding(names, token.value);
      at++;
    } else if (token.value === "{" || token.value === "[") {
      at = collectPattern(tokens, at, names);
    } else {
      return at - 1;
    }
    if (tokens[at]?.value === "=") at = skipInitializer(tokens, at + 1, depth);
    if (tokens[at]?.value !== ",") return at - 1;
    at++;
  }
}

/** Names declared at the top level of a cell: var/let/const (with patterns), function, class. */
function declaredNames(tokens) {
  const names = new Set();
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.depth !== 0 || token.type !== "name" || !atStatementStart(tokens, index)) continue;
    const next = tokens[index + 1];
    if ((token.value === "var" || token.value === "let" || token.value === "const") && next) {
      index = collectDeclarators(tokens, index + 1, names);
    } else if (token.value === "function" || (token.value === "async" && next?.value === "function")) {
      let at = token.value === "async" ? index + 2 : index + 1;
      if (tokens[at]?.value === "*") at++;
      if (tokens[at]?.type === "name") addBinding(names, tokens[at].value);
    } else if (token.value === "class" && next?.type === "name" && next.value !== "extends") {
      addBinding(names, next.value);
    }
  }
  return names;
}

/** Token indexes where a trailing expression statement could start (latest last). */
function expressionStarts(tokens) {
  const starts = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.depth !== 0 || !atStatementStart(tokens, index)) continue;
    const next = tokens[index + 1];
    const isStatement =
      (token.type === "name" && STATEMENT_KEYWORDS.has(token.value)) ||
      (token.type === "name" && token.value === "import" && next?.value !== "(" && next?.value !== ".") ||
      (token.type === "name" && token.value === "async" && next?.value === "function") ||
      (token.type === "punct" && (token.value === "{" || token.value === ";"));
    // A statement keyword closes every earlier candidate: no expression spans it.
    if (isStatement) starts.length = 0;
    else starts.push(index);
  }
  return starts;
}

// ---- running cells ------------------------------------------------------------------------
function compile(source, lineOffset) {
  return new vm.Script(source, { filename: CELL, lineOffset, importModuleDynamically });
}

function isThenable(value) {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof value.then === "function"
  );
}

async function execute(code) {
  let script;
  try {
    script = compile(code, 0);
  } catch (error) {
    if (!(error instanceof SyntaxError) || !/\bawait\b/.test(code)) throw error;
    return runAsFunction(code, /\bawait\b/.test(error.message) ? undefined : error);
  }
  let value;
  try {
    value = script.runInThisContext({ displayErrors: false, breakOnSigint: true });
  } catch (error) {
    if (error instanceof Error && /interrupted by .SIGINT/.test(error.message)) throw new InterruptError();
    // Re-running a cell that declares let/const/class fails before any of it runs; as a
    // function body it runs, and its declarations then replace the earlier ones.
    if (!isRedeclaration(error)) throw error;
    return runAsFunction(code, error);
  }
  return isThenable(value) ? await value : value;
}

function isRedeclaration(error) {
  return (
    error instanceof SyntaxError &&
    /has already been declared/.test(error.message) &&
    !/\n\s+at .*<cell>/.test(String(error.stack)) // thrown while instantiating, not by an eval in the cell
  );
}

/** Runs the cell as an async function body; `compileError` is reported if it does not compile. */
async function runAsFunction(code, compileError) {
  const wrapped = compileAsync(code);
  if (wrapped.error) throw compileError ?? wrapped.error;
  const cell = wrapped.script.runInThisContext({ displayErrors: false });
  const { value, bindings } = await cell(); // called from here so no wrapper frame shows in stacks
  keepBindings(bindings);
  return value;
}

/**
 * Top-level await: the cell becomes the body of an async arrow function that returns its
 * last expression and, in `bindings`, closures over its top-level declarations, which are
 * then copied to the global scope so later cells see them. Which trailing statement is an
 * expression is decided by V8 itself: candidate splits from the tokenizer are compiled.
 */
function compileAsync(code) {
  const tokens = tokenize(code);
  const bindings = `{${[...declaredNames(tokens)].map((name) => `${name}: () => ${name}`).join(", ")}}`;
  const wrap = (body) => {
    try {
      return { script: compile(`(async () => {\n${body}\n})`, -1) };
    } catch (error) {
      return { error };
    }
  };
  let chosen;
  const starts = expressionStarts(tokens);
  for (
    let index = starts.length - 1, trials = 0;
    index >= 0 && trials < MAX_RESULT_TRIALS;
    index--, trials++
  ) {
    const start = tokens[starts[index]].start;
    const candidate = wrap(
      `${code.slice(0, start)};return { value: (${code.slice(start)}\n), bindings: ${bindings} };`,
    );
    if (candidate.script) chosen = candidate;
    else if (chosen) break; // the longest valid expression ends the search: `a\n+b` is one statement
  }
  return chosen ?? wrap(`${code}\n;return { value: undefined, bindings: ${bindings} };`);
}

const setters = new Map();

function keepBindings(bindings) {
  const constants = [];
  for (const name of Object.keys(bindings)) {
    let value;
    try {
      value = bindings[name]();
    } catch {
      continue; // a name the tokenizer guessed wrong
    }
    let setter = setters.get(name);
    if (setter === undefined) {
      // Sloppy-mode assignment updates a global let or creates a global property.
      setter = vm.runInThisContext(`(function () { ${name} = arguments[0]; })`);
      setters.set(name, setter);
    }
    try {
      setter(value);
    } catch {
      constants.push(name);
    }
  }
  if (constants.length > 0) {
    throw new TypeError(
      `${constants.join(", ")} was declared with const in an earlier run and keeps its old value; ` +
        "declare values you re-run with let or var",
    );
  }
}

function cleanStack(stack) {
  const lines = stack.split("\n");
  const isFrame = (line) => /^\s+at /.test(line);
  let lastCell = -1;
  lines.forEach((line, index) => {
    if (isFrame(line) && line.includes(CELL)) lastCell = index;
  });
  let kept;
  if (lastCell >= 0) {
    kept = lines.slice(0, lastCell + 1).filter((line) => !line.includes(__filename));
  } else {
    const kernelLine = lines.findIndex((line) => isFrame(line) && line.includes(__filename));
    kept = kernelLine >= 0 ? lines.slice(0, kernelLine) : lines;
    while (kept.length > 0 && /^\s+at (new Script|Script\.runInThisContext) \(node:vm/.test(kept.at(-1)))
      kept.pop();
  }
  return kept.join("\n");
}

function describe(error) {
  if (error !== null && (typeof error === "object" || typeof error === "function")) {
    try {
      const name = String(error.name ?? "Error");
      const message = String(error.message ?? "");
      const stack = typeof error.stack === "string" ? cleanStack(error.stack) : "";
      return {
        name,
        message: truncate(message, TRACEBACK_LIMIT),
        traceback: truncate(stack || `${name}: ${message}`, TRACEBACK_LIMIT),
      };
    } catch {
      // an exotic object (a throwing getter or proxy): fall through to inspect
    }
  }
  const shown = inspect(error);
  return {
    name: "Error",
    message: truncate(shown, TRACEBACK_LIMIT),
    traceback: truncate(shown, TRACEBACK_LIMIT),
  };
}

function drain(stream) {
  if (!stream || !(stream.writableLength > 0)) return undefined;
  return new Promise((resolve) => {
    stream.once("drain", resolve);
    stream.once("close", resolve);
  });
}

async function handle(request) {
  stdinData = Buffer.from(request.stdin, "utf8");
  stdinOffset = 0;
  stdinStream = undefined;
  process.exitCode = undefined;
  const outcome = { type: "done", id: request.id, ok: true, exitCode: 0 };
  displayState = { id: request.id, count: 0, bytes: 0, dropped: 0, isOverBytes: false };
  try {
    const value = await new Promise((resolve, reject) => {
      active = {
        exit: (code) => reject(new ExitRequest(code)),
        interrupt: () => reject(new InterruptError()),
      };
      execute(request.code)
        // One turn of the event loop lets callbacks the cell already queued (stdin readers) run.
        .then((result) => new Promise((settle) => setImmediate(settle, result)))
        .then(resolve, reject);
    });
    if (value !== undefined) {
      outcome.result = plainText(value);
      sendBundle(valueBundle(value), true);
    }
    if (typeof process.exitCode === "number" && process.exitCode !== 0) {
      outcome.ok = false;
      outcome.exitCode = exitCodeOf(process.exitCode);
    }
  } catch (error) {
    outcome.ok = false;
    if (error instanceof ExitRequest) {
      outcome.exitCode = error.code;
      outcome.ok = error.code === 0;
    } else {
      outcome.exitCode = 1;
      outcome.error = describe(error);
    }
  }
  active = undefined;
  if (displayState.dropped > 0) outcome.displaysDropped = displayState.dropped;
  displayState = undefined;
  process.exitCode = undefined;
  await drain(process.stdout);
  await drain(process.stderr);
  send(2, { type: "end", id: request.id });
  send(1, outcome);
}

// ---- protocol loop --------------------------------------------------------------------------
const queue = [];
let busy = false;

async function pump() {
  busy = true;
  while (queue.length > 0) {
    const line = queue.shift();
    let request;
    try {
      const parsed = parseJson(line);
      request = { id: String(parsed.id), code: parsed.code, stdin: parsed.stdin ?? "" };
      if (typeof request.code !== "string" || typeof request.stdin !== "string") {
        throw new TypeError("code and stdin must be strings");
      }
    } catch (error) {
      send(1, { type: "protocol_error", message: `bad request: ${error.message}` });
      continue;
    }
    await handle(request);
  }
  busy = false;
}

function onLine(line) {
  if (prefix === "") {
    let nonce;
    try {
      nonce = parseJson(line).nonce;
    } catch {
      nonce = undefined;
    }
    if (typeof nonce !== "string" || !NONCE_PATTERN.test(nonce)) {
      writeAll(2, "hangar kernel: invalid handshake\n");
      originalExit.call(process, 2);
    }
    prefix = `\x1eHANGAR:${nonce}:`;
    send(1, { type: "ready", language: "javascript", version: process.version.slice(1) });
    return;
  }
  queue.push(line);
  if (!busy) pump().catch(printUncaught);
}

// The protocol reader: a worker, so an interrupt is read while a cell keeps this thread busy.
// It signals the kernel and the children in the kernel's process group (those a cell started
// and did not detach), as Ctrl-C would reach a terminal's foreground job.
const reader = new Worker(
  `
  const { parentPort } = require("node:worker_threads");
  const fs = require("node:fs");
  const { StringDecoder } = require("node:string_decoder");
  const pause = new Int32Array(new SharedArrayBuffer(4));
  function statOf(pid) {
    try {
      const fields = fs.readFileSync("/proc/" + pid + "/stat", "latin1").split(") ")[1].split(" ");
      return { parent: Number(fields[1]), group: Number(fields[2]) };
    } catch {
      return undefined;
    }
  }
  function interrupt() {
    const own = statOf(process.pid);
    const targets = new Set([process.pid]);
    let grew = own !== undefined;
    // Descendants of the kernel in its process group, found by walking parent links.
    let entries = [];
    try {
      entries = fs.readdirSync("/proc").filter((name) => /^[0-9]+$/.test(name)).map(Number);
    } catch {}
    const stats = new Map(entries.map((pid) => [pid, statOf(pid)]));
    while (grew) {
      grew = false;
      for (const [pid, stat] of stats) {
        if (stat && !targets.has(pid) && targets.has(stat.parent) && stat.group === own.group) {
          targets.add(pid);
          grew = true;
        }
      }
    }
    for (const pid of targets) {
      try {
        process.kill(pid, "SIGINT");
      } catch {}
    }
  }
  const decoder = new StringDecoder("utf8");
  const buffer = Buffer.alloc(65536);
  let pending = "";
  for (;;) {
    let count;
    try {
      count = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if (error.code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (error.code === "EINTR") continue;
      break;
    }
    if (count === 0) break;
    pending += decoder.write(buffer.subarray(0, count));
    let newline;
    while ((newline = pending.indexOf("\\n")) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (/^\\{\\s*"type"\\s*:\\s*"interrupt"/.test(line)) interrupt();
      else parentPort.postMessage(line);
    }
  }
  parentPort.postMessage(null);
  `,
  { eval: true, stdin: false, stdout: false, stderr: false },
);
reader.on("message", (line) => {
  // The host closed stdin: the session is over, whatever timers the cells left behind.
  if (line === null) originalExit.call(process, 0);
  else onLine(line);
});
reader.on("error", (error) => {
  writeAll(2, `hangar kernel: the protocol reader failed: ${error && error.message}\n`);
  originalExit.call(process, 70);
});
