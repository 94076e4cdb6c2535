import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunCode } from "../../src/agents/builtin/run-code.js";
import type { AgentTool, ToolContext, ToolResult } from "../../src/agents/builtin/tools/agent-tool.js";
import { findBuiltinTool } from "../../src/agents/builtin/tools/builtin-tools.js";
import { LanguageRegistry, languageCatalog, resolveLanguage } from "../../src/runs/languages.js";
import { BwrapProvider } from "../../src/sandbox/bwrap/bwrap-provider.js";
import type { Sandbox } from "../../src/sandbox/sandbox-port.js";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { hostProcessesWith, newMarker, waitFor } from "../sandbox/host-observation.js";
import { conformanceLimits } from "../sandbox/provider-conformance.js";

/**
 * Every built-in tool against one real bubblewrap sandbox: the file tools, a
 * shell that streams and is killed on time and on cancel, run_code in a
 * scratch directory, git, and symlinks planted to reach the host.
 */
const canRun = requireBubblewrap();

// Only the languages used here: probing every toolchain's version would cost seconds.
const languages = new LanguageRegistry(
  languageCatalog
    .filter((language) => ["python", "c"].includes(language.name))
    .map((language) => resolveLanguage(language, language.toolchains[0]!, "test")),
);

describe.skipIf(!canRun)("built-in agent tools in a bwrap sandbox", () => {
  const hostDirectory = join(tmpdir(), `hangar-tools-test-${randomBytes(6).toString("hex")}`);
  const secretPath = join(hostDirectory, "secret", "host-secret.txt");
  const secret = `host-secret-${randomBytes(8).toString("hex")}`;
  let provider: BwrapProvider;
  let sandbox: Sandbox;

  beforeAll(async () => {
    await mkdir(join(hostDirectory, "secret"), { recursive: true });
    await writeFile(secretPath, `${secret}\n`);
    provider = new BwrapProvider({ dataDirectory: join(hostDirectory, "data"), poolSize: 0 });
    await provider.start();
    sandbox = await provider.create({ owner: "builtin-tools-test", limits: conformanceLimits });
  });

  afterAll(async () => {
    await sandbox?.destroy();
    await provider?.stop();
    await rm(hostDirectory, { recursive: true, force: true });
  });

  interface Run extends ToolResult {
    deltas: Array<{ stream: string; text: string; at: number }>;
    endedAt: number;
  }

  async function run(name: string, input: unknown, overrides: Partial<ToolContext> = {}): Promise<Run> {
    const tool: AgentTool | undefined = findBuiltinTool(name);
    if (!tool) throw new Error(`no tool ${name}`);
    const parsed = tool.inputSchema.parse(input);
    const deltas: Run["deltas"] = [];
    const signal = overrides.signal ?? new AbortController().signal;
    const result = await tool.execute(parsed, {
      sandbox,
      signal,
      emitOutput: (stream, text) => deltas.push({ stream, text, at: performance.now() }),
      runCode: createRunCode({ languages, maxOutputBytes: 65_536, compileTimeoutMs: 20_000 })(sandbox),
      commandTimeoutMs: 20_000,
      maxOutputChars: 20_000,
      ...overrides,
    });
    return { ...result, deltas, endedAt: performance.now() };
  }

  it("writes, reads with line numbers and slices, and explains unreadable paths", async () => {
    const content = "def greet(name):\n    return 'hello ' + name\n\nprint(greet('world'))\n";
    const written = await run("write_file", { path: "src/app/main.py", content });
    expect(written).toMatchObject({
      isError: false,
      output: `Wrote ${Buffer.byteLength(content)} bytes to src/app/main.py.`,
    });

    const read = await run("read_file", { path: "/workspace/src/app/main.py" });
    expect(read.isError).toBe(false);
    expect(read.output).toBe(
      "     1\tdef greet(name):\n     2\t    return 'hello ' + name\n     3\t\n     4\tprint(greet('world'))",
    );
    const slice = await run("read_file", { path: "src/app/main.py", offset_line: 2, limit_lines: 1 });
    expect(slice.output).toBe(
      "     2\t    return 'hello ' + name\n[showing lines 2-2 of 4; continue with offset_line=3]",
    );

    expect((await run("read_file", { path: "src/missing.py" })).output).toMatch(/does not exist/);
    expect((await run("read_file", { path: "src/app" })).output).toMatch(/is a directory.*list_files/);
    await run("bash", { command: "printf 'a\\000b' > blob.bin" });
    const binary = await run("read_file", { path: "blob.bin" });
    expect(binary).toMatchObject({
      isError: true,
      output: expect.stringMatching(/looks binary \(3 bytes\)/) as unknown,
    });
    expect((await run("read_file", { path: "../etc/passwd" })).output).toMatch(/must not contain '\.\.'/);
  });

  it("edits exact text, and explains a missing or repeated old_text", async () => {
    await run("write_file", { path: "notes.txt", content: "alpha\nbeta\nalpha\ngamma $&\n" });
    const missing = await run("edit_file", { path: "notes.txt", old_text: "delta", new_text: "x" });
    expect(missing).toMatchObject({
      isError: true,
      output: expect.stringMatching(/not found.*read_file/) as unknown,
    });
    const repeated = await run("edit_file", { path: "notes.txt", old_text: "alpha", new_text: "omega" });
    expect(repeated.isError).toBe(true);
    expect(repeated.output).toMatch(
      /occurs 2 times in notes.txt \(at lines 1, 3\).*surrounding lines.*replace_all/,
    );

    const all = await run("edit_file", {
      path: "notes.txt",
      old_text: "alpha",
      new_text: "omega",
      replace_all: true,
    });
    expect(all).toMatchObject({
      isError: false,
      output: "Replaced 2 occurrences in notes.txt (at lines 1, 3).",
    });
    const unique = await run("edit_file", {
      path: "notes.txt",
      old_text: "gamma $&",
      new_text: "$1 literal",
    });
    expect(unique.isError).toBe(false);
    expect((await run("bash", { command: "cat notes.txt" })).output).toBe(
      "omega\nbeta\nomega\n$1 literal\n[exit code 0]",
    );
  });

  it("lists files by glob, skipping .git and node_modules", async () => {
    await Promise.all([
      sandbox.writeFile("src/app/util.py", "X = 1\n"),
      sandbox.writeFile("src/readme.md", "# Title\nSome TEXT here\n"),
      sandbox.writeFile("node_modules/pkg/index.py", "hidden = True\n"),
    ]);
    const python = await run("list_files", { pattern: "src/**/*.py" });
    expect(python.output.split("\n")).toEqual(["src/app/main.py", "src/app/util.py"]);
    const byName = await run("list_files", { pattern: "*.{md,txt}" });
    expect(byName.output.split("\n")).toEqual(["notes.txt", "src/readme.md"]);
    const inDirectory = await run("list_files", { path: "src/app" });
    expect(inDirectory.output.split("\n")).toEqual(["src/app/main.py", "src/app/util.py"]);
    expect((await run("list_files", { path: "nowhere" })).isError).toBe(true);
  });

  it("greps with file:line:text, case and glob filters, and explains bad patterns", async () => {
    const found = await run("grep", { pattern: "greet\\(" });
    expect(found.output.split("\n").sort()).toEqual([
      "src/app/main.py:1:def greet(name):",
      "src/app/main.py:4:print(greet('world'))",
    ]);
    expect((await run("grep", { pattern: "some text", ignore_case: true })).output).toBe(
      "src/readme.md:2:Some TEXT here",
    );
    expect((await run("grep", { pattern: "=", glob: "src/**/u*.py" })).output).toBe(
      "src/app/util.py:1:X = 1",
    );
    const none = await run("grep", { pattern: "hidden" });
    expect(none).toMatchObject({ isError: false, output: expect.stringMatching(/^No matches/) as unknown });
    const bad = await run("grep", { pattern: "(unclosed" });
    expect(bad).toMatchObject({
      isError: true,
      output: expect.stringMatching(/grep failed: Unmatched \(.*escape/) as unknown,
    });
  });

  it("runs bash with its exit code and streams output as it arrives", async () => {
    const failed = await run("bash", { command: "echo out; echo err >&2; exit 3" });
    expect(failed).toMatchObject({ isError: true, output: "out\nerr\n[exit code 3]" });
    const streamed = await run("bash", { command: "echo first; sleep 0.6; echo second" });
    expect(streamed.output).toBe("first\nsecond\n[exit code 0]");
    const first = streamed.deltas.find((delta) => delta.text.includes("first"));
    expect(first?.stream).toBe("stdout");
    expect(streamed.endedAt - (first?.at ?? Infinity)).toBeGreaterThan(400);
  });

  it("kills a command at its time limit and on cancel", async () => {
    const { marker, spelled } = newMarker();
    const startedAt = performance.now();
    const timedOut = await run("bash", {
      command: `m=${spelled}; /bin/sleep "1000.$m" & echo started; wait`,
      timeout_seconds: 1,
    });
    expect(timedOut.isError).toBe(true);
    expect(timedOut.output).toMatch(
      /^started\n\[timed out after 1 s; every process it started was killed\]$/,
    );
    expect(performance.now() - startedAt).toBeLessThan(5000);
    expect(hostProcessesWith(marker)).toEqual([]);

    const controller = new AbortController();
    const cancelled = run(
      "bash",
      { command: `m=${spelled}; /bin/sleep "2000.$m"` },
      { signal: controller.signal },
    );
    await waitFor(() => hostProcessesWith(`2000.${marker}`).length > 0, "the command to start");
    const cancelledAt = performance.now();
    controller.abort();
    expect(await cancelled).toMatchObject({
      isError: true,
      output: expect.stringMatching(/cancelled/) as unknown,
    });
    expect(performance.now() - cancelledAt).toBeLessThan(2000);
    expect(hostProcessesWith(marker)).toEqual([]);
  });

  it("runs code in a scratch directory: python with stdin, and a C compile error", async () => {
    const python = await run("run_code", {
      language: "python",
      code: "import os\nprint(input().upper(), os.getcwd().startswith('/tmp/hangar-run-'))",
      stdin: "shout\n",
    });
    expect(python).toMatchObject({
      isError: false,
      output: "status: ok\nexit code: 0\nstdout:\nSHOUT True\n",
    });
    const c = await run("run_code", { language: "c", code: "int main(void) { return missing; }\n" });
    expect(c.isError).toBe(true);
    expect(c.output).toMatch(
      /^status: compile_error\n[\s\S]*.missing. undeclared[\s\S]*Compilation failed\.$/,
    );
    const unknown = await run("run_code", { language: "cobol", code: "DISPLAY 'HI'." });
    expect(unknown).toMatchObject({
      isError: true,
      output: expect.stringMatching(/unknown language.*python, c/) as unknown,
    });
    // Nothing landed in the project, and the scratch directories are gone.
    const leftovers = await run("bash", { command: "ls /workspace/main* /tmp/hangar-run-* 2>&1; true" });
    expect(leftovers.output).not.toMatch(/main\.py|main\.c|hangar-run-[0-9a-f]+:/);
  });

  it("runs git init, add, commit, log and diff as Hangar Agent, and refuses escapes", async () => {
    expect((await run("git", { subcommand: "init", args: ["-q"] })).isError).toBe(false);
    expect((await run("git", { subcommand: "add", args: ["-A"] })).isError).toBe(false);
    const noMessage = await run("git", { subcommand: "commit" });
    expect(noMessage).toMatchObject({
      isError: true,
      output: expect.stringMatching(/needs a message/) as unknown,
    });
    const commit = await run("git", { subcommand: "commit", message: "First commit", args: ["-q"] });
    expect(commit.isError).toBe(false);
    const log = await run("git", { subcommand: "log", args: ["--format=%an <%ae> %cn: %s"] });
    expect(log.output).toBe("Hangar Agent <agent@hangar.invalid> Hangar Agent: First commit");
    await run("edit_file", { path: "src/app/util.py", old_text: "X = 1", new_text: "X = 2" });
    const diff = await run("git", { subcommand: "diff" });
    expect(diff.output).toMatch(/^-X = 1\n\+X = 2$/m);
    const status = await run("git", { subcommand: "status", args: ["--short"] });
    expect(status.output).toBe(" M src/app/util.py");
    const escape = await run("git", {
      subcommand: "diff",
      args: ["-c", "core.pager=touch /workspace/pwned"],
    });
    expect(escape).toMatchObject({ isError: true, output: expect.stringMatching(/not allowed/) as unknown });
  });

  it("never follows a planted symlink to a host file", async () => {
    await run("bash", {
      command: `ln -s ${secretPath} leak.txt && ln -s ${join(hostDirectory, "secret")} leakdir && ln -s /etc/shadow shadow`,
    });
    for (const path of ["leak.txt", "shadow"]) {
      const read = await run("read_file", { path });
      expect(read).toMatchObject({
        isError: true,
        output: `${path} is a symbolic link to something that does not exist in the sandbox.`,
      });
    }
    expect((await run("grep", { pattern: "host-secret" })).output).not.toContain(secret);
    const edit = await run("edit_file", { path: "leak.txt", old_text: secret, new_text: "changed" });
    expect(edit.isError).toBe(true);
    expect((await run("write_file", { path: "leak.txt", content: "overwritten" })).isError).toBe(true);
    expect((await run("write_file", { path: "leakdir/planted.txt", content: "planted" })).isError).toBe(true);
    expect(await readFile(secretPath, "utf8")).toBe(`${secret}\n`);
    expect(await readdir(join(hostDirectory, "secret"))).toEqual(["host-secret.txt"]);
  });
});
