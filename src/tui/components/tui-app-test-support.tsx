import { render } from "ink-testing-library";
import type { InteractionRequestEvent, SessionEvent, SessionView } from "../../protocol/index.js";
import type { PermissionAnswer } from "../session-controller.js";
import { ViewStore } from "../view-store.js";
import type { KeyBindings } from "../key-bindings.js";
import { TuiApp } from "./tui-app.js";

/** What the TuiApp component tests share: a recording controller, events, rendering and typing. */

/** A controller that records what the app asked of it. */
export function fakeController() {
  const calls: string[] = [];
  return {
    calls,
    isBusy: false,
    submit: (text: string) => void calls.push(`submit ${text}`),
    cancel: async () => void calls.push("cancel"),
    startNew: () => void calls.push("new"),
    answerPermission: async (_request: InteractionRequestEvent, answer: PermissionAnswer) =>
      void calls.push(`permission ${answer}`),
    answerQuestion: async (_request: InteractionRequestEvent, text: string) =>
      void calls.push(`answer ${text}`),
    sessions: [] as SessionView[],
    async listSessions() {
      calls.push("list");
      return this.sessions;
    },
    switchTo: async (sessionId: string) => void calls.push(`switch ${sessionId}`),
    setNext: (settings: object) => void calls.push(`next ${JSON.stringify(settings)}`),
    files: {} as Record<string, string>,
    async readFile(path: string) {
      calls.push(`read ${path}`);
      const content = this.files[path];
      if (content === undefined) throw new Error("404 no such file");
      return content;
    },
  };
}

export function sessionView(id: string, status: SessionView["status"]): SessionView {
  return {
    session_id: id,
    project_id: "p",
    user_id: null,
    model: "openai:gpt",
    agent: "builtin",
    approval: "auto",
    status,
    status_reason: null,
    sandbox_id: null,
    queued_turns: 0,
    last_seq: 3,
    usage: { input_tokens: 0, output_tokens: 0 },
    pending_interactions: [],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:05:00Z",
  };
}

let seq = 0;
export function event<Name extends SessionEvent["name"]>(
  name: Name,
  data: Extract<SessionEvent, { name: Name }>["data"],
) {
  seq += 1;
  return { session_id: "ses_app", seq, name, data, created_at: "2026-01-01T00:00:00Z" } as SessionEvent;
}

/** Lets Ink handle the keys written and render. */
/** Slow machines render late; a wait that finds the frame at once costs nothing. */
// Generous: a loaded CI machine can take seconds to render; only a failing test waits this long.
export const eventually = { timeout: 20_000, interval: 10 };
export const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

let unmount: (() => void) | undefined;
/** Unmounts the app rendered last (each test file calls it in afterEach). */
export function unmountApp(): void {
  unmount?.();
  unmount = undefined;
}

export interface RenderedApp {
  app: ReturnType<typeof render>;
  store: ViewStore;
  controller: ReturnType<typeof fakeController>;
  quits: () => number;
}

export function renderApp(size: { columns: number; rows: number }, bindings?: KeyBindings): RenderedApp {
  const store = new ViewStore();
  const controller = fakeController();
  let quits = 0;
  const app = render(
    <TuiApp
      store={store}
      controller={controller}
      onQuit={() => (quits += 1)}
      size={size}
      {...(bindings === undefined ? {} : { bindings })}
    />,
  );
  unmount = app.unmount;
  return { app, store, controller, quits: () => quits };
}

export async function type(app: ReturnType<typeof render>, ...keys: string[]) {
  for (const key of keys) {
    app.stdin.write(key);
    await settle();
  }
}
