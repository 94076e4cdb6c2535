import { Command, Option } from "commander";
import { createApp } from "../app/create-app.js";
import { acquireServerLock } from "../app/server-lock.js";
import { HangarError } from "../core/errors.js";
import { assertSafeBinding } from "../server/auth.js";
import { withCommonOptions, type CommonOptions } from "./build-cli.js";
import { configFromFlags } from "./cli-config.js";

interface ServeOptions extends CommonOptions {
  port?: string;
  host?: string;
  projectsDir?: string;
  provider?: string;
  unsafeNoIsolation?: boolean;
}

export function serveCommand(): Command {
  return withCommonOptions(new Command("serve"))
    .description("serve the Hangar HTTP API")
    .option("-p, --port <port>", "port to listen on (default: $PORT, else 8087)")
    .option("--host <host>", "address to bind (default: 127.0.0.1; anything else needs API keys)")
    .option("-d, --projects-dir <directory>", "where project workspaces live")
    .addOption(new Option("--provider <name>", "sandbox provider (sandbox.provider; default bwrap)"))
    .option("--unsafe-no-isolation", "run code even when the isolation probes fail (never in production)")
    .action(async (options: ServeOptions) => {
      const config = configFromFlags(options, [
        [["server", "port"], options.port === undefined ? undefined : parsePort(options.port)],
        [["server", "host"], options.host],
        [["projects_dir"], options.projectsDir],
        [["sandbox", "provider"], options.provider],
        [["server", "unsafe_no_isolation"], options.unsafeNoIsolation],
      ]);
      // Refuse an unsafe binding before spending seconds on sandbox probes.
      assertSafeBinding(config.server.host, config.server.api_keys);
      const releaseLock = acquireServerLock(config.data_dir);
      let app;
      try {
        app = await createApp(config);
      } catch (error) {
        releaseLock();
        throw error;
      }
      let server;
      try {
        server = await app.createHttpServer();
        await server.listen({ port: config.server.port, host: config.server.host });
      } catch (error) {
        await app.stop();
        releaseLock();
        throw error;
      }
      // Sessions left running by the last stop or crash resume once watchers can connect.
      app.startAgents();
      const address = server.server.address();
      const port = typeof address === "object" && address ? address.port : config.server.port;
      app.logger.info(
        { provider: app.provider.name, isolation: app.isolation.ok },
        `Hangar ${app.version} listening on http://${config.server.host}:${port} (docs: /api/docs)`,
      );
      const shutdown = async (signal: string): Promise<void> => {
        app.logger.info(`${signal}: shutting down`);
        // Idle keep-alive connections would hold close() open; give requests a moment, then cut them.
        const cut = setTimeout(() => server.server.closeAllConnections(), 5000);
        cut.unref();
        await server.close();
        await app.stop();
        releaseLock();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown("SIGINT"));
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port)) {
    throw new HangarError("CONFIG_INVALID", `--port must be a whole number, got "${value}"`, {
      field: "server.port",
    });
  }
  return port;
}
