import { modelPrices } from "../config/config-schema.js";
import { Command } from "commander";
import { connectionReportingFetch } from "../tui/connection-fetch.js";
import { runTui } from "../tui/run-tui.js";
import { keyBindings } from "../tui/key-bindings.js";
import { configFromFlags } from "./cli-config.js";
import { connectToServer, withSessionOptions, type SessionOptions } from "./server-target.js";

interface TuiOptions extends SessionOptions {
  session?: string;
}

/** `hangar tui`, and `hangar` alone at a terminal: the full-screen agent. */
export function tuiCommand(): Command {
  return withTuiOptions(new Command("tui"))
    .description("the terminal UI: chat with an agent, watch it work, approve what it does")
    .action((options: TuiOptions) => runTuiCommand(options));
}

/** The TUI's flags, also taken by the bare `hangar`. */
export function withTuiOptions(command: Command): Command {
  return withSessionOptions(command).option(
    "--session <session_id>",
    "attach to an existing session (replayed from its start)",
  );
}

export async function runTuiCommand(options: TuiOptions, prompt?: string): Promise<void> {
  if (process.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    process.stderr.write(
      'hangar: the terminal UI needs a terminal; use `hangar task "<prompt>"` in scripts and pipes\n',
    );
    process.exitCode = 2;
    return;
  }
  // `[tui.keys]` from hangar.toml (--config): a bad key stops here, naming tui.keys.<action>.
  const config = configFromFlags(options);
  const bindings = keyBindings(config.tui.keys);
  const connection = { report: (_isReachable: boolean): void => undefined };
  // Start-up probes the sandbox for a few seconds; say why the screen is still empty.
  if (options.server === undefined) process.stderr.write("hangar: starting the embedded server…\n");
  // In-process, the server's log would write over the screen: it stays quiet unless asked.
  const target = await connectToServer(options, {
    fetch: connectionReportingFetch((isReachable) => connection.report(isReachable)),
    // A person watches: the stream is retried every 2 s at most for as long as the TUI is open
    // (a server restart takes longer than the client's default few seconds); the status bar says so.
    reconnect: { retries: 100_000, maxDelayMs: 2_000 },
    logLevel: "silent",
  });
  let sessionId: string | undefined;
  try {
    ({ sessionId } = await runTui({
      client: target.client,
      settings: {
        project: options.project,
        model: options.model,
        agent: options.agent,
        approval: options.approval,
      },
      sessionId: options.session,
      connection,
      bindings,
      prices: modelPrices(config),
      prompt,
    }));
  } finally {
    await target.stop();
  }
  if (sessionId !== undefined) {
    // A remote session runs on; an in-process one waits in the data directory and resumes when Hangar next starts.
    const kept =
      options.server === undefined
        ? `session ${sessionId} is kept in the data directory; continue it: hangar tui --session ${sessionId}`
        : `session ${sessionId} stays on the server; attach again: hangar tui --server ${options.server} --session ${sessionId}`;
    process.stdout.write(`${kept}\n`);
  }
  // Open handles (keep-alive sockets, stdin) must not keep a finished TUI alive.
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  process.exit(0);
}
