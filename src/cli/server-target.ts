import { Option, type Command } from "commander";
import { startServer } from "../app/start-server.js";
import { HangarClient } from "../client/hangar-client.js";
import type { ReconnectOptions } from "../client/watch-session.js";
import { environmentVariable } from "../config/load-config.js";
import type { ApprovalPolicy } from "../protocol/index.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";

/**
 * The Hangar a front-end command talks to: a running server (`--server`), or
 * one started in this process on a loopback port. Either way the command gets
 * the same HTTP client, so there is one code path.
 */
export interface ServerTarget {
  client: HangarClient;
  stop(): Promise<void>;
}

export interface TargetOptions extends CommonOptions {
  server?: string;
  apiKey?: string;
}

/** The flags of a command that works an agent session (`task`, `tui`): where, for which project, by whom. */
export interface SessionOptions extends TargetOptions {
  project: string;
  model?: string;
  agent?: string;
  approval?: ApprovalPolicy;
}

export function withSessionOptions(command: Command): Command {
  return withCommonOptions(command)
    .option("--project <id>", "the project (its sandbox and workspace)", "default")
    .option("--model <provider:model>", "the model (default: the server's llm.default_model)")
    .option(
      "--agent <name>",
      "the agent: builtin or an installed external agent (default: agents.default_agent)",
    )
    .addOption(
      new Option(
        "--approval <policy>",
        "auto: run everything; ask: approve shell, writes and commits",
      ).choices(["auto", "ask", "read-only"]),
    )
    .option(
      "--server <url>",
      "a running Hangar server, e.g. http://127.0.0.1:8087 (default: start one in-process)",
    )
    .option("--api-key <key>", "the server's API key (default: $HANGAR_API_KEY)");
}

/** How the client is made: `fetch` (the TUI watches it for its connection state), `reconnect` (how long a stream is retried). */
interface ClientSettings {
  fetch?: typeof fetch;
  reconnect?: ReconnectOptions;
}

/** `fetch`: the client's (the TUI watches it for its connection state). */
export async function connectToServer(
  options: TargetOptions,
  settings: ClientSettings & { logLevel?: string } = {},
): Promise<ServerTarget> {
  return options.server === undefined ? startLocalServer(options, settings) : remoteServer(options, settings);
}

function remoteServer(options: TargetOptions, settings: ClientSettings): ServerTarget {
  const apiKey = options.apiKey ?? environmentVariable("HANGAR_API_KEY");
  return {
    client: new HangarClient({
      baseUrl: options.server!,
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
      ...(settings.reconnect === undefined ? {} : { reconnect: settings.reconnect }),
    }),
    stop: async () => undefined,
  };
}

/** Hangar in this process on a loopback port, driven through the same client as a remote server. */
async function startLocalServer(
  options: TargetOptions,
  settings: ClientSettings & { logLevel?: string },
): Promise<ServerTarget> {
  const config = configFromFlags({ logLevel: settings.logLevel ?? "warn", ...options }, [
    [["server", "host"], "127.0.0.1"],
    [["server", "port"], 0],
  ]);
  const running = await startServer(config, {
    whenTaken: { alternative: "talk to it with --server <url>", field: "server" },
  });
  const apiKey = options.apiKey ?? config.server.api_keys[0]?.key;
  return {
    client: new HangarClient({
      baseUrl: running.url,
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
      ...(settings.reconnect === undefined ? {} : { reconnect: settings.reconnect }),
    }),
    stop: () => running.stop(),
  };
}
