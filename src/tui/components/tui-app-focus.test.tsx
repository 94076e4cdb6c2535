import { afterEach, describe, expect, it, vi } from "vitest";
import { keyBindings } from "../key-bindings.js";
import { event, eventually, renderApp, type, unmountApp } from "./tui-app-test-support.js";

/**
 * Tab moves the focus from the prompt to the files pane and to the chat's
 * tool lines; the focused pane's keys act there and nowhere else.
 */
afterEach(unmountApp);

const tab = "\t";
const down = "\x1b[B";
const up = "\x1b[A";
const enter = "\r";
const escape = "\x1b";

const workspace = [
  { path: "src", type: "directory" as const, size: 0 },
  { path: "src/app.ts", type: "file" as const, size: 10 },
  { path: "src/util.ts", type: "file" as const, size: 10 },
  { path: "hello.txt", type: "file" as const, size: 6 },
];

/** The screen line that starts with the selection mark in the files pane (column 54 on). */
function selectedTreeLine(frame: string): string | undefined {
  return frame
    .split("\n")
    .map((line) => line.slice(53))
    .find((line) => line.startsWith("›"));
}

describe("TuiApp focus: the files pane", () => {
  it("moves the focus to the tree with Tab, selects with ↑/↓, opens a file with Enter, and Esc goes back", async () => {
    const { app, store, controller } = renderApp({ columns: 80, rows: 24 });
    controller.files["src/util.ts"] = "export const util = 1;\n";
    store.dispatch({ type: "workspace", entries: workspace });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("hello.txt"), eventually);
    expect(app.lastFrame()).toContain(" Workspace");
    expect(selectedTreeLine(app.lastFrame()!)).toBeUndefined();

    await type(app, tab);
    // The focused pane is marked, its first line selected, and the rule says what the keys do.
    await vi.waitFor(() => expect(app.lastFrame()).toContain("▶Workspace"), eventually);
    expect(selectedTreeLine(app.lastFrame()!)).toContain("hello.txt");
    expect(app.lastFrame()).toContain("files: ↑/↓ select, Enter opens");

    // Typed letters are no prompt text while the tree has the keys.
    await type(app, "x", down, down, down);
    await vi.waitFor(() => expect(selectedTreeLine(app.lastFrame()!)).toContain("util.ts"), eventually);
    await type(app, up);
    await vi.waitFor(() => expect(selectedTreeLine(app.lastFrame()!)).toContain("app.ts"), eventually);
    await type(app, down, enter);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("export const util = 1;"), eventually);
    expect(app.lastFrame()).toMatch(/src\/util\.ts.*lines 1–/);
    expect(controller.calls).toEqual(["read src/util.ts"]);

    // Esc closes the viewer and the tree still has the keys; Esc again gives them to the prompt.
    await type(app, escape);
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("export const util"), eventually);
    expect(app.lastFrame()).toContain("▶Workspace");
    await type(app, escape);
    await vi.waitFor(() => expect(app.lastFrame()).toContain(" Workspace"), eventually);
    expect(app.lastFrame()).not.toContain("▶Workspace");
    await type(app, ..."hi".split(""), enter);
    await vi.waitFor(() => expect(controller.calls).toContain("submit hi"), eventually);
    // Nothing typed while the tree had the keys reached the prompt.
    expect(controller.calls).not.toContain("submit xhi");
  });

  it("gives a letter typed right after Tab to the files pane, before any render: not to the prompt", async () => {
    // The focus lives in a ref and moves with the key; the prompt asks it per key, so no
    // render (which makes the prompt inactive only later) has to come in between.
    const { app, store, controller } = renderApp({ columns: 80, rows: 24 });
    store.dispatch({ type: "workspace", entries: workspace });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("hello.txt"), eventually);
    app.stdin.write(tab);
    app.stdin.write("x");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("▶Workspace"), eventually);
    await type(app, escape);
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("▶Workspace"), eventually);
    await type(app, enter);
    // An empty prompt sends nothing; the "x" would have been sent.
    expect(controller.calls.filter((call) => call.startsWith("submit"))).toEqual([]);
  });

  it("folds and unfolds a directory with Enter", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 24 });
    store.dispatch({ type: "workspace", entries: workspace });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("app.ts"), eventually);
    await type(app, tab, down);
    await vi.waitFor(() => expect(selectedTreeLine(app.lastFrame()!)).toContain("src/"), eventually);
    await type(app, enter);
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("app.ts"), eventually);
    expect(selectedTreeLine(app.lastFrame()!)).toContain("▸ src/");
    await type(app, enter);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("app.ts"), eventually);
  });

  it("keeps the selection on screen in a tree taller than the pane", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 12 });
    const many = Array.from({ length: 30 }, (_, index) => ({
      path: `file-${String(index).padStart(2, "0")}.txt`,
      type: "file" as const,
      size: 1,
    }));
    store.dispatch({ type: "workspace", entries: many });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("more"), eventually);
    expect(app.lastFrame()).not.toContain("file-29.txt");
    // End (scroll_bottom) selects the last line, which scrolls into view.
    await type(app, tab, "\x1b[F");
    await vi.waitFor(() => expect(selectedTreeLine(app.lastFrame()!)).toContain("file-29.txt"), eventually);
    expect(app.lastFrame()).not.toContain("file-00.txt");
  });

  it("skips a hidden tree, and Tab from the prompt with no tool lines and no tree stays on the prompt", async () => {
    const { app, store, controller } = renderApp({ columns: 60, rows: 20 });
    store.dispatch({ type: "workspace", entries: workspace });
    await type(app, tab, ..."ok".split(""), enter);
    await vi.waitFor(() => expect(controller.calls).toContain("submit ok"), eventually);
  });

  it("gives the focus back to the prompt when the tree is hidden, and it stays there when the tree returns", async () => {
    const { app, store, controller } = renderApp({ columns: 80, rows: 24 });
    store.dispatch({ type: "workspace", entries: workspace });
    await type(app, tab);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("▶Workspace"), eventually);
    await type(app, "\x14");
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("Workspace"), eventually);
    await type(app, "\x14");
    await vi.waitFor(() => expect(app.lastFrame()).toContain(" Workspace"), eventually);
    expect(app.lastFrame()).not.toContain("▶Workspace");
    await type(app, ..."typed".split(""), enter);
    await vi.waitFor(() => expect(controller.calls).toContain("submit typed"), eventually);
  });

  it("selects the first line again when the selected file leaves the tree", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 24 });
    store.dispatch({ type: "workspace", entries: workspace });
    await type(app, tab, down, down, down);
    await vi.waitFor(() => expect(selectedTreeLine(app.lastFrame()!)).toContain("util.ts"), eventually);
    store.dispatch({ type: "workspace", entries: workspace.filter((entry) => entry.path !== "src/util.ts") });
    await vi.waitFor(() => expect(selectedTreeLine(app.lastFrame()!)).toContain("hello.txt"), eventually);
    await type(app, down);
    await vi.waitFor(() => expect(selectedTreeLine(app.lastFrame()!)).toContain("src/"), eventually);
  });

  it("moves the focus on a rebound key", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 24 }, keyBindings({ focus_next_pane: "ctrl+o" }));
    store.dispatch({ type: "workspace", entries: workspace });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("hello.txt"), eventually);
    await type(app, "\x0f");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("▶Workspace"), eventually);
  });
});

