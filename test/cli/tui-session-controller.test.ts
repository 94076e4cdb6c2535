import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { HangarClient } from "../../src/client/hangar-client.js";
import { connectionReportingFetch } from "../../src/tui/connection-fetch.js";
import { SessionController } from "../../src/tui/session-controller.js";
import type { ChatItem, ViewState } from "../../src/tui/view-state.js";
import { ViewStore } from "../../src/tui/view-store.js";
import { requireBubblewrap, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedHangar } from "../fixtures/scripted-hangar.js";
import type { ScriptedModelServer } from "../fixtures/scripted-model-server.js";

/**
 * The TUI's session controller against a real Hangar and the scripted model:
 * what it dispatches into the view store as a session runs (queued prompts,
 * approvals, attach, cancel). No Ink: the store is what the screen draws.
 */
const deadline = { timeout: 30_000, interval: 50 };

function prompts(state: ViewState): string[] {
  return state.items
    .filter((item): item is Extract<ChatItem, { kind: "prompt" }> => item.kind === "prompt")
    .map((item) => item.text);
}

function texts(state: ViewState): string {
  return state.items.map((item) => ("text" in item ? item.text : "")).join("\n");
}

describe.runIf(requireBubblewrap())("the TUI's session controller", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;
  const controllers: SessionController[] = [];

  function open(settings: { project: string; approval?: "ask" | "auto" }) {
    const store = new ViewStore();
    const controller = new SessionController(
      new HangarClient({ baseUrl: hangar.url }),
      settings,
      store.dispatch,
    );
    controllers.push(controller);
    return { store, controller };
  }

  beforeAll(async () => {
    ({ model, hangar } = await startScriptedHangar({ interactionTimeoutSeconds: 60 }));
  });

  afterAll(async () => {
    for (const controller of controllers) await controller.close();
    await hangar?.stop();
    await model?.close();
  });

  beforeEach(() => model.reset());

  it("queues a prompt typed while the agent works and sends it when the session settles", async () => {
    model.enqueue({ text: "first answer", delayMs: 500 }, { text: "second answer" });
    const { store, controller } = open({ project: "tui-queue" });
    controller.submit("first");
    await vi.waitFor(() => expect(controller.isBusy).toBe(true), deadline);
    controller.submit("second");
    expect(store.getState().queued).toEqual(["second"]);
    await vi.waitFor(() => expect(texts(store.getState())).toContain("second answer"), deadline);
    await vi.waitFor(() => expect(controller.isBusy).toBe(false), deadline);
    const state = store.getState();
    expect(prompts(state)).toEqual(["first", "second"]);
    expect(state.queued).toEqual([]);
    expect(state.status).toMatchObject({ session: "completed", agent: "builtin", model: "openai:scripted" });
    // One session: the second prompt continued the first.
    const sessions = await hangar.request<{ sessions: Array<{ session_id: string }> }>(
      "GET",
      "/agent/sessions?project_id=tui-queue",
    );
    expect(sessions.body.sessions.map((session) => session.session_id)).toEqual([state.sessionId]);
    expect(texts(state).indexOf("first answer")).toBeLessThan(texts(state).indexOf("second answer"));
  });

  it("asks for a permission once and approves the same tool by itself after 'always for this session'", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo one" } }] },
      { toolCalls: [{ name: "bash", input: { command: "echo two" } }] },
      { text: "both ran" },
    );
    const { store, controller } = open({ project: "tui-always", approval: "ask" });
    controller.submit("run two commands");
    await vi.waitFor(() => expect(store.getState().pending).toHaveLength(1), deadline);
    const request = store.getState().pending[0]!;
    expect(store.getState().status.session).toBe("waiting");
    await controller.answerPermission(request, "always");
    await vi.waitFor(() => expect(texts(store.getState())).toContain("both ran"), deadline);
    const state = store.getState();
    expect(state.pending).toEqual([]);
    const tools = state.items.filter((item) => item.kind === "tool");
    expect(tools.map((tool) => tool.status)).toEqual(["succeeded", "succeeded"]);
    expect(texts(state)).toContain("approved bash: echo one");
    expect(texts(state)).toContain("approved bash: echo two");
  });

  it("closes a request answered elsewhere, and replays a finished session on attach without asking", async () => {
    model.enqueue({ toolCalls: [{ name: "bash", input: { command: "echo elsewhere" } }] }, { text: "done" });
    const { store, controller } = open({ project: "tui-elsewhere", approval: "ask" });
    controller.submit("run it");
    await vi.waitFor(() => expect(store.getState().pending).toHaveLength(1), deadline);
    const request = store.getState().pending[0]!;
    const answer = await hangar.request("POST", `/agent/sessions/${request.session_id}/reply`, {
      interaction_id: request.data.interaction_id,
      approved: true,
    });
    expect(answer.status).toBe(200);
    await vi.waitFor(() => expect(store.getState().pending).toEqual([]), deadline);
    await vi.waitFor(() => expect(controller.isBusy).toBe(false), deadline);

    const watcher = open({ project: "tui-elsewhere" });
    await watcher.controller.attach(request.session_id);
    await vi.waitFor(() => expect(watcher.controller.isBusy).toBe(false), deadline);
    const replayed = watcher.store.getState();
    expect(replayed.pending).toEqual([]);
    expect(prompts(replayed)).toEqual(["run it"]);
    expect(texts(replayed)).toContain("done");
    expect(replayed.lastSeq).toBe(store.getState().lastSeq);
    expect(replayed.status.connection).toBe("live");
  });

  it("cancels the running turn and the prompts queued behind it", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo started; sleep 30" } }] },
      { text: "never" },
    );
    const { store, controller } = open({ project: "tui-cancel" });
    controller.submit("wait");
    await vi.waitFor(
      () => expect(store.getState().items.some((item) => item.kind === "tool")).toBe(true),
      deadline,
    );
    controller.submit("queued behind");
    await controller.cancel();
    await vi.waitFor(() => expect(store.getState().status.session).toBe("cancelled"), deadline);
    await vi.waitFor(() => expect(controller.isBusy).toBe(false), deadline);
    expect(store.getState().queued).toEqual([]);
    expect(prompts(store.getState())).toEqual(["wait"]);
  });

  it("says it is reconnecting when the stream cannot be reached, and live once it is back", async () => {
    model.enqueue({ text: "after the drop" });
    const store = new ViewStore();
    const connections: string[] = [];
    store.subscribe(() => {
      const state = store.getState().status.connection;
      if (connections.at(-1) !== state) connections.push(state);
    });
    let failuresLeft = 2;
    // The first two tries of the progress stream fail as a dropped network would; the client retries.
    const flaky: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes("/agent/progress/") && failuresLeft > 0) {
        failuresLeft -= 1;
        throw new TypeError("fetch failed");
      }
      return fetch(input, init);
    };
    // The controller is made after its client, as `hangar tui` makes them.
    const reports: { to?: SessionController } = {};
    const client = new HangarClient({
      baseUrl: hangar.url,
      fetch: connectionReportingFetch((isReachable) => reports.to?.reportConnection(isReachable), flaky),
      reconnect: { initialDelayMs: 50 },
    });
    const controller = new SessionController(client, { project: "tui-reconnect" }, store.dispatch);
    reports.to = controller;
    controllers.push(controller);
    controller.submit("go");
    await vi.waitFor(() => expect(texts(store.getState())).toContain("after the drop"), deadline);
    expect(failuresLeft).toBe(0);
    expect(connections).toContain("reconnecting");
    expect(connections.indexOf("reconnecting")).toBeLessThan(connections.lastIndexOf("live"));
    expect(store.getState().status.connection).toBe("live");
  });

  it("lists the caller's sessions and switches to one picked, replaying it alone, then to another", async () => {
    model.enqueue({ text: "answer one" }, { text: "answer two" });
    const { store, controller } = open({ project: "tui-picker" });
    controller.submit("prompt one");
    await vi.waitFor(() => expect(texts(store.getState())).toContain("answer one"), deadline);
    await vi.waitFor(() => expect(controller.isBusy).toBe(false), deadline);
    const first = controller.sessionId!;
    // The second session is started elsewhere, over HTTP.
    const started = await hangar.request<{ session_id: string }>("POST", "/chat", {
      prompt: "prompt two",
      project_id: "tui-picker",
    });
    const second = started.body.session_id;
    await vi.waitFor(async () => {
      const view = await hangar.request<{ status: string }>("GET", `/agent/sessions/${second}`);
      expect(view.body.status).toBe("completed");
    }, deadline);

    // Every session of the caller, newest first (other tests' sessions too).
    const listed = (await controller.listSessions()).map((session) => session.session_id);
    expect(listed.filter((id) => id === first || id === second)).toEqual([second, first]);

    await controller.switchTo(second);
    await vi.waitFor(() => expect(texts(store.getState())).toContain("answer two"), deadline);
    await vi.waitFor(() => expect(controller.isBusy).toBe(false), deadline);
    expect(controller.sessionId).toBe(second);
    expect(prompts(store.getState())).toEqual(["prompt two"]);
    expect(texts(store.getState())).not.toContain("answer one");

    await controller.switchTo(first);
    await vi.waitFor(() => expect(prompts(store.getState())).toEqual(["prompt one"]), deadline);
    await vi.waitFor(() => expect(controller.isBusy).toBe(false), deadline);
    expect(texts(store.getState())).toContain("answer one");
    expect(texts(store.getState())).not.toContain("answer two");
    expect(store.getState().sessionId).toBe(first);
  });

  it("starts the next session with what /approval and /model set, and names the server's sandbox provider", async () => {
    model.enqueue({ text: "under auto" }, { text: "under read-only" });
    const { store, controller } = open({ project: "tui-next", approval: "auto" });
    await controller.describeServer();
    expect(store.getState().status.provider).toMatch(/\S/);
    controller.submit("one");
    await vi.waitFor(() => expect(texts(store.getState())).toContain("under auto"), deadline);
    await vi.waitFor(() => expect(controller.isBusy).toBe(false), deadline);
    controller.setNext({ approval: "read-only", model: "openai:scripted" });
    // The running session keeps its policy; the status bar shows what comes next.
    expect(store.getState().status).toMatchObject({ approval: "auto", next: { approval: "read-only" } });
    controller.startNew();
    expect(store.getState().status.approval).toBe("read-only");
    controller.submit("two");
    await vi.waitFor(() => expect(texts(store.getState())).toContain("under read-only"), deadline);
    const view = await hangar.request<{ approval: string; model: string }>(
      "GET",
      `/agent/sessions/${controller.sessionId}`,
    );
    expect(view.body).toMatchObject({ approval: "read-only", model: "openai:scripted" });
    await vi.waitFor(() => expect(store.getState().status.approval).toBe("read-only"), deadline);
  });

  it("lists the sandbox workspace into the file tree after a tool writes, the written file among the touched", async () => {
    model.enqueue(
      { toolCalls: [{ name: "write_file", input: { path: "tree/made.txt", content: "made\n" } }] },
      { text: "wrote it" },
    );
    const { store, controller } = open({ project: "tui-tree", approval: "auto" });
    controller.submit("write a file");
    await vi.waitFor(() => expect(texts(store.getState())).toContain("wrote it"), deadline);
    await vi.waitFor(() => expect(controller.isBusy).toBe(false), deadline);
    await vi.waitFor(async () => {
      await controller.filesListed();
      const paths = (store.getState().workspace ?? []).map((entry) => entry.path);
      expect(paths).toContain("tree/made.txt");
    }, deadline);
    expect(store.getState().filesTouched).toEqual(["tree/made.txt"]);
    // The code viewer reads it through the files API; a missing file is the server's 404.
    expect(await controller.readFile("tree/made.txt")).toBe("made\n");
    await expect(controller.readFile("tree/missing.txt")).rejects.toMatchObject({ status: 404 });
    // Another TUI attaching later lists the same workspace.
    const watcher = open({ project: "tui-tree" });
    await watcher.controller.attach(controller.sessionId!);
    await vi.waitFor(async () => {
      await watcher.controller.filesListed();
      const paths = (watcher.store.getState().workspace ?? []).map((entry) => entry.path);
      expect(paths).toContain("tree/made.txt");
    }, deadline);
  });
});
