import { AgentMetrics } from "../server/agent-metrics.js";
import type { Logger } from "pino";
import { builtinAgentDriver } from "../agents/builtin/builtin-driver.js";
import { createRunCode } from "../agents/builtin/run-code.js";
import { builtinTools } from "../agents/builtin/tools/builtin-tools.js";
import type { Config } from "../config/config-schema.js";
import { errorMessage } from "../core/errors.js";
import { environmentVariable } from "../config/load-config.js";
import { EventLog } from "../events/event-log.js";
import { ModelRegistry } from "../llm/model-registry.js";
import { redactText } from "../llm/redact-secrets.js";
import type { LanguageRegistry } from "../runs/languages.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import { InteractionBroker } from "../sessions/interaction-broker.js";
import { SessionScheduler } from "../sessions/session-scheduler.js";
import { SessionService } from "../sessions/session-service.js";
import { createExternalAgents } from "./create-external-agents.js";
import { builtinSessionTools } from "./builtin-session-tools.js";
import { HangarError } from "../core/errors.js";
import type { Credentials } from "../credentials/credentials.js";
import type { CredentialProxy } from "../proxy/credential-proxy.js";
import type { Store } from "../store/create-store.js";

/**
 * The agent-session half of the composition root: models, the event log,
 * interactions, the agent drivers, the scheduler that runs turns, and the
 * service the front ends call. `start()` resumes what a previous run of Hangar
 * left active.
 */
export interface AgentServices {
  models: ModelRegistry;
  events: EventLog;
  /** Sessions, turns, tool calls, tokens, model latency and interaction waits, for `/metrics`. */
  metrics: AgentMetrics;
  sessionService: SessionService;
  scheduler: SessionScheduler;
  /** Resumes sessions that were active when Hangar last stopped; resolves with how many. */
  start(): Promise<number>;
  /** Interrupts running turns (they resume on the next start). */
  stop(): Promise<void>;
}

export interface AgentServicesOptions {
  config: Config;
  store: Store;
  sandboxService: SandboxService;
  languages: LanguageRegistry;
  logger: Logger;
  /** Where provider keys and addresses are read; the process environment by default. */
  readVariable?: (name: string) => string | undefined;
  /** The credential store and proxy (issue 15): with both, sessions may name `credentials` for `http_request`. */
  credentials?: Credentials;
  credentialProxy?: CredentialProxy;
}

export function createAgentServices(options: AgentServicesOptions): AgentServices {
  const { config, store, logger } = options;
  const agents = config.agents;
  const metrics = new AgentMetrics({ countSessions: () => store.agentSessions.countByStatus() });
  const readVariable = options.readVariable ?? ((name: string) => environmentVariable(name));
  const models = new ModelRegistry({
    onModelRequest: metrics.observeModelRequest,
    defaultModel: config.llm.default_model,
    providers: config.llm.providers,
    readVariable,
  });
  const secrets = models.secrets();
  const redact = (text: string) => redactText(text, secrets);
  const events = new EventLog(store.events);
  events.watch(metrics.observeEvent);
  const credentialGrants = {
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.credentialProxy ? { credentialProxy: options.credentialProxy } : {}),
    grantLifetimeMs: agents.session_timeout_seconds * 1000,
    logger,
  };
  const external = createExternalAgents({
    config,
    models,
    logger,
    onModelRequest: metrics.observeModelRequest,
    readVariable,
    sessions: store.agentSessions,
    credentialGrants,
  });
  const runCode = createRunCode({
    languages: options.languages,
    maxOutputBytes: config.runs.max_output_bytes,
    compileTimeoutMs: Math.max(30_000, config.runs.default_timeout_ms),
  });
  const builtin = builtinAgentDriver({
    messages: store.messages,
    resolveModel: (name) => models.resolve(name).model,
    tools: builtinTools(),
    runCode,
    sessionTools: builtinSessionTools({
      servers: config.mcp.servers,
      sessions: store.agentSessions,
      readVariable,
      ...credentialGrants,
    }),
    limits: {
      maxSteps: agents.max_steps,
      contextBudgetTokens: agents.context_budget_tokens,
      maxRetries: config.llm.max_retries,
      requestTimeoutMs: config.llm.request_timeout_ms,
      commandTimeoutMs: agents.tool_timeout_seconds * 1000,
      maxToolOutputChars: 30_000,
    },
  });
  // The broker and the scheduler call each other (waiting ⇄ running, cancel on timeout);
  // the broker only calls back once sessions run, after both exist.
  const interactions: InteractionBroker = new InteractionBroker({
    interactions: store.interactions,
    emit: (sessionId, name, data) => scheduler.emit(sessionId, name, data),
    timeoutMs: agents.interaction_timeout_seconds * 1000,
    timeoutAction: agents.interaction_timeout_action,
    onWaiting: (sessionId, isWaiting) => scheduler.setWaiting(sessionId, isWaiting),
    cancelTurn: (sessionId, reason) => scheduler.cancelTurn(sessionId, reason),
    onTimeoutError: (record, error) =>
      logger.error(
        { sessionId: record.sessionId, interactionId: record.id },
        `an interaction's timeout could not be stored: ${redact(errorMessage(error))}`,
      ),
  });
  const scheduler: SessionScheduler = new SessionScheduler({
    sessions: store.agentSessions,
    turns: store.turns,
    emit: (sessionId, name, data, origin) => events.append(sessionId, name, data, origin),
    maxConcurrent: agents.max_concurrent_sessions,
    maxConcurrentPerOwner: agents.max_concurrent_sessions_per_owner,
    logger,
    turnRunner: {
      sessions: store.agentSessions,
      sandboxes: options.sandboxService,
      agents: { builtin, ...external.drivers },
      interactions,
      lastOrigin: (sessionId) => events.lastOrigin(sessionId),
      limits: {
        turnTimeoutMs: agents.session_timeout_seconds * 1000,
        stuckTurnMs: agents.stuck_turn_seconds * 1000,
        tokenBudget: agents.token_budget,
      },
      redact,
    },
  });
  const sessionService = new SessionService({
    sessions: store.agentSessions,
    turns: store.turns,
    events,
    interactions,
    scheduler,
    // Checked without building a client: external agents reach their model through the relay.
    resolveModel: (name) => models.identify(name),
    resolveAgent: (name) => external.resolveAgent(name),
    defaultApproval: agents.default_approval,
    ...(options.credentials && options.credentialProxy
      ? { checkCredentials: checkCredentialsOf(options.credentials) }
      : {}),
  });
  return {
    models,
    metrics,
    events,
    sessionService,
    scheduler,
    start: async () => {
      await interactions.rearm();
      const resumed = await scheduler.recover();
      if (resumed > 0) logger.info(`resuming ${resumed} agent session(s) left active by the last run`);
      return resumed;
    },
    stop: async () => {
      await scheduler.stop();
      interactions.stop();
      await external.stop();
    },
  };
}

/** A session may only name credentials its owner has (checked when it starts, again each turn). */
function checkCredentialsOf(credentials: Credentials) {
  return async (owner: string, names: string[]): Promise<void> => {
    for (const name of names) {
      if ((await credentials.get(owner, name)) === undefined) {
        throw new HangarError(
          "VALIDATION_FAILED",
          `there is no credential named ${name} (hangar credentials ls)`,
          {
            field: "credentials",
          },
        );
      }
    }
  };
}
