import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LanguageInfo, RunResult, NotebookInfo } from "../../src/runs/run-types.js";
import { requireBubblewrap, useHarness, waitFor, type Harness } from "../fixtures/hangar-harness.js";
import { postJson, readSseEvents, type ParsedSseEvent } from "./test-server.js";

/**
 * The real run service (bubblewrap, kernels, SQLite) behind the real HTTP
 * server: what a Coderunner client sees, language by language.
 */
const aliceKey = `alice-${randomBytes(16).toString("hex")}`;
const bobKey = `bob-${randomBytes(16).toString("hex")}`;

/** Prints exactly "hello from <language>\n". Every language /languages may list must be here. */
const helloWorlds: Record<string, string> = {
  python: "print('hello from python')",
  javascript: "console.log('hello from javascript')",
  typescript: "const greeting: string = 'hello from typescript';\nconsole.log(greeting);",
  bash: "echo 'hello from bash'",
  sh: "echo 'hello from sh'",
  c: '#include <stdio.h>\nint main(void) { puts("hello from c"); return 0; }',
  cpp: '#include <iostream>\nint main() { std::cout << "hello from cpp" << std::endl; }',
  java: 'public class Main { public static void main(String[] args) { System.out.println("hello from java"); } }',
  rust: 'fn main() { println!("hello from rust"); }',
  perl: 'print "hello from perl\\n";',
  ruby: "puts 'hello from ruby'",
  php: '<?php echo "hello from php\\n";',
  lua: "print('hello from lua')",
};

const syntaxErrors: Record<string, string> = {
  c: "int main(void) { return 0 }",
  cpp: "int main() { return 0 }",
  rust: "fn main() { let x = ; }",
  java: "public class Main { public static void main(String[] args) { int x = } }",
  typescript: "const x: = ;",
};

/** The languages every Hangar host with the standard toolchains must offer. */
const requiredLanguages = ["python", "javascript", "typescript", "bash", "sh", "c", "cpp", "java", "rust"];

const slowLanguages = new Set(["java", "rust"]);

