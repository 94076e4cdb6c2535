import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHangarError } from "../core/errors.js";
import type { ExitInfo, SandboxProcess } from "../sandbox/sandbox-port.js";
import { KernelClient, KernelExitedError, kernelDirectory, kernelFiles } from "./kernel-client.js";
import { newNonce } from "./kernel-protocol.js";

const workspace = mkdtempSync(join(tmpdir(), "hangar-kernel-"));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** Presents a plain child process as a SandboxProcess, as a provider would. */
function localProcess(argv: string[]): SandboxProcess {
  const [command = "", ...args] = argv;
  const child = spawn(command, args, {
    cwd: workspace,
    stdio: "pipe",
    env: { PATH: "/usr/bin:/bin", HOME: workspace, LANG: "C.UTF-8" },
  });
  const started = Date.now();
  let killed = false;
  let stdoutBytes = 0;
  let stderrBytes = 0;
  child.stdout.on("data", (chunk: Buffer) => (stdoutBytes += chunk.length));
  child.stderr.on("data", (chunk: Buffer) => (stderrBytes += chunk.length));
  const exited = new Promise<ExitInfo>((resolve) => {
    child.on("close", (exitCode, signal) =>
      resolve({
        reason: killed ? "killed" : "exited",
        exitCode,
        signal,
        durationMs: Date.now() - started,
        stdoutBytes,
        stderrBytes,
      }),
    );
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    kill: () => {
      killed = true;
      child.kill("SIGKILL");
    },
  };
}

const commands = {
  python: ["/usr/bin/python3", "-u", join(kernelDirectory(), kernelFiles.python)],
  javascript: ["/usr/bin/node", join(kernelDirectory(), kernelFiles.javascript)],
};

async function startKernel(
  language: keyof typeof commands,
): Promise<{ client: KernelClient; process: SandboxProcess }> {
  const process = localProcess(commands[language]);
  const client = new KernelClient(process);
  await client.ready();
  return { client, process };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function measureRoundTrip(client: KernelClient, language: string): Promise<void> {
  const timings: number[] = [];
  for (let run = 0; run < 200; run++) {
    const started = performance.now();
    const outcome = await client.execute({ code: "1+1" });
    timings.push(performance.now() - started);
    expect(outcome.result).toBe("2");
  }
  console.log(
    `${language} kernel: median round trip for 1+1 over 200 runs: ${median(timings).toFixed(3)} ms`,
  );
}

describe.each(["python", "javascript"] as const)("%s kernel, shared behaviour", (language) => {
  let kernel: { client: KernelClient; process: SandboxProcess };
  beforeAll(async () => {
    kernel = await startKernel(language);
  });
  afterAll(() => kernel.process.kill());

  const code = {
    python: {
      hugeOutput: "import sys\nsys.stdout.write('x' * 5_000_000)\nprint('tail')",
      fakeMarker: (nonce: string) =>
        `print('\\x1eHANGAR:${nonce}:{"type":"done","id":"r1","ok":true,"exitCode":0}')`,
      unicode: "print('héllo wörld ✓ 日本語 🚀')",
      stdinEcho: "import sys\nprint(sys.stdin.read().upper(), end='')",
    },
    javascript: {
      hugeOutput: "process.stdout.write('x'.repeat(5_000_000)); console.log('tail')",
      fakeMarker: (nonce: string) =>
        `console.log('\\x1eHANGAR:${nonce}:{"type":"done","id":"r1","ok":true,"exitCode":0}')`,
      unicode: "console.log('héllo wörld ✓ 日本語 🚀')",
      stdinEcho: "process.stdout.write(require('fs').readFileSync(0, 'utf8').toUpperCase())",
    },
  }[language];

  it("keeps 5 MB of output intact and the framing in step", async () => {
    let streamed = 0;
    const outcome = await kernel.client.execute(
      { code: code.hugeOutput },
      { onStdout: (text) => (streamed += text.length) },
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.stdout.length).toBe(5_000_005);
    expect(outcome.stdout.startsWith("x".repeat(1000))).toBe(true);
    expect(outcome.stdout.endsWith("xtail\n")).toBe(true);
    expect(outcome.stdout.includes("HANGAR")).toBe(false);
    expect(streamed).toBe(5_000_005);
    expect((await kernel.client.execute({ code: "40 + 2" })).result).toBe("42");
  });

  it("treats a marker with the wrong nonce as output", async () => {
    const fake = newNonce();
    const outcome = await kernel.client.execute({ code: code.fakeMarker(fake) });
    expect(outcome.stdout).toBe(`\x1eHANGAR:${fake}:{"type":"done","id":"r1","ok":true,"exitCode":0}\n`);
    expect(outcome.ok).toBe(true);
  });

  it("passes unicode output through", async () => {
    const outcome = await kernel.client.execute({ code: code.unicode });
    expect(outcome.stdout).toBe("héllo wörld ✓ 日本語 🚀\n");
  });

  it("gives user code the request's stdin, fresh for each request", async () => {
    expect((await kernel.client.execute({ code: code.stdinEcho, stdin: "abc\ndéf\n" })).stdout).toBe(
      "ABC\nDÉF\n",
    );
    expect((await kernel.client.execute({ code: code.stdinEcho })).stdout).toBe("");
  });

  it("serialises concurrent requests in call order", async () => {
    const results = await Promise.all(["1", "2", "3"].map((value) => kernel.client.execute({ code: value })));
    expect(results.map((outcome) => outcome.result)).toEqual(["1", "2", "3"]);
  });

  it("reports the median round trip (not asserted)", async () => {
    await measureRoundTrip(kernel.client, language);
  });
});

describe("python kernel", () => {
  let client: KernelClient;
  let process: SandboxProcess;
  beforeAll(async () => {
    ({ client, process } = await startKernel("python"));
  });
  afterAll(() => process.kill());
  const run = (code: string, stdin?: string) =>
    client.execute({ code, ...(stdin === undefined ? {} : { stdin }) });

  it("keeps variables, imports and functions between runs", async () => {
    expect(await run("x = 1")).toMatchObject({ ok: true, exitCode: 0, stdout: "", stderr: "" });
    expect((await run("x + 1")).result).toBe("2");
    await run("import math\ndef area(r):\n    return math.pi * r * r");
    expect((await run("round(area(2), 3)")).result).toBe("12.566");
    expect((await run("__name__")).result).toBe("'__main__'");
  });

  it("returns the last expression only when there is one and it is not None", async () => {
    expect((await run("y = 5\ny * 2")).result).toBe("10");
    expect((await run("None")).result).toBeUndefined();
    expect((await run("z = 3")).result).toBeUndefined();
    expect((await run("print('hi')")).result).toBeUndefined();
    expect((await run("'a' * 70000")).result).toMatch(/^'a{65535}\n\.\.\. \[truncated \d+ characters\]$/);
  });

  it("captures print and subprocess output in order, stdout apart from stderr", async () => {
    const outcome = await run(
      "import os, subprocess, sys\nprint('one')\nos.system('echo two')\nprint('three')\n" +
        "subprocess.run(['/bin/sh', '-c', 'echo four; echo warn >&2'])\nprint('oops', file=sys.stderr)",
    );
    expect(outcome.stdout).toBe("one\ntwo\nthree\nfour\n");
    expect(outcome.stderr).toBe("warn\noops\n");
  });

  it("hands output printed between requests to the next one as background, never as its own", async () => {
    await run(
      "import threading, time, sys\n" +
        "def late():\n    time.sleep(0.1)\n    print('late out')\n    print('late err', file=sys.stderr)\n" +
        "threading.Thread(target=late, daemon=True).start()",
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    const streamed = { stdout: "", stderr: "" };
    const next = await client.execute(
      { code: "print('own')" },
      { onStdout: (text) => (streamed.stdout += text), onStderr: (text) => (streamed.stderr += text) },
    );
    expect(next).toMatchObject({
      stdout: "own\n",
      stderr: "",
      background: { stdout: "late out\n", stderr: "late err\n" },
    });
    expect(streamed).toEqual({ stdout: "own\n", stderr: "" });
    expect((await run("1")).background).toBeUndefined();
  });

  it("collectBackground keeps what waited and adds what its empty request printed, for the next request", async () => {
    await run("import threading\nthreading.Timer(0.05, lambda: print('timer')).start()");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.collectBackground();
    const next = await run("print('own')");
    expect(next).toMatchObject({ stdout: "own\n", background: { stdout: "timer\n", stderr: "" } });
  });

  it("streams output to the handlers", async () => {
    const streamed = { stdout: "", stderr: "" };
    const outcome = await client.execute(
      { code: "import sys\nprint('a')\nprint('b', file=sys.stderr)" },
      { onStdout: (text) => (streamed.stdout += text), onStderr: (text) => (streamed.stderr += text) },
    );
    expect(streamed).toEqual({ stdout: "a\n", stderr: "b\n" });
    expect(outcome).toMatchObject({ stdout: "a\n", stderr: "b\n" });
  });

  it("reports exceptions with a traceback of cell frames only", async () => {
    await run("def fail():\n    raise ValueError('bad value')");
    const outcome = await run("print('before')\nfail()");
    expect(outcome).toMatchObject({ ok: false, exitCode: 1, stdout: "before\n" });
    expect(outcome.error?.name).toBe("ValueError");
    expect(outcome.error?.message).toBe("bad value");
    expect(outcome.error?.traceback).toMatch(
      /^Traceback \(most recent call last\):\n {2}File "<cell>", line 2/,
    );
    expect(outcome.error?.traceback).toContain("raise ValueError('bad value')");
    expect(outcome.error?.traceback).not.toMatch(/python-kernel|asyncio|line \d+, in (run|execute|main)\b/);
    expect((await run("1 + 1")).result).toBe("2");
  });

  it("reports a SyntaxError without kernel frames", async () => {
    const outcome = await run("x = = 1");
    expect(outcome).toMatchObject({ ok: false, exitCode: 1 });
    expect(outcome.error?.name).toBe("SyntaxError");
    expect(outcome.error?.traceback).toContain('File "<cell>", line 1');
    expect(outcome.error?.traceback).not.toContain("Traceback");
  });

  it("turns sys.exit and exit() into an exit code and stays alive", async () => {
    expect(await run("import sys\nprint('bye')\nsys.exit(3)\nprint('not reached')")).toMatchObject({
      ok: false,
      exitCode: 3,
      stdout: "bye\n",
    });
    expect(await run("exit(0)")).toMatchObject({ ok: true, exitCode: 0 });
    expect(await run("import sys\nsys.exit('fatal')")).toMatchObject({
      ok: false,
      exitCode: 1,
      stderr: "fatal\n",
    });
    expect(client.alive).toBe(true);
    expect((await run("x")).result).toBe("1");
  });

  it("feeds input() and subprocesses from the request's stdin", async () => {
    const outcome = await run("name = input('name? ')\nprint('hello', name)\nname", "ada\n");
    expect(outcome.stdout).toBe("name? hello ada\n");
    expect(outcome.result).toBe("'ada'");
    expect((await run("import subprocess\nsubprocess.run(['/bin/cat'])", "piped\n")).stdout).toBe("piped\n");
    expect((await run("import subprocess\nsubprocess.run(['/bin/cat'])")).stdout).toBe("");
  });

  it("runs top-level await", async () => {
    const outcome = await run(
      "import asyncio\nawait asyncio.sleep(0)\nvalue = await asyncio.sleep(0, 'slept')\nvalue",
    );
    expect(outcome.result).toBe("'slept'");
    expect((await run("value")).result).toBe("'slept'");
  });
});

describe("javascript kernel", () => {
  let client: KernelClient;
  let process: SandboxProcess;
  beforeAll(async () => {
    ({ client, process } = await startKernel("javascript"));
  });
  afterAll(() => process.kill());
  const run = (code: string, stdin?: string) =>
    client.execute({ code, ...(stdin === undefined ? {} : { stdin }) });

  it("keeps var, let, const, class and function declarations between runs", async () => {
    await run(
      "var a = 1; let b = 2; const c = 3; class Point { constructor(x) { this.x = x } }\nfunction twice(n) { return n * 2 }",
    );
    expect((await run("a + b + c")).result).toBe("6");
    expect((await run("new Point(twice(b)).x")).result).toBe("4");
    expect((await run("b = 10; b")).result).toBe("10");
    expect((await run("const os = require('os'); typeof os.cpus")).result).toBe("'function'");
    expect((await run("os.EOL")).result).toBe("'\\n'");
  });

  it("lets a re-run cell replace its let and class declarations, but not a const", async () => {
    expect((await run("let b = 20; class Point { constructor(x) { this.x = -x } }\nb")).result).toBe("20");
    expect((await run("[b, new Point(1).x]")).result).toBe("[ 20, -1 ]");
    const constant = await run("const c = 30");
    expect(constant.error?.name).toBe("TypeError");
    expect(constant.error?.message).toMatch(/^c was declared with const in an earlier run/);
    expect((await run("c")).result).toBe("3");
  });

  it("imports modules dynamically without warnings", async () => {
    expect(await run("(await import('node:path')).sep")).toMatchObject({ result: "'/'", stderr: "" });
  });

  it("returns the completion value, and nothing for undefined", async () => {
    expect((await run("let d = 4\nd * 2")).result).toBe("8");
    expect((await run("undefined")).result).toBeUndefined();
    expect((await run("console.log('hi')")).result).toBeUndefined();
    expect((await run("({ nested: { list: [1, 2] } })")).result).toBe("{ nested: { list: [ 1, 2 ] } }");
    expect((await run("'a'.repeat(70000)")).result).toMatch(
      /^'a{65535}\n\.\.\. \[truncated \d+ characters\]$/,
    );
  });

  it("waits for a returned promise", async () => {
    expect((await run("new Promise((resolve) => setTimeout(() => resolve('later'), 5))")).result).toBe(
      "'later'",
    );
  });

  it("runs top-level await and keeps its declarations", async () => {
    const outcome = await run(
      "const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms))\n" +
        "await delay(1)\nconst fetched = await Promise.resolve(21)\n" +
        "let { left, right: [first] } = { left: 'L', right: ['F'] }\nasync function helper() { return fetched }\nfetched\n  * 2",
    );
    expect(outcome).toMatchObject({ ok: true, result: "42" });
    expect((await run("[fetched, left, first, typeof helper, typeof delay].join(',')")).result).toBe(
      "'21,L,F,function,function'",
    );
    expect((await run("await helper()")).result).toBe("21");
    expect((await run("for (const item of [1]) { await delay(0) }")).result).toBeUndefined();
  });

  it("captures console and child process output in order, stdout apart from stderr", async () => {
    const outcome = await run(
      "const { execSync } = require('child_process')\nconsole.log('one')\n" +
        "execSync('echo two; echo warn >&2', { stdio: 'inherit' })\nprocess.stdout.write('three\\n')\nconsole.error('oops')",
    );
    expect(outcome.stdout).toBe("one\ntwo\nthree\n");
    expect(outcome.stderr).toBe("warn\noops\n");
  });

  it("reports errors with a stack of cell frames only", async () => {
    await run("function explode() { throw new TypeError('bad type') }");
    const outcome = await run("console.log('before')\nexplode()");
    expect(outcome).toMatchObject({ ok: false, exitCode: 1, stdout: "before\n" });
    expect(outcome.error?.name).toBe("TypeError");
    expect(outcome.error?.message).toBe("bad type");
    expect(outcome.error?.traceback).toMatch(
      /^TypeError: bad type\n {4}at explode \(<cell>:1:28\)\n {4}at <cell>:2:1$/,
    );
    const thrown = await run("await null; throw 'plain'");
    expect(thrown.error).toEqual({ name: "Error", message: "'plain'", traceback: "'plain'" });
  });

  it("reports a SyntaxError with its location and no kernel frames", async () => {
    const outcome = await run("let x = = 1");
    expect(outcome.error?.name).toBe("SyntaxError");
    expect(outcome.error?.traceback).toMatch(
      /^<cell>:1\nlet x = = 1\n {8}\^\n\nSyntaxError: Unexpected token '='$/,
    );
    const awaited = await run("await 1\nlet = = 2");
    expect(awaited.error?.name).toBe("SyntaxError");
    expect(awaited.error?.traceback).toContain("<cell>:2");
  });

  it("turns process.exit into an exit code and stays alive", async () => {
    expect(await run("console.log('bye'); process.exit(4); console.log('not reached')")).toMatchObject({
      ok: false,
      exitCode: 4,
      stdout: "bye\n",
    });
    expect(await run("await null; process.exit()")).toMatchObject({ ok: true, exitCode: 0 });
    expect(await run("new Promise(() => setTimeout(() => process.exit(5), 1))")).toMatchObject({
      exitCode: 5,
    });
    expect(await run("process.exitCode = 2")).toMatchObject({ ok: false, exitCode: 2 });
    expect(client.alive).toBe(true);
    expect((await run("a")).result).toBe("1");
  });

  it("feeds process.stdin and fs reads from the request's stdin", async () => {
    const lines = await run(
      "const rl = require('readline').createInterface({ input: process.stdin })\nrl.on('line', (line) => console.log('got', line))",
      "first\nsecond\n",
    );
    expect(lines.stdout).toBe("got first\ngot second\n");
    expect((await run("require('fs').readFileSync('/dev/stdin', 'utf8')", "x y")).result).toBe("'x y'");
    const chunks = await run(
      "const buffer = Buffer.alloc(3); [require('fs').readSync(0, buffer), buffer.toString()]",
      "abcdef",
    );
    expect(chunks.result).toBe("[ 3, 'abc' ]");
    const inherit = "require('child_process').execSync('/bin/cat', { stdio: 'inherit' })";
    expect((await run(inherit, "to the child\n")).stdout).toBe("to the child\n");
    expect(await run(inherit)).toMatchObject({ ok: true, stdout: "" });
    const spawned = await run(
      "await new Promise((resolve) => require('child_process').spawn('/bin/cat', [], { stdio: 'inherit' }).on('close', resolve))",
      "async child\n",
    );
    expect(spawned.stdout).toBe("async child\n");
  });
});

describe("kernel death", () => {
  it.each([
    ["python", "import os, signal\nprint('partial', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)"],
    ["javascript", "console.log('partial'); process.kill(process.pid, 'SIGKILL')"],
  ] as const)("rejects a %s request when the process dies mid-request", async (language, code) => {
    const { client } = await startKernel(language);
    const error: unknown = await client.execute({ code }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KernelExitedError);
    expect(isHangarError(error) && error.code).toBe("SANDBOX_ERROR");
    expect((error as KernelExitedError).exit.signal).toBe("SIGKILL");
    expect((error as KernelExitedError).stdout).toBe("partial\n");
    expect(client.alive).toBe(false);
    await expect(client.execute({ code: "1" })).rejects.toBeInstanceOf(KernelExitedError);
  });

  it("rejects ready() when the process exits before the handshake", async () => {
    const client = new KernelClient(localProcess(["/bin/sh", "-c", "echo broken >&2; exit 7"]));
    const error: unknown = await client.ready().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KernelExitedError);
    expect((error as KernelExitedError).exit.exitCode).toBe(7);
    expect((error as KernelExitedError).stderr).toBe("broken\n");
  });

  it("rejects a request when the caller kills the process", async () => {
    const { client, process } = await startKernel("python");
    const pending = client.execute({ code: "import time\ntime.sleep(30)" });
    process.kill();
    const error: unknown = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KernelExitedError);
    expect((error as KernelExitedError).exit.reason).toBe("killed");
  });

  it("works over a process whose streams are plain pass-throughs", async () => {
    // The client must only rely on the SandboxProcess surface, not on ChildProcess details.
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const nonce = newNonce();
    stdin.on("data", (line: Buffer) => {
      const request = JSON.parse(line.toString()) as { type?: string; id?: string };
      const frame = (body: object) => `\x1eHANGAR:${nonce}:${JSON.stringify(body)}\n`;
      if (request.type === "hello") stdout.write(frame({ type: "ready", language: "fake", version: "0" }));
      else {
        stdout.write(`out-${request.id}`);
        stderr.write(frame({ type: "end", id: request.id }));
        stdout.write(frame({ type: "done", id: request.id, ok: true, exitCode: 0, result: "1" }));
      }
    });
    const client = new KernelClient(
      { stdin, stdout, stderr, exited: new Promise<ExitInfo>(() => undefined), kill: () => undefined },
      { nonce },
    );
    expect(await client.execute({ code: "x" })).toEqual({
      stdout: "out-r1",
      stderr: "",
      ok: true,
      exitCode: 0,
      result: "1",
      results: [],
      resultsDropped: 0,
    });
  });
});
