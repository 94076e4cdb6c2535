import { Command } from "commander";
import { environmentVariable } from "../config/load-config.js";
import { HangarError } from "../core/errors.js";
import { relayStdioToHttp } from "../mcp/stdio-relay.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";

interface McpOptions extends CommonOptions {
  server?: string;
  apiKey?: string;
}

/**
 * `hangar mcp`: Hangar's MCP server over stdio, for desktop clients (Claude
 * Desktop and the like start it as a command). It relays to a running
 * server's `/mcp`, so stdout carries JSON-RPC only; every message of ours goes
 * to stderr.
 */
export function mcpCommand(): Command {
  return withCommonOptions(new Command("mcp"))
    .description("serve MCP over stdio for desktop clients, relayed to a running Hangar server's /mcp")
    .option(
      "--server <url>",
      "the running Hangar server (default: $HANGAR_URL, else http://127.0.0.1:<server.port>)",
    )
    .option("--api-key <key>", "the server's API key (default: $HANGAR_API_KEY)")
    .action(async (options: McpOptions) => {
      const serverUrl = options.server ?? environmentVariable("HANGAR_URL") ?? localServerUrl(options);
      const apiKey = options.apiKey ?? environmentVariable("HANGAR_API_KEY");
      try {
        await relayStdioToHttp({
          serverUrl,
          ...(apiKey === undefined ? {} : { apiKey }),
          input: process.stdin,
          output: process.stdout,
          report: (message) => process.stderr.write(`${message}\n`),
        });
      } catch (error) {
        if (!(error instanceof HangarError)) throw error;
        process.stderr.write(`hangar mcp: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
}

function localServerUrl(options: McpOptions): string {
  const config = configFromFlags(options);
  const host =
    config.server.host === "0.0.0.0" || config.server.host === "::" ? "127.0.0.1" : config.server.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.server.port}`;
}
