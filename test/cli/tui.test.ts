import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedHangar } from "../fixtures/scripted-hangar.js";
import type { ScriptedModelServer } from "../fixtures/scripted-model-server.js";

/**
 * `hangar tui` in a real terminal: tmux (on a private socket) runs the built
 * CLI at 80×24 against a real Hangar whose model is the scripted server. The
 * test types with `send-keys` and reads the screen with `capture-pane`,
 * polling until what it waits for shows (never a fixed sleep).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const socket = `hangar-tui-${process.pid}`;
const screenDeadlineMs = 30_000;

function tmux(...args: string[]): string {
  const result = spawnSync("tmux", ["-L", socket, ...args], {
    cwd: root,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/root",
      TERM: "xterm-256color",
    },
  });
  if (result.status !== 0) throw new Error(`tmux ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

function screen(window: string): string {
  return tmux("capture-pane", "-p", "-t", window);
}

/** Polls the window's screen until it satisfies the check; fails with the last screen. */
async function waitForScreen(
  window: string,
  check: (text: string) => boolean,
  what: string,
  deadlineMs = screenDeadlineMs,
): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  let text = "";
  for (;;) {
    text = screen(window);
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`no ${what} on the screen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `hangar tui ARGS` (or `hangar ARGS` with `bare`) in a new 80×24 window, in `directory`
 * with `environment` added; the shell stays after it exits so its last words can be read.
 */
function openTui(
  window: string,
  args: string[],
  options: { bare?: boolean; directory?: string; environment?: Record<string, string> } = {},
): void {
  const main = join(root, "dist/main.js");
  const words = [process.execPath, main, ...(options.bare === true ? [] : ["tui"]), ...args];
  const environment = Object.entries(options.environment ?? {}).map(([name, value]) => `${name}='${value}'`);
  const command = [...environment, ...words.map((part) => `'${part}'`)].join(" ");
  const script = `cd '${options.directory ?? root}' && ${command}; echo "tui exited $?"; sleep 600`;
  if (window === "first")
    tmux("new-session", "-d", "-s", "tui", "-n", window, "-x", "80", "-y", "24", script);
  else tmux("new-window", "-d", "-t", "tui", "-n", window, script);
}

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
    spawnSync("tmux", ["-L", socket, "kill-server"]);
    await hangar?.stop();
    await model?.close();
  });

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

    const asking = await waitForScreen(
      "first",
      (text) => text.includes("Allow write_file: hello.txt"),
      "the approval",
    );
    expect(asking).toContain("[a] Always for this session");
    expect(asking).toContain("waiting for you");
    tmux("send-keys", "-t", "first", "y");

    const done = await waitForScreen(
      "first",
      (text) => text.includes("Wrote hello.txt for you.") && text.includes("completed"),
      "the streamed answer",
    );
    // The tool line (mark, tool, target, duration), the diff of the write, the Markdown heading, the files pane.
    expect(done).toMatch(/✓ write_file hello\.txt \d/);
    expect(done).toContain("+ hello");
    expect(done).toMatch(/^Done/m);
    expect(done).toContain("Files touched");
    expect(done).toMatch(/│ *hello\.txt|hello\.txt *$/m);
    // Nothing is wider than the terminal, and the screen holds 24 lines.
    for (const line of done.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    const sessionId = /ses_[A-Za-z0-9_-]+/.exec(done)?.[0];
    expect(sessionId, done).toBeDefined();

    // Narrower than 70 columns: chat only, still within the width.
    tmux("resize-window", "-t", "first", "-x", "60", "-y", "24");
    // Ink drew it again at 60 columns (tmux's own cut would not end the status bar with an ellipsis).
    const narrow = await waitForScreen(
      "first",
      (text) => /^.{59}…$/u.test(text.split("\n")[0] ?? ""),
      "the status bar cut at 60 columns",
    );
    expect(narrow).not.toContain("Files touched");
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

  it("points to `hangar task` and exits 2 when stdout is not a terminal", () => {
    const result = spawnSync(process.execPath, ["dist/main.js"], { cwd: root, encoding: "utf8", input: "" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("hangar task");
    // A mistyped command is still one, not the terminal UI's arguments.
    const mistyped = spawnSync(process.execPath, ["dist/main.js", "tsk"], {
      cwd: root,
      encoding: "utf8",
      input: "",
    });
    expect(mistyped.status).toBe(1);
    expect(mistyped.stderr).toContain(`unknown command 'tsk' (did you mean "task"?)`);
  });
});
