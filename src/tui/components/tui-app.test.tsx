import { afterEach, describe, expect, it, vi } from "vitest";
import { keyBindings } from "../key-bindings.js";
import {
  event,
  eventually,
  renderApp,
  sessionView,
  settle,
  type,
  unmountApp,
} from "./tui-app-test-support.js";

afterEach(unmountApp);

describe("TuiApp", () => {
  it("fills 80×24 less one line, with the files pane beside the chat", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 24 });
    store.dispatch({
      type: "event",
      event: event("turn.start", { turn_id: "t1", prompt: "hi", model: "m" }),
    });
    store.dispatch({
      type: "event",
      event: event("tool.start", {
        tool_call_id: "c1",
        tool: "write_file",
        input: { path: "a.txt", content: "x" },
      }),
    });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("a.txt"), eventually);
    const frame = app.lastFrame()!;
    expect(frame.split("\n")).toHaveLength(23);
    expect(frame).toContain("Files touched");
    expect(frame).toMatch(/a\.txt/);
    for (const line of frame.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });
});

const request = {
  session_id: "ses_app",
  seq: 1000,
  name: "permission.requested" as const,
  data: {
    interaction_id: "i1",
    tool_call_id: "c1",
    tool: "bash",
    input: { command: "make" },
    summary: "bash: make",
    expires_at: "2026-01-01T00:10:00Z",
  },
  created_at: "2026-01-01T00:00:00Z",
};

