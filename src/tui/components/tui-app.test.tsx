import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { InteractionRequestEvent, SessionEvent } from "../../protocol/index.js";
import type { PermissionAnswer } from "../session-controller.js";
import { ViewStore } from "../view-store.js";
import { TuiApp } from "./tui-app.js";

/** A controller that records what the app asked of it. */
function fakeController() {
  const calls: string[] = [];
  return {
    calls,
    isBusy: false,
    submit: (text: string) => void calls.push(`submit ${text}`),
    cancel: async () => void calls.push("cancel"),
    startNew: () => void calls.push("new"),
    answerPermission: async (_request: InteractionRequestEvent, answer: PermissionAnswer) =>
      void calls.push(`permission ${answer}`),
    answerQuestion: async (_request: InteractionRequestEvent, text: string) => void calls.push(`answer ${text}`),
  };
}

let seq = 0;
function event<Name extends SessionEvent["name"]>(name: Name, data: Extract<SessionEvent, { name: Name }>["data"]) {
  seq += 1;
  return { session_id: "ses_app", seq, name, data, created_at: "2026-01-01T00:00:00Z" } as SessionEvent;
}

/** Lets Ink handle the keys written and render. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function renderApp(size: { columns: number; rows: number }) {
  const store = new ViewStore();
  const controller = fakeController();
  let quits = 0;
  const app = render(<TuiApp store={store} controller={controller} onQuit={() => (quits += 1)} size={size} />);
  unmount = app.unmount;
  return { app, store, controller, quits: () => quits };
}

describe("TuiApp", () => {
  it("fills 80×24 less one line, with the files pane beside the chat", async () => {
    const { app, store } = renderApp({ columns: 80, rows: 24 });
    store.dispatch({ type: "event", event: event("turn.start", { turn_id: "t1", prompt: "hi", model: "m" }) });
    store.dispatch({
      type: "event",
      event: event("tool.start", { tool_call_id: "c1", tool: "write_file", input: { path: "a.txt", content: "x" } }),
    });
    await settle();
    const frame = app.lastFrame()!;
    expect(frame.split("\n")).toHaveLength(23);
    expect(frame).toContain("Files touched");
    expect(frame).toMatch(/a\.txt/);
    for (const line of frame.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });
});
