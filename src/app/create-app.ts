import { BridgeHost } from "./bridge-host.js";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import { HangarError, errorMessage } from "../core/errors.js";
import { CodeRunService } from "../runs/code-run-service.js";
import { LanguageRegistry } from "../runs/languages.js";
import { RunQueue } from "../runs/run-queue.js";
import { Notebooks } from "../runs/notebooks.js";
import { probeIsolation, type IsolationReport } from "../sandbox/isolation-probes.js";
import type { SandboxLimits } from "../sandbox/sandbox-port.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import { startSandboxService } from "../managed-sandboxes/start-sandbox-service.js";
import { assertSafeBinding } from "../server/auth.js";
import { createServer } from "../server/create-server.js";
import { createStore, type Store } from "../store/create-store.js";
import { createAgentServices, type AgentServices } from "./create-agent-services.js";
import { createCredentials } from "./create-credentials.js";
import type { Credentials } from "../credentials/credentials.js";
import type { CredentialProxy } from "../proxy/credential-proxy.js";
import { createCredentialProxy } from "../proxy/http-credential-proxy.js";
import type { GitHubOperations } from "../github/github-operations.js";
import { OctokitGitHub } from "../github/octokit-github.js";
import { createProvider, type ServerProvider } from "./create-provider.js";
import { createLogger } from "./create-logger.js";
import { hangarVersion } from "./hangar-package.js";
import { McpSessions } from "../mcp/mcp-sessions.js";
import { createMcpListener } from "../server/create-mcp-listener.js";

/**
 * The composition root: the only place that knows every adapter. It turns
 * the parsed config into services, and owns their start and stop.
 */
export interface App {
  config: Config;
  logger: Logger;
  provider: ServerProvider;
  runService: CodeRunService;
  /** Managed, long-lived sandboxes (`/sandboxes`, `hangar sandbox`). */
  sandboxService: SandboxService;
  store: Store;
  /** Agent sessions (`POST /chat`, `hangar task`); resumed by `startAgents()`. */
  agents: AgentServices;
  isolation: IsolationReport;
  version: string;
  /** The chat bridges `[bridges.*]` configures; `startServer` starts them once the server listens. */
  bridges: BridgeHost;
  /** The credential store (`/credentials`, `hangar credentials`, the proxy); tokens encrypted at rest. */
  credentials: Credentials;
  /** The credential-injecting proxy (`/proxy/*`, the built-in agent's `http_request`). */
  credentialProxy: CredentialProxy;
  /** GitHub through a stored credential (the MCP server's `github_*` tools). */
  github: GitHubOperations;
  /** Resumes the agent sessions a previous run left active; call once the server can be reached. */
  startAgents(): Promise<number>;
  /** Builds the HTTP server (not listening). */
  createHttpServer(): Promise<FastifyInstance>;
  /** Hangar's MCP sessions, shared by `/mcp` on every listener. */
  mcpSessions: McpSessions;
  /** Builds the `[mcp] port` listener (not listening): only `/mcp`, same keys and sessions. */
  createMcpListener(): Promise<FastifyInstance>;
  stop(): Promise<void>;
}

export interface CreateAppOptions {
  logger?: Logger;
  /** Skip the isolation probes (tests that probe separately); the server still refuses without them. */
  skipProbes?: boolean;
  /**
   * A one-off command (`hangar run`) beside whatever server may own the data
   * directory: it gets its own provider instance, and never reconciles, reaps or
   * recovers what the data directory's owner holds (managed sandboxes, agent sessions).
   */
  oneOff?: { instance: string };
}

export function sandboxLimits(config: Config): SandboxLimits {
  const mebibyte = 1024 * 1024;
  return {
    memoryBytes: config.sandbox.limits.memory_mb * mebibyte,
    pids: config.sandbox.limits.pids,
    cpuCores: config.sandbox.limits.cpu_cores,
    workspaceBytes: config.sandbox.limits.workspace_mb * mebibyte,
    tmpBytes: config.sandbox.limits.tmp_mb * mebibyte,
  };
}

