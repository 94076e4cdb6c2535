import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { requireBubblewrap, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedHangar } from "../fixtures/scripted-hangar.js";
import { lastUserMessage, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import { tmuxTerminal } from "../fixtures/tmux-terminal.js";

/**
 * `hangar tui` in a real terminal: tmux (on a private socket) runs the built
 * CLI at 80×24 against a real Hangar whose model is the scripted server. The
 * test types with `send-keys` and reads the screen with `capture-pane`,
 * polling until what it waits for shows (never a fixed sleep).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const { tmux, waitForScreen, openTui, close } = tmuxTerminal(`hangar-tui-${process.pid}`);

describe.runIf(requireBubblewrap())("hangar tui in a terminal", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;

  beforeAll(async () => {
    // The step `npm test` runs first: compiles dist/ when src/ is newer; nothing otherwise.
    const bootstrap = spawnSync(process.execPath, ["scripts/bootstrap.mjs"], { cwd: root, encoding: "utf8" });
    if (bootstrap.status !== 0) throw new Error(`bootstrap failed:\n${bootstrap.stderr}`);
    ({ model, hangar } = await startScriptedHangar({ interactionTimeoutSeconds: 60 }));
  });

  afterAll(async () => {
    close();
    await hangar?.stop();
    await model?.close();
  });

  // A test that failed half-way must not leave its scripted replies to the next one.
  beforeEach(() => model.reset());

  it("streams the answer, asks before a write, and leaves the session on the server when it quits", async () => {
    model.enqueue(
      {
        text: "Writing it.",
        toolCalls: [{ name: "write_file", input: { path: "hello.txt", content: "hello\n" } }],
      },
      { text: ["## Done\n", "Wrote **hello.txt** ", "for you."] },
    );
    openTui("first", ["--server", hangar.url, "--project", "tui-e2e", "--approval", "ask"]);
    await waitForScreen(
      "first",
      (text) => text.includes("new session") && text.includes("›"),
      "the empty TUI",
    );

    tmux("send-keys", "-t", "first", "-l", "write hello.txt");
    await waitForScreen("first", (text) => text.includes("› write hello.txt"), "the typed prompt");
    tmux("send-keys", "-t", "first", "Enter");

    // The request and the session's "waiting" status are two events: wait for the screen to show both.
    const asking = await waitForScreen(
      "first",
      (text) => text.includes("Allow write_file: hello.txt") && text.includes("waiting for you"),
      "the approval",
    );
    expect(asking).toContain("[a] Always for this session");
    expect(asking).toContain("waiting for you");
    tmux("send-keys", "-t", "first", "y");

    const done = await waitForScreen(
      "first",
      (text) =>
        text.includes("Wrote hello.txt for you.") &&
        text.includes("completed") &&
        text.includes("● hello.txt"),
      "the streamed answer and the written file marked in the workspace tree",
    );
    // The tool line (mark, tool, target, duration), the diff of the write, the Markdown heading, the workspace tree.
    expect(done).toMatch(/✓ write_file hello\.txt \d/);
    expect(done).toContain("+ hello");
    expect(done).toMatch(/^Done/m);
    expect(done).toContain("Workspace");
    // Nothing is wider than the terminal, and the screen holds 24 lines.
    for (const line of done.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    const sessionId = /ses_[A-Za-z0-9_-]+/.exec(done)?.[0];
    expect(sessionId, done).toBeDefined();

    // Tab gives the keys to the workspace tree: the pane is marked and the file the agent wrote selected.
    tmux("send-keys", "-t", "first", "Tab");
    const focused = await waitForScreen(
      "first",
      (text) => text.includes("▶Workspace") && /›\s*● hello\.txt/.test(text),
      "the focused tree with hello.txt selected",
    );
    expect(focused).toContain("files: ↑/↓ select, Enter opens");
    // Enter opens it in the code viewer (numbered lines, in place of the chat); Esc comes back to the tree.
    tmux("send-keys", "-t", "first", "Enter");
    const viewing = await waitForScreen(
      "first",
      (text) => /hello\.txt.*lines 1–1 of 1/.test(text) && /^▌?\s*1 hello\b/m.test(text),
      "hello.txt in the code viewer",
    );
    expect(viewing).not.toContain("Wrote hello.txt for you.");
    tmux("send-keys", "-t", "first", "Escape");
    await waitForScreen(
      "first",
      (text) => text.includes("Wrote hello.txt for you.") && text.includes("▶Workspace"),
      "the chat back, the tree still focused",
    );
    // Tab again: the chat's tool lines; the write's line is selected and Enter opens the file it wrote.
    tmux("send-keys", "-t", "first", "Tab");
    await waitForScreen(
      "first",
      (text) => text.includes("» ✓ write_file hello.txt"),
      "the selected tool line",
    );
    tmux("send-keys", "-t", "first", "Enter");
    await waitForScreen(
      "first",
      (text) => /hello\.txt.*lines 1–1 of 1/.test(text),
      "the tool line's file in the viewer",
    );
    tmux("send-keys", "-t", "first", "Escape");
    await waitForScreen("first", (text) => text.includes("» ✓ write_file"), "the chat back");
    // Esc gives the keys back to the prompt: the marks go.
    tmux("send-keys", "-t", "first", "Escape");
    const back = await waitForScreen(
      "first",
      (text) => !text.includes("» ✓") && text.includes(" Workspace") && !text.includes("▶Workspace"),
      "the prompt focused again",
    );
    expect(back).toContain("✓ write_file hello.txt");

    // 200×60: the tree beside the chat, the status bar whole (Ink drew it again: the rule spans 200 columns).
    tmux("resize-window", "-t", "first", "-x", "200", "-y", "60");
    const wide = await waitForScreen(
      "first",
      (text) => text.split("\n").some((line) => /^── ses_\S+ ─+$/.test(line) && line.length === 200),
      "the screen drawn at 200 columns",
    );
    const wideLines = wide.split("\n");
    expect(wideLines[0]).toContain("approval ask");
    expect(wideLines[0]).toContain("sandbox ");
    expect(wideLines[0]).not.toMatch(/…\s*$/);
    expect(wideLines.some((line) => line.includes("› write hello.txt") && line.includes("Workspace"))).toBe(
      true,
    );
    expect(wide).toContain("● hello.txt");
    for (const line of wideLines) expect(line.length).toBeLessThanOrEqual(200);

    // Narrower than 70 columns: chat only, still within the width.
    tmux("resize-window", "-t", "first", "-x", "60", "-y", "24");
    // Ink drew it again at 60 columns (tmux's own cut would not end the status bar with an ellipsis).
    const narrow = await waitForScreen(
      "first",
      (text) => /^.{59}…$/u.test(text.split("\n")[0] ?? ""),
      "the status bar cut at 60 columns",
    );
    expect(narrow).not.toContain("Workspace");
    expect(narrow).toContain("Wrote hello.txt for you.");
    for (const line of narrow.split("\n")) expect(line.length).toBeLessThanOrEqual(60);

    // Ctrl-C twice in a row quits; the session is untouched.
    tmux("send-keys", "-t", "first", "C-c");
    await waitForScreen("first", (text) => text.includes("again quits"), "the quit hint");
    tmux("send-keys", "-t", "first", "C-c");
    const after = await waitForScreen("first", (text) => text.includes("tui exited"), "the TUI's exit");
    expect(after).toContain(`session ${sessionId} stays on the server`);
    expect(after).toContain("tui exited 0");
    const session = await hangar.request<{ status: string; last_seq: number }>(
      "GET",
      `/agent/sessions/${sessionId}`,
    );
    expect(session.status).toBe(200);
    expect(session.body.status).toBe("completed");

    // Attaching again replays it from the start.
    openTui("again", ["--server", hangar.url, "--session", sessionId!]);
    const replayed = await waitForScreen(
      "again",
      (text) => text.includes("Wrote hello.txt for you.") && text.includes("completed"),
      "the replayed session",
    );
    expect(replayed).toContain("› write hello.txt");
    expect(replayed).toContain(sessionId);
    tmux("send-keys", "-t", "again", "-l", "/quit");
    await waitForScreen("again", (text) => text.includes("› /quit"), "the typed command");
    tmux("send-keys", "-t", "again", "Enter");
    await waitForScreen("again", (text) => text.includes("tui exited 0"), "the TUI's exit after /quit");
  }, 90_000);

  it('sends bare `hangar "<prompt>"`\'s words as the first prompt at a terminal', async () => {
    model.enqueue({ text: "Answered the **opening prompt**." });
    openTui("prompted", ["--server", hangar.url, "--project", "tui-prompted", "say hello first"], {
      bare: true,
    });
    const screen = await waitForScreen(
      "prompted",
      (text) => text.includes("Answered the opening prompt."),
      "the answer to the prompt given as words",
    );
    expect(screen).toContain("› say hello first");
    tmux("send-keys", "-t", "prompted", "C-d");
    await waitForScreen("prompted", (text) => text.includes("tui exited 0"), "the TUI's exit");
  }, 90_000);

  it("runs in-process as bare `hangar`: the embedded server, the same screen, the session kept in the data directory", async () => {
    model.enqueue(
      { text: "Checking.", toolCalls: [{ name: "bash", input: { command: "echo in-process-$((6 * 7))" } }] },
      { text: "It printed **in-process-42**." },
    );
    const directory = await mkdtemp(join(tmpdir(), "hangar-tui-"));
    try {
      openTui(
        "local",
        ["--data-dir", join(directory, "data"), "--model", "openai:scripted", "--project", "tui-local"],
        {
          bare: true,
          directory,
          environment: { OPENAI_API_KEY: "sk-test-0123456789abcdef", OPENAI_BASE_URL: model.openaiBaseUrl },
        },
      );
      // Start-up probes the sandbox first: a generous wait.
      await waitForScreen(
        "local",
        (text) => text.includes("new session") && text.includes("›"),
        "the TUI",
        90_000,
      );
      tmux("send-keys", "-t", "local", "-l", "check it");
      await waitForScreen("local", (text) => text.includes("› check it"), "the typed prompt");
      tmux("send-keys", "-t", "local", "Enter");
      const done = await waitForScreen(
        "local",
        (text) => text.includes("It printed in-process-42.") && text.includes("completed"),
        "the answer",
      );
      expect(done).toMatch(/✓ bash echo in-process-\$\(\(6 \* 7\)\) \d/);
      expect(done).toContain("  in-process-42");
      tmux("send-keys", "-t", "local", "Escape");
      await waitForScreen("local", (text) => text.includes("again quits"), "the quit hint");
      tmux("send-keys", "-t", "local", "Escape");
      const after = await waitForScreen("local", (text) => text.includes("tui exited"), "the TUI's exit");
      expect(after).toMatch(/session ses_\S+ is kept in the data directory/);
      expect(after).toContain("tui exited 0");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 150_000);

  it("behaves as `hangar task` when stdout is not a terminal: the words are the prompt, --session attaches", async () => {
    model.enqueue(
      { text: "Checking.", toolCalls: [{ name: "bash", input: { command: "echo piped-$((6 * 7))" } }] },
      { text: "It printed **piped-42**." },
    );
    // Piped stdio: no terminal anywhere, as in a script or CI.
    const run = await runPiped(["--server", hangar.url, "--project", "tui-piped", "check", "the", "echo"]);
    expect(run.code, run.stderr).toBe(0);
    // What `hangar task` prints, plain: the tool line, its output, the answer, the end.
    expect(run.stdout).toContain("echo piped-$((6 * 7))");
    expect(run.stdout).toContain("piped-42");
    expect(run.stdout).toContain("It printed **piped-42**.");
    expect(run.stdout).toContain("✓ completed");
    expect(run.stdout).not.toContain("\x1b[");
    const sessionId = /session (ses_\S+)/.exec(run.stderr)?.[1];
    expect(sessionId, run.stderr).toBeDefined();
    const session = await hangar.request<{ status: string }>("GET", `/agent/sessions/${sessionId}`);
    expect(session.body.status).toBe("completed");
    // The words after the flags became the prompt the model got.
    expect(model.requests.some((request) => lastUserMessage(request) === "check the echo")).toBe(true);

    // --session watches a session as `hangar task --attach` does: replayed, the same lines, exit 0.
    const attached = await runPiped(["--server", hangar.url, "--session", sessionId!]);
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.stdout).toBe(run.stdout);

    // No prompt: an error naming it, not a terminal UI that cannot start.
    const empty = await runPiped(["--server", hangar.url]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("hangar: prompt: stdout is not a terminal");
    expect(empty.stderr).toContain('hangar "<prompt>"');
    // A mistyped command is still one, not a prompt.
    const mistyped = await runPiped(["tsk"]);
    expect(mistyped.code).toBe(1);
    expect(mistyped.stderr).toContain(`unknown command 'tsk' (did you mean "task"?)`);
    // `hangar tui` itself still needs a terminal.
    const tui = await runPiped(["tui"]);
    expect(tui.code).toBe(2);
    expect(tui.stderr).toContain("hangar task");
  }, 90_000);
});

/** The built CLI with every stdio a pipe (stdin closed at once); resolves when it exits. */
function runPiped(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["dist/main.js", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.end();
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