describe.skipIf(!requireBubblewrap())("the run service over HTTP", () => {
  const hangar = useHarness({
    config: {
      server: {
        api_keys: [
          { key: aliceKey, owner: "alice" },
          { key: bobKey, owner: "bob" },
        ],
      },
    },
  });
  const alice = { key: aliceKey };
  const bob = { key: bobKey };
  const run = (body: Record<string, unknown>, options = alice) => hangar().run(body, options);
  const newSessionId = (label: string) => `${label}-${randomBytes(6).toString("hex")}`;

  it("a python one-shot answers with the exact Coderunner-style body", async () => {
    const response = await run({ language: "python", code: "print(6*7)" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = response.body;
    expect(Object.keys(body).sort()).toEqual(
      [
        "durationMs",
        "error",
        "exitCode",
        "language",
        "output",
        "runId",
        "sessionId",
        "signal",
        "status",
        "stderr",
        "stdout",
        "truncated",
      ].sort(),
    );
    expect(body).toEqual({
      output: "42\n",
      error: "",
      stdout: "42\n",
      stderr: "",
      exitCode: 0,
      signal: null,
      status: "ok",
      durationMs: expect.any(Number) as number,
      truncated: false,
      language: "python",
      sessionId: null,
      runId: expect.stringMatching(/^run_[a-z0-9]+$/) as string,
    });
    expect(body.durationMs).toBeGreaterThan(0);
  });

  it("an alias resolves to the canonical language name", async () => {
    const response = await run({ language: "py", code: "print('alias')" });
    expect(response.body).toMatchObject({ status: "ok", language: "python", stdout: "alias\n" });
  });

  it("every language listed by GET /languages runs a hello world", { timeout: 60_000 }, async () => {
    const listing = await hangar().request<{ languages: LanguageInfo[] }>(
      "GET",
      "/languages",
      undefined,
      alice,
    );
    expect(listing.status).toBe(200);
    const names = listing.body.languages.map((language) => language.name);
    expect(names).toEqual(expect.arrayContaining(requiredLanguages));
    // The slow toolchains (JVM start, rustc) first, each in parallel with the quick ones.
    const ordered = [...names].sort((a, b) => Number(slowLanguages.has(b)) - Number(slowLanguages.has(a)));
    const results = await Promise.all(
      ordered.map(async (language) => {
        const code = helloWorlds[language];
        if (code === undefined) return { language, problem: "no hello world in this test; add one" };
        const response = await run({ language, code, timeoutMs: 30_000 });
        const { status, stdout, error } = response.body;
        return status === "ok" && stdout === `hello from ${language}\n`
          ? { language }
          : { language, problem: `${response.status} ${status}: ${JSON.stringify(stdout)} ${error}` };
      }),
    );
    expect(results.filter((result) => "problem" in result)).toEqual([]);
  });

  it(
    "syntax errors are compile_error for c, cpp, rust, java and typescript",
    { timeout: 60_000 },
    async () => {
      const results = await Promise.all(
        Object.entries(syntaxErrors).map(async ([language, code]) => {
          const response = await run({ language, code, timeoutMs: 30_000 });
          return {
            language,
            status: response.body.status,
            stdout: response.body.stdout,
            error: response.body.error,
          };
        }),
      );
      for (const result of results) {
        expect(result, result.error).toMatchObject({ status: "compile_error", stdout: "" });
        expect(result.error, result.language).toMatch(/error/i);
      }
    },
  );

  it("a runtime failure is status error with the exit code and stderr", async () => {
    const response = await run({ language: "python", code: "import sys\nprint('partial')\nsys.exit(3)" });
    expect(response.body).toMatchObject({ status: "error", exitCode: 3, stdout: "partial\n" });
  });

  it("stdin and args reach the program", async () => {
    const python = await run({
      language: "python",
      code: "import sys\nprint(sys.argv[1:], sys.stdin.read().upper())",
      stdin: "from stdin",
      args: ["one", "two words", "--three"],
    });
    expect(python.body).toMatchObject({
      status: "ok",
      stdout: "['one', 'two words', '--three'] FROM STDIN\n",
    });
    const bash = await run({
      language: "bash",
      code: 'read -r line; echo "$# [$1] [$2] $line"',
      stdin: "typed line\n",
      args: ["a b", "$(id)"],
    });
    expect(bash.body).toMatchObject({ status: "ok", stdout: "2 [a b] [$(id)] typed line\n" });
  });

  it("files in utf8 and base64 (with NUL bytes), in nested directories, are visible to the program", async () => {
    const binary = Buffer.from([0, 1, 2, 0, 255, 0x0a, 0x27, 0x25, 0x5c, 0]);
    const response = await run({
      language: "python",
      code: [
        "import hashlib",
        "print(open('notes/deep/readme.txt', encoding='utf-8').read())",
        "data = open('data/blob.bin', 'rb').read()",
        "print(len(data), hashlib.sha256(data).hexdigest())",
      ].join("\n"),
      files: [
        { path: "notes/deep/readme.txt", content: "grüße, 日本, 'quotes' and %s\\n" },
        { path: "data/blob.bin", content: binary.toString("base64"), encoding: "base64" },
      ],
    });
    expect(response.body.status, response.body.error).toBe("ok");
    expect(response.body.stdout).toBe(
      `grüße, 日本, 'quotes' and %s\\n\n${binary.length} ${createHash("sha256").update(binary).digest("hex")}\n`,
    );
  });

  it("a python session keeps variables and imports; result is the last expression's repr", async () => {
    const sessionId = newSessionId("python");
    const first = await run({ language: "python", sessionId, code: "import math\ncount = 40\ncount + 2" });
    expect(first.body).toMatchObject({ status: "ok", sessionId, result: "42", stdout: "" });
    const second = await run({ language: "python", sessionId, code: "count += 1\nmath.sqrt(16), 'text'" });
    expect(second.body).toMatchObject({ status: "ok", result: "(4.0, 'text')" });
    const third = await run({ language: "python", sessionId, code: "print(count)\n'quoted'" });
    expect(third.body).toMatchObject({ status: "ok", stdout: "41\n", result: "'quoted'" });
    const statement = await run({ language: "python", sessionId, code: "unused = 1" });
    expect(statement.body.result).toBeUndefined();
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`, undefined, alice)).status).toBe(
      204,
    );
  });

  it("a javascript session keeps let and const bindings", async () => {
    const sessionId = newSessionId("javascript");
    const first = await run({
      language: "javascript",
      sessionId,
      code: "let counter = 1;\nconst base = 10;",
    });
    expect(first.body.status, first.body.error).toBe("ok");
    const second = await run({ language: "javascript", sessionId, code: "counter += 1;\nbase + counter" });
    expect(second.body).toMatchObject({ status: "ok", result: "12" });
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`, undefined, alice)).status).toBe(
      204,
    );
  });

  it("bash files persist across a session's runs; fresh: true sees none of the session's state", async () => {
    const sessionId = newSessionId("bash");
    const write = await run({
      language: "bash",
      sessionId,
      code: "echo kept > state.txt && mkdir -p dir && echo x > dir/y",
    });
    expect(write.body.status).toBe("ok");
    const read = await run({ language: "bash", sessionId, code: "cat state.txt dir/y" });
    expect(read.body).toMatchObject({ status: "ok", stdout: "kept\nx\n", sessionId });
    const fresh = await run({ language: "bash", sessionId, fresh: true, code: "cat state.txt 2>&1; ls" });
    expect(fresh.body.stdout).toMatch(/No such file/);
    expect(fresh.body.stdout).not.toContain("kept");
    // fresh did not disturb the session.
    const again = await run({ language: "bash", sessionId, code: "cat state.txt" });
    expect(again.body.stdout).toBe("kept\n");
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`, undefined, alice)).status).toBe(
      204,
    );
  });

  it("fresh: true does not see a python session's variables", async () => {
    const sessionId = newSessionId("fresh");
    await run({ language: "python", sessionId, code: "secret = 'session-only'" });
    const fresh = await run({
      language: "python",
      sessionId,
      fresh: true,
      code: "print('secret' in globals())",
    });
    expect(fresh.body).toMatchObject({ status: "ok", stdout: "False\n" });
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`, undefined, alice)).status).toBe(
      204,
    );
  });

  it("GET /run/sessions lists a session; DELETE answers 204, then 404", async () => {
    const sessionId = newSessionId("listed");
    await run({ language: "python", sessionId, code: "x = 1" });
    const listing = await hangar().request<{ sessions: NotebookInfo[] }>(
      "GET",
      "/run/sessions",
      undefined,
      alice,
    );
    expect(listing.status).toBe(200);
    const listed = listing.body.sessions.find((session) => session.sessionId === sessionId);
    expect(listed).toMatchObject({ owner: "alice", runs: 1, busy: false, kernels: ["python"] });
    const deleted = await hangar().request("DELETE", `/run/sessions/${sessionId}`, undefined, alice);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const again = await hangar().request<{ error: { code: string } }>(
      "DELETE",
      `/run/sessions/${sessionId}`,
      undefined,
      alice,
    );
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("SESSION_NOT_FOUND");
    const after = await hangar().request<{ sessions: NotebookInfo[] }>(
      "GET",
      "/run/sessions",
      undefined,
      alice,
    );
    expect(after.body.sessions.map((session) => session.sessionId)).not.toContain(sessionId);
  });

  it("sessions are scoped to the API key's owner", async () => {
    const sessionId = newSessionId("scoped");
    await run({ language: "python", sessionId, code: "owner = 'alice'" });
    // The same id under another key is a separate session, with its own state.
    const bobRun = await run({ language: "python", sessionId, code: "print('owner' in globals())" }, bob);
    expect(bobRun.body).toMatchObject({ status: "ok", stdout: "False\n" });
    const bobFiles = await run(
      { language: "bash", sessionId: `${sessionId}-files`, code: "echo bob > mine" },
      bob,
    );
    expect(bobFiles.body.status).toBe("ok");
    const aliceView = await run({ language: "bash", sessionId: `${sessionId}-files`, code: "cat mine 2>&1" });
    expect(aliceView.body.stdout).toMatch(/No such file/);

    const onlyAlice = newSessionId("only-alice");
    await run({ language: "bash", sessionId: onlyAlice, code: "true" });
    const bobDelete = await hangar().request("DELETE", `/run/sessions/${onlyAlice}`, undefined, bob);
    expect(bobDelete.status).toBe(404);
    const bobListing = await hangar().request<{ sessions: NotebookInfo[] }>(
      "GET",
      "/run/sessions",
      undefined,
      bob,
    );
    expect(bobListing.body.sessions.every((session) => session.owner === "bob")).toBe(true);
    expect(bobListing.body.sessions.map((session) => session.sessionId)).not.toContain(onlyAlice);
    const aliceStill = await run({ language: "python", sessionId, code: "owner" });
    expect(aliceStill.body.result).toBe("'alice'");

    for (const [id, key] of [
      [sessionId, alice],
      [sessionId, bob],
      [`${sessionId}-files`, bob],
      [`${sessionId}-files`, alice],
      [onlyAlice, alice],
    ] as const) {
      expect((await hangar().request("DELETE", `/run/sessions/${id}`, undefined, key)).status).toBe(204);
    }
  });

  it("a request without a valid key is refused", async () => {
    const missing = await hangar().run({ language: "python", code: "print(1)" });
    expect(missing.status).toBe(401);
    const wrong = await hangar().run({ language: "python", code: "print(1)" }, { key: `${aliceKey}x` });
    expect(wrong.status).toBe(401);
  });

  it("streams start, stdout, stderr and end in order; end.result has the JSON mode's shape", async () => {
    const code = "echo out-one\nsleep 0.2\necho err-one >&2\nsleep 0.2\necho out-two";
    const response = await postJson(
      `${hangar().url}/run`,
      { language: "bash", code },
      { accept: "text/event-stream", authorization: `Bearer ${aliceKey}` },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events: ParsedSseEvent[] = [];
    for await (const event of readSseEvents(response)) events.push(event);
    expect(events.map((event) => event.event)).toEqual(["start", "stdout", "stderr", "stdout", "end"]);
    const start = JSON.parse(events[0]!.data) as { runId: string; language: string; sessionId: null };
    expect(start).toMatchObject({ language: "bash", sessionId: null });
    expect(events.slice(1, 4).map((event) => JSON.parse(event.data) as { data: string })).toEqual([
      { data: "out-one\n" },
      { data: "err-one\n" },
      { data: "out-two\n" },
    ]);
    const { result } = JSON.parse(events[4]!.data) as { result: RunResult };
    expect(result.runId).toBe(start.runId);
    const json = await run({ language: "bash", code });
    expect(Object.keys(result).sort()).toEqual(Object.keys(json.body).sort());
    const comparable = (value: RunResult) => ({ ...value, runId: "", durationMs: 0 });
    expect(comparable(result)).toEqual(comparable(json.body));
    expect(result).toMatchObject({ status: "ok", stdout: "out-one\nout-two\n", stderr: "err-one\n" });
  });

  it("records the run in the store with the code's sha256, never the code", async () => {
    const code = `print('stored-${randomBytes(8).toString("hex")}')`;
    const response = await run({ language: "python", code, stdin: "abc" });
    const record = await hangar().app.store.runs.get(response.body.runId);
    expect(record).toMatchObject({
      id: response.body.runId,
      owner: "alice",
      language: "python",
      status: "ok",
      exitCode: 0,
      codeBytes: Buffer.byteLength(code),
      stdinBytes: 3,
      codeSha256: createHash("sha256").update(code).digest("hex"),
      sessionId: null,
    });
    expect(JSON.stringify(record)).not.toContain(code);
    expectCodeNotOnDisk(hangar(), code);
  });
});

