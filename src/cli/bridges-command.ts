import { Command } from "commander";
import { HangarClient, HangarClientError } from "../client/hangar-client.js";
import type { Config } from "../config/config-schema.js";
import { environmentVariable } from "../config/load-config.js";
import type { BridgeStatus } from "../protocol/index.js";
import { configFromFlags } from "./cli-config.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";

interface StatusOptions extends CommonOptions {
  server?: string;
  apiKey?: string;
  json?: boolean;
}

export const noBridgesLine = "no chat bridges are configured; see [bridges.telegram] in hangar.toml";

/** `hangar bridges`: the chat bridges (Telegram, Slack) a running server runs. */
export function bridgesCommand(): Command {
  const command = new Command("bridges").description(
    "the chat bridges (Telegram, Slack) of a running server",
  );
  command.addCommand(
    withCommonOptions(new Command("status"))
      .description("each bridge the server runs: its state, since when, the last error, active sessions")
      .option(
        "--server <url>",
        "the running Hangar server (default: server.host and server.port of the config)",
      )
      .option("--api-key <key>", "the server's API key (default: $HANGAR_API_KEY, else the config's first)")
      .option("--json", "print the list as JSON")
      .action(async (options: StatusOptions) => {
        const bridges = await fetchBridges(options);
        process.stdout.write(
          options.json === true ? `${JSON.stringify(bridges, null, 2)}\n` : formatBridges(bridges),
        );
      }),
  );
  return command;
}

/**
 * The bridges come from the server that runs them: a bridge lives in `hangar serve`'s
 * process, so starting a server here (as `hangar task` does without --server) would
 * report a different one. Without --server the config says where its server listens.
 */
async function fetchBridges(options: StatusOptions): Promise<BridgeStatus[]> {
  const config = options.server === undefined ? configFromFlags(options) : undefined;
  const baseUrl = options.server ?? configuredServerUrl(config!);
  const apiKey = options.apiKey ?? environmentVariable("HANGAR_API_KEY") ?? config?.server.api_keys[0]?.key;
  const client = new HangarClient({ baseUrl, ...(apiKey === undefined ? {} : { apiKey }) });
  try {
    return (await client.getServerStatus()).bridges;
  } catch (error) {
    if (!(error instanceof HangarClientError) || error.code !== "UNREACHABLE") throw error;
    // fetch's "fetch failed" hides the reason (ECONNREFUSED …) in its cause.
    const cause = (error.cause as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    const reason = cause?.code ?? cause?.message ?? error.message;
    const where =
      options.server === undefined
        ? "server.host and server.port of the config; is hangar serve running? Name another server with --server <url>"
        : "--server";
    throw new HangarClientError("UNREACHABLE", `cannot reach ${baseUrl} (${where}): ${reason}`, {
      cause: error,
    });
  }
}

/** Where the config's server listens, as a client on this host reaches it (a wildcard address over loopback). */
export function configuredServerUrl(config: Config): string {
  const { host, port } = config.server;
  const reachable = ["0.0.0.0", "::", "[::]"].includes(host) ? "127.0.0.1" : host;
  const bracketed = reachable.includes(":") && !reachable.startsWith("[") ? `[${reachable}]` : reachable;
  return `http://${bracketed}:${port}`;
}

/** One aligned row per bridge under a header; the line pointing at the config when there are none. */
export function formatBridges(bridges: readonly BridgeStatus[]): string {
  if (bridges.length === 0) return `${noBridgesLine}\n`;
  const header = ["PLATFORM", "STATE", "SINCE", "SESSIONS", "LAST ERROR"];
  const rows = bridges.map((bridge) => [
    bridge.platform,
    bridge.state,
    bridge.since,
    String(bridge.active_sessions),
    bridge.last_error ?? "-",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  return [header, ...rows]
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}
