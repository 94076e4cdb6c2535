import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import {
  killServerProcesses,
  prepareServerDirectory,
  removeServerDirectory,
  type ServerProcess,
  startServerProcess,
} from "../fixtures/server-process.js";
import { tmuxTerminal } from "../fixtures/tmux-terminal.js";

/**
 * The TUI across a server crash: a real `hangar serve` as a separate
 * process, the TUI attached with --server in tmux, the server killed with
 * SIGKILL while the session waits for an answer, then started again on the
 * same port and data directory. The status bar says it is reconnecting, the
 * TUI resumes with Last-Event-ID, and each line of the session shows once:
 * nothing missing, nothing repeated.
 */
const terminal = tmuxTerminal(`hangar-tui-resilience-${process.pid}`);

function occurrences(text: string, marker: string): number {
  return text.split(marker).length - 1;
}

describe.runIf(requireBubblewrap())("the TUI across a server restart", () => {
  let model: ScriptedModelServer;
  const servers: ServerProcess[] = [];
  let directories: { dataDirectory: string; configPath: string } | undefined;

  beforeAll(async () => {
    model = await startScriptedModelServer();
    directories = await prepareServerDirectory("hangar-tui-restart-", [
      "[sandbox]",
      "pool_size = 0",
      "[llm]",
      'default_model = "openai:scripted"',
    ]);
  });

  afterAll(async () => {
    terminal.close();
    await killServerProcesses(servers);
    if (directories !== undefined) {
      // What a killed server leaves of its sandboxes goes with a start and stop of the provider.
      await removeServerDirectory(directories.dataDirectory, directories.configPath);
    }
    await model?.close();
  });

  it("says it is reconnecting after kill -9, and resumes the session with nothing missing or repeated", async () => {
    const { dataDirectory, configPath } = directories!;
    const environment = { OPENAI_API_KEY: "sk-tui-restart-key", OPENAI_BASE_URL: model.openaiBaseUrl };
    model.enqueue(
      {
        text: ["alpha-", "marker streamed ", "before the crash"],
        toolCalls: [{ name: "ask_user", input: { question: "Proceed after the crash?" } }],
      },
      { text: "omega-marker after the restart" },
    );
    const first = await startServerProcess(dataDirectory, configPath, environment);
    servers.push(first);
    const port = Number(new URL(first.url).port);

    terminal.openTui("resume", ["--server", first.url, "--project", "tui-restart"]);
    await terminal.waitForScreen(
      "resume",
      (text) => text.includes("new session") && text.includes("›"),
      "the empty TUI",
    );
    terminal.tmux("send-keys", "-t", "resume", "-l", "start it");
    await terminal.waitForScreen("resume", (text) => text.includes("› start it"), "the typed prompt");
    terminal.tmux("send-keys", "-t", "resume", "Enter");
    await terminal.waitForScreen(
      "resume",
      (text) =>
        text.includes("alpha-marker streamed before the crash") && text.includes("Proceed after the crash?"),
      "the streamed answer and the question",
    );

    first.child.kill("SIGKILL");
    await first.exited;
    const down = await terminal.waitForScreen(
      "resume",
      (text) => text.includes("● reconnecting"),
      "the reconnecting status",
    );
    expect(occurrences(down, "alpha-marker")).toBe(1);

    const second = await startServerProcess(dataDirectory, configPath, environment, port);
    servers.push(second);
    // The question is still open on the restarted server: answering it here reaches it.
    await terminal.waitForScreen("resume", (text) => text.includes("● live"), "the live status", 60_000);
    terminal.tmux("send-keys", "-t", "resume", "-l", "yes");
    await terminal.waitForScreen("resume", (text) => /› yes/.test(text), "the typed answer");
    terminal.tmux("send-keys", "-t", "resume", "Enter");
    const done = await terminal.waitForScreen(
      "resume",
      (text) => text.includes("omega-marker after the restart") && text.includes("completed"),
      "the answer after the restart",
      60_000,
    );
    expect(occurrences(done, "› start it"), done).toBe(1);
    expect(occurrences(done, "alpha-marker"), done).toBe(1);
    expect(occurrences(done, "omega-marker"), done).toBe(1);
    // The resumed turn starts the pending question's tool call again: still one line.
    expect(occurrences(done, "ask_user Proceed"), done).toBe(1);
    expect(done).toContain("answered Proceed after the crash?: yes");
    expect(done).toContain("● live");
  }, 180_000);
});