/** Neither the database nor its write-ahead log holds the code's text. */
function expectCodeNotOnDisk(harness: Harness, code: string): void {
  const databasePath = join(harness.dataDirectory, "hangar.db");
  expect(existsSync(databasePath)).toBe(true);
  for (const path of [databasePath, `${databasePath}-wal`]) {
    if (!existsSync(path)) continue;
    expect(readFileSync(path).includes(Buffer.from(code)), path).toBe(false);
  }
}

describe.skipIf(!requireBubblewrap())("the run service over HTTP, at capacity", () => {
  const hangar = useHarness({ config: { runs: { max_concurrent: 1, max_queue: 0 } } });

  it("a second run while one is running and the queue is 0 gets 429 with Retry-After", async () => {
    const slow = hangar().run({ language: "bash", code: "sleep 1; echo slow-done", timeoutMs: 5000 });
    // The second run must arrive while the first one holds the only slot.
    await waitFor(async () => {
      const status = await hangar().request<{ runs: { running: number } }>("GET", "/status");
      return status.body.runs.running === 1;
    }, "the first run to take the only slot");
    const rejected = await hangar().run({ language: "bash", code: "echo second" });
    expect(rejected.status).toBe(429);
    expect(rejected.body).toMatchObject({ error: { code: "TOO_MANY_REQUESTS" } });
    expect(Number(rejected.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const first = await slow;
    expect(first.body).toMatchObject({ status: "ok", stdout: "slow-done\n" });
    // The slot is released after the first run's clean-up; then runs are accepted again.
    let later = await hangar().run({ language: "bash", code: "echo later" });
    for (let attempt = 0; later.status === 429 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      later = await hangar().run({ language: "bash", code: "echo later" });
    }
    expect(later.body).toMatchObject({ status: "ok", stdout: "later\n" });
  });
});
