import type { ModelPrices } from "../core/model-price.js";
import { render } from "ink";
import type { HangarClient } from "../client/hangar-client.js";
import { TuiApp } from "./components/tui-app.js";
import { SessionController, type SessionSettings } from "./session-controller.js";
import { initialViewState } from "./view-state.js";
import type { KeyBindings } from "./key-bindings.js";
import { colourLevelOf } from "./code-viewer/colour-theme.js";
import { ViewStore } from "./view-store.js";

/**
 * Runs the terminal UI until the user quits, then answers the session it was
 * on (which goes on on the server). The caller builds the client (with the
 * fetch from `connectionReportingFetch`, whose reports go to `onConnection`)
 * and stops the server afterwards.
 */
export interface RunTuiOptions {
  client: HangarClient;
  settings: SessionSettings;
  /** Attach to this session (replayed from its start) instead of starting one with the first prompt. */
  sessionId?: string | undefined;
  /** Set by this function: where the client's fetch reports whether the server answered. */
  connection: { report: (isReachable: boolean) => void };
  /** The keys in force (`[tui.keys]` over the defaults); the defaults when absent. */
  bindings?: KeyBindings;
  /** `[llm.prices]`: what the session costs, shown beside its tokens. */
  prices?: ModelPrices;
  /** `hangar "fix the test"` at a terminal: the first prompt, sent as the TUI opens. */
  prompt?: string | undefined;
}

export async function runTui(options: RunTuiOptions): Promise<{ sessionId: string | undefined }> {
  const store = new ViewStore(
    initialViewState({
      approval: options.settings.approval,
      model: options.settings.model,
      agent: options.settings.agent,
    }),
  );
  const controller = new SessionController(options.client, options.settings, store.dispatch);
  options.connection.report = (isReachable) => controller.reportConnection(isReachable);
  void controller.describeServer();
  if (options.sessionId !== undefined) await controller.attach(options.sessionId);
  else store.dispatch({ type: "connection", state: "live" });
  // Sent after attaching: on a session it is queued behind what runs, as a typed prompt would be.
  if (options.prompt !== undefined) controller.submit(options.prompt);
  const useAlternateScreen = process.stdout.isTTY === true;
  // The alternate screen keeps the user's scrollback as it was; leaving it restores it.
  if (useAlternateScreen) process.stdout.write("\x1b[?1049h\x1b[H");
  const instance = render(
    <TuiApp
      store={store}
      controller={controller}
      onQuit={() => undefined}
      {...(options.bindings === undefined ? {} : { bindings: options.bindings })}
      {...(options.prices === undefined ? {} : { prices: options.prices })}
      colourLevel={colourLevelOf(process.env, process.stdout.isTTY === true)}
    />,
    {
      exitOnCtrlC: false,
      patchConsole: true,
    },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    if (useAlternateScreen) process.stdout.write("\x1b[?1049l");
    await controller.close();
  }
  return { sessionId: controller.sessionId };
}