export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const version = hangarVersion();
  const dataDirectory = resolve(config.data_dir);
  await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
  const store = createStore(dataDirectory);
  let credentials: Awaited<ReturnType<typeof createCredentials>>;
  try {
    credentials = await createCredentials({ config, store, logger });
  } catch (error) {
    store.close();
    throw error;
  }
  const credentialProxy = createCredentialProxy(config.proxy, credentials.service);
  const github = new OctokitGitHub({
    credentials: credentials.service,
    baseUrl: config.proxy.github_api_url,
    timeoutMs: config.proxy.timeout_seconds * 1000,
  });
  const limits = sandboxLimits(config);
  const { provider, detectLanguages } = createProvider(config, {
    dataDirectory,
    limits,
    ...(options.oneOff === undefined ? {} : { instance: options.oneOff.instance }),
    onError: (message) => logger.warn(message),
  });
  try {
    await provider.start();
  } catch (error) {
    await credentials.close();
    store.close();
    throw error;
  }
  // Managed sandboxes: reconciled with the provider before anything else can use it.
  const { service: sandboxService } = await startSandboxService({
    config,
    provider,
    records: store.sandboxes,
    limits,
    logger,
    ownsDataDirectory: options.oneOff === undefined,
  });
  const [languages, isolation] = await Promise.all([
    detectLanguages(),
    options.skipProbes
      ? Promise.resolve<IsolationReport>({ ok: true, probes: [], enforced: {} })
      : probeIsolation(provider, { dataDirectory }),
  ]);
  for (const probe of isolation.probes) {
    if (probe.ok) logger.debug({ probe: probe.name }, probe.detail);
    else logger.error({ probe: probe.name }, `isolation probe failed: ${probe.detail}`);
  }
  const unsafe = config.server.unsafe_no_isolation;
  if (!isolation.ok && unsafe)
    logger.warn("isolation probes failed, running code anyway (--unsafe-no-isolation)");
  const languageRegistry = new LanguageRegistry(languages);
  const notebooks = new Notebooks({
    createSandbox: (owner, sessionId) =>
      provider.create({ owner, limits, labels: { "hangar.run-session": sessionId } }),
    idleTtlMs: config.runs.session_idle_ttl_seconds * 1000,
    maxPerOwner: config.runs.max_sessions_per_owner,
    cpuBudgetSeconds: config.runs.session_cpu_seconds,
    onError: (message) => logger.warn(message),
  });
  const runService = new CodeRunService({
    provider,
    providerStats: () => ({ active: provider.activeCount, poolReady: provider.poolReady }),
    languages: languageRegistry,
    notebooks,
    queue: new RunQueue({
      maxConcurrent: config.runs.max_concurrent,
      maxQueue: config.runs.max_queue,
      maxRunningPerOwner: config.runs.max_running_per_owner,
      maxQueuedPerOwner: config.runs.max_queued_per_owner,
    }),
    runs: store.runs,
    resultRetentionMs: config.runs.result_retention_seconds * 1000,
    limits,
    requestLimits: {
      maxCodeBytes: config.runs.max_code_bytes,
      maxTimeoutMs: config.runs.max_timeout_ms,
      maxStdinBytes: config.runs.max_code_bytes,
      maxFiles: 64,
      maxFileBytes: limits.workspaceBytes,
    },
    defaultTimeoutMs: config.runs.default_timeout_ms,
    maxOutputBytes: config.runs.max_output_bytes,
    compileTimeoutMs: Math.max(30_000, config.runs.default_timeout_ms),
    assertIsolation: () => {
      if (isolation.ok || unsafe) return;
      const failed = isolation.probes.filter((probe) => !probe.ok);
      throw new HangarError(
        "ISOLATION_UNAVAILABLE",
        `sandbox isolation does not hold on this host (${failed.map((probe) => `${probe.name}: ${probe.detail}`).join("; ")}); ` +
          "fix it (see `hangar doctor`) or start with --unsafe-no-isolation",
      );
    },
    onError: (message) => logger.warn(message),
  });
  // The data directory's owner ends what a crash left accepted, and purges old runs now and then.
  const stopPurging =
    options.oneOff === undefined ? await startRunHousekeeping(runService, config, logger) : () => {};
  const agents = createAgentServices({
    config,
    store,
    sandboxService,
    languages: languageRegistry,
    logger,
    credentials: credentials.service,
    credentialProxy,
  });
  const bridges = new BridgeHost({ config, state: store.bridges, logger });
  // Hangar's MCP server: tools over the same services, scoped per owner like the HTTP API.
  const mcpSessions = new McpSessions({
    services: {
      runService,
      sandboxService,
      sessionService: agents.sessionService,
      events: agents.events,
      github,
      runLimits: { maxTimeoutMs: config.runs.max_timeout_ms, maxCodeBytes: config.runs.max_code_bytes },
      version,
      onInternalError: (error) => logger.error({ err: error }, "MCP tool failed"),
    },
    maxPerOwner: config.mcp.max_sessions_per_owner,
    idleMs: config.mcp.session_idle_seconds * 1000,
  });
  let stopped: Promise<void> | undefined;
  return {
    config,
    logger,
    provider,
    runService,
    sandboxService,
    store,
    agents,
    isolation,
    version,
    bridges,
    credentials: credentials.service,
    credentialProxy,
    github,
    startAgents: () => {
      if (options.oneOff !== undefined)
        throw new Error("a one-off command never resumes the server's agent sessions");
      return agents.start();
    },
    createHttpServer: () => {
      assertSafeBinding(config.server.host, config.server.api_keys);
      return createServer({
        runService,
        config,
        logger,
        version,
        health: () => ({ provider: provider.name, isolation }),
        sandboxService,
        sessionService: agents.sessionService,
        agentMetrics: agents.metrics,
        bridges: () => bridges.statuses(),
        credentials: credentials.service,
        credentialProxy,
        mcpSessions,
      });
    },
    mcpSessions,
    createMcpListener: () => createMcpListener({ config, logger, sessions: mcpSessions }),
    stop: () => {
      stopped ??= (async () => {
        stopPurging();
        await mcpSessions.closeAll();
        await bridges.stop();
        await runService.stop();
        await agents.stop();
        await sandboxService.stop();
        await notebooks.closeAll();
        await provider.stop();
        await credentials.close();
        store.close();
      })();
      return stopped;
    },
  };
}

/**
 * Marks the runs a previous process accepted and never ended as interrupted, purges runs past
 * their retention, and purges again periodically (at most hourly, more often for a short
 * retention). Returns what stops the timer.
 */
async function startRunHousekeeping(
  runService: CodeRunService,
  config: Config,
  logger: Logger,
): Promise<() => void> {
  const recovered = await runService.recover();
  if (recovered.interrupted > 0) {
    logger.warn(
      `${recovered.interrupted} accepted run(s) never ended before the last stop; marked interrupted`,
    );
  }
  const intervalMs = Math.min(3_600_000, Math.max(1000, (config.runs.result_retention_seconds * 1000) / 4));
  const timer = setInterval(() => {
    runService
      .purgeExpired()
      .catch((error: unknown) => logger.warn(`cannot purge old runs: ${errorMessage(error)}`));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