describe("TuiApp keys and layout", () => {
  it("goes chat-only below 70 columns", async () => {
    const { app, store } = renderApp({ columns: 60, rows: 20 });
    store.dispatch({
      type: "event",
      event: event("tool.start", {
        tool_call_id: "c9",
        tool: "write_file",
        input: { path: "b.txt", content: "x" },
      }),
    });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("b.txt"), eventually);
    const frame = app.lastFrame()!;
    expect(frame).not.toContain("Files touched");
    expect(frame.split("\n")).toHaveLength(19);
    for (const line of frame.split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  it("sends prompts to the controller and runs slash commands instead of sending them", async () => {
    const { app, store, controller, quits } = renderApp({ columns: 80, rows: 24 });
    await type(app, "f", "i", "x", "\r");
    await type(app, ..."/help".split(""), "\r");
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/Ctrl\+D leave the TUI/), eventually);
    await type(app, ..."/new".split(""), "\r");
    await type(app, ..."/cancel".split(""), "\r");
    await type(app, ..."/nope".split(""), "\r");
    await vi.waitFor(() => expect(controller.calls).toEqual(["submit fix", "new", "cancel"]), eventually);
    expect(store.getState().items.at(-1)).toMatchObject({ text: "no command /nope; /help lists them" });
    await type(app, ..."/quit".split(""), "\r");
    await vi.waitFor(() => expect(quits()).toBe(1), eventually);
  });

  it("cancels the turn on the first Esc and quits on the second", async () => {
    const { app, controller, quits } = renderApp({ columns: 80, rows: 24 });
    controller.isBusy = true;
    await type(app, "\x1b");
    // Ink waits a moment to tell a lone Esc from the start of a sequence.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await vi.waitFor(() => expect(controller.calls).toEqual(["cancel"]), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("again quits"), eventually);
    expect(quits()).toBe(0);
    await type(app, "\x03");
    await vi.waitFor(() => expect(quits()).toBe(1), eventually);
  });

  it("acts on the keys of [tui.keys] instead of the defaults they replace", async () => {
    const bindings = keyBindings({ cancel_turn: "ctrl+g", quit: "ctrl+q", newline: "ctrl+n" });
    const { app, controller, quits } = renderApp({ columns: 80, rows: 24 }, bindings);
    controller.isBusy = true;
    // Ctrl-C no longer cancels; Ctrl-G does.
    await type(app, "\x03");
    await settle();
    expect(controller.calls).toEqual([]);
    await type(app, "\x07");
    await vi.waitFor(() => expect(controller.calls).toEqual(["cancel"]), eventually);
    // The prompt takes the configured new-line key: two lines, sent as one prompt.
    await type(app, "a", "\x0e", "b", "\r");
    await vi.waitFor(() => expect(controller.calls).toContain("submit a\nb"), eventually);
    expect(quits()).toBe(0);
    await type(app, "\x11");
    await vi.waitFor(() => expect(quits()).toBe(1), eventually);
  });

  it("opens a workspace file in the code viewer with /open, jumps to the lines an edit added, and closes on Esc", async () => {
    const { app, store, controller } = renderApp({ columns: 80, rows: 24 });
    const content = Array.from({ length: 60 }, (_, index) => `line ${index + 1}`).join("\n");
    controller.files["src/big.py"] = content.replace("line 45", "value = 45  # changed");
    store.dispatch({
      type: "event",
      event: event("tool.start", {
        tool_call_id: "c1",
        tool: "edit_file",
        input: { path: "src/big.py", old_text: "line 45", new_text: "value = 45  # changed" },
      }),
    });
    store.dispatch({
      type: "event",
      event: event("tool.end", {
        tool_call_id: "c1",
        tool: "edit_file",
        is_error: false,
        output: "edited",
        duration_ms: 4,
      }),
    });
    await type(app, ..."/open src/big.py".split(""), "\r");
    // The header names the file and where the view is; the changed line is on screen, marked.
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/src\/big\.py.*lines \d+–\d+ of 60/), eventually);
    expect(app.lastFrame()).toContain("value = 45  # changed");
    // Keys go to the viewer now: G to the end, g back to the top.
    await type(app, "G");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("line 60"), eventually);
    await type(app, "g");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("lines 1–19 of 60"), eventually);
    await type(app, "\x1b");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("lines 1–"), eventually);
    expect(controller.calls).toEqual(["read src/big.py"]);
    // A file that is not there is said, not shown.
    await type(app, ..."/open nope.txt".split(""), "\r");
    await vi.waitFor(
      () => expect(app.lastFrame()).toContain("cannot open nope.txt: 404 no such file"),
      eventually,
    );
  });

  it("does not quit on Ctrl-C, another key, Ctrl-C", async () => {
    const { app, quits } = renderApp({ columns: 80, rows: 24 });
    await type(app, "\x03", "a", "\x03");
    expect(quits()).toBe(0);
    await type(app, "\x03");
    await vi.waitFor(() => expect(quits()).toBe(1), eventually);
  });

  it("gives the input to a pending approval, answers it, and closes it when it is resolved anywhere", async () => {
    const { app, store, controller } = renderApp({ columns: 80, rows: 24 });
    store.dispatch({ type: "ask", request });
    await settle();
    await vi.waitFor(() => expect(app.lastFrame()).toContain("Allow bash: make?"), eventually);
    await type(app, "a");
    await vi.waitFor(() => expect(controller.calls).toEqual(["permission always"]), eventually);
    store.dispatch({
      type: "event",
      event: event("interaction.resolved", { interaction_id: "i1", kind: "permission", outcome: "approved" }),
    });
    await settle();
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("Allow bash: make?"), eventually);
    // The prompt has the keys again.
    await type(app, "o", "k", "\r");
    await vi.waitFor(() => expect(controller.calls).toEqual(["permission always", "submit ok"]), eventually);
  });
});

