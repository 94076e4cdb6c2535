import { Command, Option } from "commander";
import { startServer } from "../app/start-server.js";
import { HangarError } from "../core/errors.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";

interface ServeOptions extends CommonOptions {
  port?: string;
  host?: string;
  projectsDir?: string;
  provider?: string;
  unsafeNoIsolation?: boolean;
  mcpPort?: string;
}

export function serveCommand(): Command {
  return withCommonOptions(new Command("serve"))
    .description("serve the Hangar HTTP API")
    .option("-p, --port <port>", "port to listen on (default: $PORT, else 8087)")
    .option("--host <host>", "address to bind (default: 127.0.0.1; anything else needs API keys)")
    .option(
      "-d, --projects-dir <directory>",
      "where sandbox workspaces live (default: <data-dir>/workspaces)",
    )
    .addOption(new Option("--provider <name>", "sandbox provider (sandbox.provider; default bwrap)"))
    .option("--unsafe-no-isolation", "run code even when the isolation probes fail (never in production)")
    .option("--mcp-port <port>", "also serve MCP (/mcp) on this port of the same host (mcp.port)")
    .action(async (options: ServeOptions) => {
      const config = configFromFlags(options, [
        [["server", "port"], options.port === undefined ? undefined : parsePort(options.port), "--port"],
        [["server", "host"], options.host, "--host"],
        [["projects_dir"], options.projectsDir, "--projects-dir"],
        [["sandbox", "provider"], options.provider, "--provider"],
        [["server", "unsafe_no_isolation"], options.unsafeNoIsolation, "--unsafe-no-isolation"],
        [
          ["mcp", "port"],
          options.mcpPort === undefined ? undefined : parsePort(options.mcpPort, "--mcp-port"),
          "--mcp-port",
        ],
      ]);
      const running = await startServer(config);
      running.app.logger.info(
        { provider: running.app.provider.name, isolation: running.app.isolation.ok },
        `Hangar ${running.app.version} listening on ${running.url} (docs: /api/docs, MCP: ${running.mcpUrl ?? `${running.url}/mcp`})`,
      );
      const shutdown = async (signal: string): Promise<void> => {
        running.app.logger.info(`${signal}: shutting down`);
        await running.stop(5000);
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown("SIGINT"));
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
    });
}

function parsePort(value: string, flag = "--port"): number {
  const port = Number(value);
  if (!Number.isInteger(port)) {
    throw new HangarError("CONFIG_INVALID", `${flag} must be a whole number, got "${value}"`, {
      field: flag,
    });
  }
  return port;
}
