import type { Logger } from "pino";
import { createRunCode } from "../agents/builtin/run-code.js";
import { builtinTools } from "../agents/builtin/tools/builtin-tools.js";
import type { Config } from "../config/config-schema.js";
import { environmentVariable } from "../config/load-config.js";
import { EventLog } from "../events/event-log.js";
import { ModelRegistry } from "../llm/model-registry.js";
import { redactText } from "../llm/redact-secrets.js";
import type { LanguageRegistry } from "../runs/languages.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import { InteractionBroker } from "../sessions/interaction-broker.js";
import { SessionDrivers } from "../sessions/session-drivers.js";
import { SessionService } from "../sessions/session-service.js";
import type { Store } from "../store/create-store.js";

/**
 * The agent-session half of the composition root: models, the event log,
 * interactions, the drivers that run turns, and the service the front ends
 * call. `start()` resumes what a previous run of Hangar left active.
 */
export interface AgentServices {
  models: ModelRegistry;
  events: EventLog;
  sessionService: SessionService;
  drivers: SessionDrivers;
  /** Resumes sessions that were active when Hangar last stopped; returns how many. */
  start(): number;
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
}

export function createAgentServices(options: AgentServicesOptions): AgentServices {
  const { config, store, logger } = options;
  const agents = config.agents;
  const models = new ModelRegistry({
    defaultModel: config.llm.default_model,
    providers: config.llm.providers,
    readVariable: options.readVariable ?? ((name) => environmentVariable(name)),
  });
  const secrets = models.secrets();
  const redact = (text: string) => redactText(text, secrets);
  const events = new EventLog(store.events);
  const runCode = createRunCode({
    languages: options.languages,
    maxOutputBytes: config.runs.max_output_bytes,
    compileTimeoutMs: Math.max(30_000, config.runs.default_timeout_ms),
  });
  // The broker and the drivers call each other (waiting ⇄ running, cancel on timeout);
  // the broker only calls back once sessions run, after both exist.
  const interactions: InteractionBroker = new InteractionBroker({
    interactions: store.interactions,
    emit: (sessionId, name, data) => drivers.emit(sessionId, name, data),
    timeoutMs: agents.interaction_timeout_seconds * 1000,
    timeoutAction: agents.interaction_timeout_action,
    onWaiting: (sessionId, isWaiting) => drivers.setWaiting(sessionId, isWaiting),
    cancelTurn: (sessionId, reason) => drivers.cancelTurn(sessionId, reason),
  });
  const drivers: SessionDrivers = new SessionDrivers({
    sessions: store.agentSessions,
    turns: store.turns,
    emit: (sessionId, name, data) => events.append(sessionId, name, data),
    maxConcurrent: agents.max_concurrent_sessions,
    logger,
    turnRunner: {
      sessions: store.agentSessions,
      sandboxes: options.sandboxService,
      models,
      interactions,
      tools: builtinTools(),
      runCode,
      limits: {
        turnTimeoutMs: agents.session_timeout_seconds * 1000,
        stuckTurnMs: agents.stuck_turn_seconds * 1000,
        maxSteps: agents.max_steps,
        tokenBudget: agents.token_budget,
        contextBudgetTokens: agents.context_budget_tokens,
        maxRetries: config.llm.max_retries,
        requestTimeoutMs: config.llm.request_timeout_ms,
        commandTimeoutMs: agents.tool_timeout_seconds * 1000,
        maxToolOutputChars: 30_000,
      },
      redact,
    },
  });
  const sessionService = new SessionService({
    sessions: store.agentSessions,
    turns: store.turns,
    events,
    interactions,
    drivers,
    resolveModel: (name) => models.resolve(name),
    defaultApproval: agents.default_approval,
  });
  return {
    models,
    events,
    sessionService,
    drivers: drivers,
    start: () => {
      interactions.rearm();
      const resumed = drivers.recover();
      if (resumed > 0) logger.info(`resuming ${resumed} agent session(s) left active by the last run`);
      return resumed;
    },
    stop: async () => {
      await drivers.stop();
      interactions.stop();
    },
  };
}