describe("TuiApp focus: the chat's tool lines", () => {
  function toolCall(id: string, tool: string, input: object, output: string) {
    return [
      event("tool.start", { tool_call_id: id, tool, input }),
      event("tool.end", { tool_call_id: id, tool, is_error: false, output, duration_ms: 3 }),
    ];
  }

  it("selects tool lines with ↑/↓, expands an old call's output with Enter or e, and opens a written file", async () => {
    const { app, store, controller } = renderApp({ columns: 80, rows: 30 });
    controller.files["notes.md"] = "# Notes\nremember this\n";
    const listing = Array.from({ length: 30 }, (_, index) => `entry-${index}`).join("\n");
    for (const each of [
      ...toolCall("c1", "bash", { command: "ls -1" }, listing),
      ...toolCall("c2", "write_file", { path: "notes.md", content: "# Notes\nremember this\n" }, "wrote"),
      ...toolCall("c3", "bash", { command: "true" }, ""),
      ...toolCall("c4", "bash", { command: "true" }, ""),
    ])
      store.dispatch({ type: "event", event: each });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("✓ bash ls -1"), eventually);
    // The oldest call is collapsed: its line alone.
    expect(app.lastFrame()).not.toContain("entry-0");

    // No workspace pane is listed, so Tab goes prompt → files touched → chat.
    await type(app, tab, tab);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("» ✓ bash true"), eventually);
    expect(app.lastFrame()).toContain("tool lines: ↑/↓ select");
    await type(app, up, up, up);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("» ✓ bash ls -1"), eventually);
    await type(app, enter);
    // Expanded: the output's first lines (what the view state kept), then how much more there was.
    await vi.waitFor(() => expect(app.lastFrame()).toContain("│ entry-0"), eventually);
    expect(app.lastFrame()).toContain("│ entry-19");
    expect(app.lastFrame()).not.toContain("entry-20");
    expect(app.lastFrame()).toContain("│ …");
    await type(app, "e");
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("entry-0"), eventually);

    // Enter on a line that names a file opens it in the viewer; Esc comes back to the chat's selection.
    await type(app, down, enter);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("remember this"), eventually);
    expect(app.lastFrame()).toMatch(/notes\.md.*lines 1–/);
    expect(controller.calls).toEqual(["read notes.md"]);
    await type(app, escape);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("» ✓ write_file notes.md"), eventually);
    // e shows a file line's output too.
    await type(app, "e");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("│ wrote"), eventually);
  });

  it("scrolls the chat to keep the selected tool line on screen", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 12 });
    store.dispatch({ type: "event", event: toolCall("first", "bash", { command: "echo first" }, "1")[0]! });
    for (let index = 0; index < 20; index += 1)
      store.dispatch({ type: "notice", text: `n${index}`, tone: "info" });
    store.dispatch({ type: "event", event: toolCall("last", "bash", { command: "echo last" }, "2")[0]! });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("echo last"), eventually);
    expect(app.lastFrame()).not.toContain("echo first");
    await type(app, tab, tab, up);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("» ⋯ bash echo first"), eventually);
    expect(app.lastFrame()).not.toContain("echo last");
  });
});