describe("TuiApp /sessions and the next session's settings", () => {
  it("lists the sessions, moves with ↑/↓, attaches with Enter, and gives the prompt back", async () => {
    const { app, controller } = renderApp({ columns: 100, rows: 24 });
    controller.sessions = [sessionView("ses_new", "running"), sessionView("ses_old", "completed")];
    await type(app, ..."/sessions".split(""), "\r");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("ses_old"), eventually);
    expect(app.lastFrame()).toMatch(/› ses_new\s+p\s+running\s+builtin\s+openai:gpt/);
    await type(app, "\x1b[B");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("› ses_old"), eventually);
    // Past the end stays on the last one.
    await type(app, "\x1b[B", "\r");
    await vi.waitFor(() => expect(controller.calls).toEqual(["list", "switch ses_old"]), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("Enter attach"), eventually);
    await type(app, "h", "i", "\r");
    await vi.waitFor(() => expect(controller.calls.at(-1)).toBe("submit hi"), eventually);
  });

  it("closes the picker on Esc without cancelling or quitting", async () => {
    const { app, controller, quits } = renderApp({ columns: 100, rows: 24 });
    controller.isBusy = true;
    await type(app, ..."/sessions".split(""), "\r");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("no sessions yet"), eventually);
    await type(app, "\x1b");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("no sessions yet"), eventually);
    expect(controller.calls).toEqual(["list"]);
    expect(quits()).toBe(0);
  });

  it("says why the list failed", async () => {
    const { app, controller } = renderApp({ columns: 100, rows: 24 });
    controller.listSessions = async () => {
      throw new Error("server says no");
    };
    await type(app, ..."/sessions".split(""), "\r");
    await vi.waitFor(
      () => expect(app.lastFrame()).toContain("could not list the sessions: server says no"),
      eventually,
    );
  });

  it("sets the next session's approval, model and agent, and names the command when a value is bad", async () => {
    const { app, store, controller } = renderApp({ columns: 120, rows: 24 });
    await type(app, ..."/approval auto".split(""), "\r");
    await type(app, ..."/model openai:gpt-4o".split(""), "\r");
    await type(app, ..."/agent builtin".split(""), "\r");
    await vi.waitFor(
      () =>
        expect(controller.calls).toEqual([
          'next {"approval":"auto"}',
          'next {"model":"openai:gpt-4o"}',
          'next {"agent":"builtin"}',
        ]),
      eventually,
    );
    await type(app, ..."/approval maybe".split(""), "\r");
    await vi.waitFor(
      () =>
        expect(store.getState().items.at(-1)).toMatchObject({
          text: '/approval takes ask, auto or read-only, not "maybe"',
          tone: "warning",
        }),
      eventually,
    );
    expect(controller.calls).toHaveLength(3);
  });
});

describe("TuiApp /files", () => {
  it("shows the workspace tree beside the chat, and /files hides and shows it", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 24 });
    store.dispatch({ type: "workspace", entries: [{ path: "hello.txt", type: "file", size: 5 }] });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("Workspace"), eventually);
    expect(app.lastFrame()).toContain("hello.txt");
    await type(app, ..."/files".split(""), "\r");
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("Workspace"), eventually);
    expect(app.lastFrame()).not.toContain("hello.txt");
    await type(app, ..."/files".split(""), "\r");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("hello.txt"), eventually);
  });
});

describe("TuiApp scrolling", () => {
  it("scrolls the chat back with PgUp, not past its first line, and forward with PgDn", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 12 });
    for (let turn = 0; turn < 30; turn += 1)
      store.dispatch({ type: "notice", text: `line ${turn}`, tone: "info" });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("line 29"), eventually);
    expect(app.lastFrame()).not.toContain("line 0\n");
    for (let press = 0; press < 20; press += 1) await type(app, "\x1b[5~");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("• line 0"), eventually);
    expect(app.lastFrame()).toContain("scrolled back");
    expect(app.lastFrame()).not.toContain("line 29");
    // One PgDn moves at once from the top, however often PgUp was pressed.
    await type(app, "\x1b[6~");
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("• line 0"), eventually);
    for (let press = 0; press < 10; press += 1) await type(app, "\x1b[6~");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("line 29"), eventually);
    expect(app.lastFrame()).not.toContain("scrolled back");
  });
});
