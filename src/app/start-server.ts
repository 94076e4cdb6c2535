import type { FastifyInstance } from "fastify";
import type { Config } from "../config/config-schema.js";
import { HangarError } from "../core/errors.js";
import { assertSafeBinding } from "../server/auth.js";
import { createApp, type App, type CreateAppOptions } from "./create-app.js";
import { acquireServerLock } from "./server-lock.js";

/** A Hangar server that owns its data directory and listens; what `serve` and in-process `task` share. */
export interface RunningServer {
  app: App;
  http: FastifyInstance;
  /** `http://host:port`, with the port actually bound (config port 0 picks a free one). */
  url: string;
  /** The `[mcp] port` listener's `http://host:port/mcp`, when one is configured. */
  mcpUrl?: string;
  /** Stops listening (cutting idle keep-alive connections after `graceMs`), stops the app, releases the lock. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartServerOptions extends Pick<CreateAppOptions, "logger" | "skipProbes"> {
  /** When another server holds the data directory: what the user can do instead, and the flag to name. */
  whenTaken?: { alternative: string; field: string };
}

/**
 * The one start-up order of a server: refuse an unsafe binding before spending
 * seconds on probes; claim the data directory (start-up reconciles and reaps
 * what is there, so only its owner may); build the app; listen; and only then
 * resume the agent sessions a previous run left active, so watchers can connect.
 */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  assertSafeBinding(config.server.host, config.server.api_keys);
  const releaseLock = claimDataDirectory(config.data_dir, options.whenTaken);
  let app: App;
  try {
    app = await createApp(config, {
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.skipProbes === undefined ? {} : { skipProbes: options.skipProbes }),
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  let http: FastifyInstance;
  let mcpListener: FastifyInstance | undefined;
  try {
    http = await app.createHttpServer();
    await http.listen({ port: config.server.port, host: config.server.host });
    // `[mcp] port` / --mcp-port: only /mcp, on its own port of the same host (Coderunner's layout).
    if (config.mcp.port !== undefined) {
      mcpListener = await app.createMcpListener();
      await mcpListener
        .listen({ port: config.mcp.port, host: config.server.host })
        .catch(async (error: unknown) => {
          await http.close();
          throw error;
        });
    }
  } catch (error) {
    await app.stop();
    releaseLock();
    throw error;
  }
  await app.startAgents();
  const address = http.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.server.port;
  const host = config.server.host.includes(":") ? `[${config.server.host}]` : config.server.host;
  // The bridges are clients of this server: over loopback whatever address it binds.
  const loopback = isWildcard(config.server.host) ? "127.0.0.1" : host;
  await app.bridges.start(`http://${loopback}:${port}`);
  const mcpAddress = mcpListener?.server.address();
  const mcpUrl =
    typeof mcpAddress === "object" && mcpAddress !== null
      ? `http://${host}:${mcpAddress.port}/mcp`
      : undefined;
  let stopped: Promise<void> | undefined;
  return {
    app,
    http,
    url: `http://${host}:${port}`,
    ...(mcpUrl === undefined ? {} : { mcpUrl }),
    stop: (graceMs = 0) => {
      stopped ??= (async () => {
        // MCP sessions hold open event streams that close() would wait for: end them first.
        await app.mcpSessions.closeAll();
        // Idle keep-alive connections would hold close() open: give requests a moment, then cut them.
        const cut = setTimeout(() => {
          http.server.closeAllConnections();
          mcpListener?.server.closeAllConnections();
        }, graceMs);
        cut.unref();
        await Promise.all([http.close(), mcpListener?.close()]);
        clearTimeout(cut);
        await app.stop();
        releaseLock();
      })();
      return stopped;
    },
  };
}

function claimDataDirectory(dataDirectory: string, whenTaken: StartServerOptions["whenTaken"]): () => void {
  try {
    return acquireServerLock(dataDirectory);
  } catch (error) {
    if (whenTaken === undefined || !(error instanceof HangarError)) throw error;
    throw new HangarError(error.code, `${error.message}, or ${whenTaken.alternative}`, {
      field: whenTaken.field,
    });
  }
}

function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}
