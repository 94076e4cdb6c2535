import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireBubblewrap, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedHangar } from "../fixtures/scripted-hangar.js";
import type { ScriptedModelServer } from "../fixtures/scripted-model-server.js";

/**
 * `hangar task` as a user runs it: the built CLI (`node dist/main.js task`) in
 * a child process, talking with `--server` to a real Hangar whose model is the
 * scripted chat-completions server.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));

interface CliRun {
  child: ChildProcess;
  /** Resolves once stdout contains the text. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startCli(args: string[], environment: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, ["dist/main.js", "task", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...environment },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers: Array<() => void> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const watcher of [...watchers]) watcher();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return {
    child,
    exited,
    waitForOutput: (text, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${text}" in:\n${stdout}\n${stderr}`)),
          timeoutMs,
        );
        const check = (): void => {
          if (!stdout.includes(text)) return;
          clearTimeout(timer);
          watchers.splice(watchers.indexOf(check), 1);
          resolve();
        };
        watchers.push(check);
        check();
      }),
  };
}

describe.runIf(requireBubblewrap())("hangar task", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;
  const children: ChildProcess[] = [];
  let finishedSession: { id: string; stdout: string } | undefined;

  const cli = (args: string[]): CliRun => {
    const run = startCli([...args, "--server", hangar.url]);
    children.push(run.child);
    return run;
  };

  beforeAll(async () => {
    // The step `npm test` runs first: compiles dist/ when src/ is newer; nothing otherwise.
    const bootstrap = spawnSync(process.execPath, ["scripts/bootstrap.mjs"], { cwd: root, encoding: "utf8" });
    if (bootstrap.status !== 0) throw new Error(`bootstrap failed:\n${bootstrap.stderr}`);
    ({ model, hangar } = await startScriptedHangar({ interactionTimeoutSeconds: 30 }));
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await hangar?.stop();
    await model?.close();
  });

  beforeEach(() => model.reset());

  it("runs a task that writes a file and answers: shows the tool and the answer, exits 0", async () => {
    model.enqueue(
      {
        text: "Writing it.",
        toolCalls: [{ name: "write_file", input: { path: "hello.txt", content: "hello\n" } }],
      },
      { text: ["Wrote ", "hello.txt ", "for you."] },
    );
    const result = await cli(["write hello.txt", "--project", "cli-write"]).exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("▶ write_file: hello.txt (6 bytes)");
    expect(result.stdout).toContain("Wrote hello.txt for you.\n");
    expect(result.stdout).toContain("✓ completed");
    // Not a terminal: plain text.
    expect(result.stdout).not.toContain("\x1b[");
    const id = /session (ses_\S+)/.exec(result.stderr)?.[1];
    expect(id).toBeDefined();
    finishedSession = { id: id!, stdout: result.stdout };
  });

  it("replays a finished session with --attach, exits 0", async () => {
    expect(finishedSession).toBeDefined();
    const result = await cli(["--attach", finishedSession!.id]).exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(finishedSession!.stdout);
  });

  it("asks for approval under --approval ask and posts the y typed on stdin", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo approved-$((40 + 2))" } }] },
      { text: "Ran it." },
    );
    const run = cli(["run the echo", "--project", "cli-ask", "--approval", "ask"]);
    await run.waitForOutput("? approve bash: echo approved-");
    run.child.stdin?.write("y\n");
    const result = await run.exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("✓ approved");
    expect(result.stdout).toContain("approved-42");
    expect(result.stdout).toContain("Ran it.");
  });

  it("says so and goes on when another front end answers the approval first", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo elsewhere-ok" } }] },
      { text: "Done." },
    );
    const run = cli(["run it", "--project", "cli-elsewhere", "--approval", "ask"]);
    await run.waitForOutput("waiting for an answer");
    const id = (
      await hangar.request<{ sessions: Array<{ session_id: string }> }>(
        "GET",
        "/agent/sessions?project_id=cli-elsewhere",
      )
    ).body.sessions[0]?.session_id;
    const events = await hangar.request<{
      events: Array<{ name: string; data: { interaction_id?: string } }>;
    }>("GET", `/agent/sessions/${id}/events`);
    const request = events.body.events.find((event) => event.name === "permission.requested");
    const answer = await hangar.request("POST", `/agent/sessions/${id}/reply`, {
      interaction_id: request?.data.interaction_id,
      approved: true,
    });
    expect(answer.status).toBe(200);
    const result = await run.exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("(answered elsewhere)");
    expect(result.stdout).toContain("elsewhere-ok");
  });

  it("exits 130 after Ctrl-C cancels the session", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo started; sleep 30" } }] },
      { text: "never" },
    );
    const run = cli(["wait a long time", "--project", "cli-cancel"]);
    await run.waitForOutput("started");
    run.child.kill("SIGINT");
    const result = await run.exited;
    expect(result.code, result.stderr).toBe(130);
    const id = /session (ses_\S+)/.exec(result.stderr)?.[1];
    const session = await hangar.request<{ status: string }>("GET", `/agent/sessions/${id}`);
    expect(session.body.status).toBe("cancelled");
  });

  it("exits 1 when the session fails, and names a missing session clearly", async () => {
    model.enqueue({ error: { status: 400, message: "bad request from the model" } });
    const failed = await cli(["fail please", "--project", "cli-fail"]).exited;
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stdout).toContain("✗ failed");
    const missing = await cli(["--attach", "ses_missing"]).exited;
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^hangar: .*ses_missing/m);
  });

  it("previews what an approval would write, under the one-line summary", async () => {
    model.enqueue(
      {
        toolCalls: [
          { name: "write_file", input: { path: "notes.txt", content: "first line\nsecond line\n" } },
        ],
      },
      { text: "Wrote it." },
    );
    const run = cli(["write notes", "--project", "cli-preview", "--approval", "ask"]);
    await run.waitForOutput("? approve write_file: notes.txt");
    await run.waitForOutput("+ second line");
    run.child.stdin?.write("n\n");
    const result = await run.exited;
    expect(result.stdout).toContain(
      "? approve write_file: notes.txt (23 bytes)\n    + first line\n    + second line\n",
    );
    expect(result.stdout).toContain("✗ denied");
  });

  it("starts Hangar in-process without --server, says what it waits for, and shows a model retry", async () => {
    // The default llm.max_retries (3): a 429 is retried after the retry-after the model asks for.
    model.enqueue(
      { error: { status: 429, message: "slow down", retryAfterSeconds: 1 } },
      { text: "Hello from in-process." },
    );
    const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-task-"));
    try {
      const run = startCli(["say hello", "--data-dir", dataDirectory, "--project", "local"], {
        HANGAR_MODEL: "openai:scripted",
        HANGAR_POOL_SIZE: "0",
        OPENAI_API_KEY: "sk-test-0123456789abcdef",
        OPENAI_BASE_URL: model.openaiBaseUrl,
      });
      children.push(run.child);
      const result = await run.exited;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("Hello from in-process.");
      expect(result.stdout).toContain("✓ completed");
      expect(result.stdout).toContain("… starting: opening the project's sandbox\n");
      expect(result.stdout).toContain("… sandbox ready; asking the model\n");
      expect(result.stdout).toMatch(/↻ model: .*retrying in 1 s \(retry 1 of 3\)/);
      expect(result.stdout).not.toContain("✗");
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});
