import { AgentMetrics } from "../server/agent-metrics.js";
import { builtinAgentDriver } from "../agents/builtin/builtin-driver.js";
import { createRunCode } from "../agents/builtin/run-code.js";
import { builtinTools } from "../agents/builtin/tools/builtin-tools.js";
import { errorMessage } from "../core/errors.js";
import { environmentVariable } from "../config/load-config.js";
import { EventLog } from "../events/event-log.js";
import { ModelRegistry } from "../llm/model-registry.js";
import { redactText } from "../llm/redact-secrets.js";
import { InteractionBroker } from "../sessions/interaction-broker.js";
import { SessionScheduler } from "../sessions/session-scheduler.js";
import { SessionService } from "../sessions/session-service.js";
import { createExternalAgents } from "./create-external-agents.js";
export function createAgentServices(options) {
    const { config, store, logger } = options;
    const agents = config.agents;
    const metrics = new AgentMetrics({ countSessions: () => store.agentSessions.countByStatus() });
    const models = new ModelRegistry({
        onModelRequest: metrics.observeModelRequest,
        defaultModel: config.llm.default_model,
        providers: config.llm.providers,
        readVariable: options.readVariable ?? ((name) => environmentVariable(name)),
    });
    const secrets = models.secrets();
    const redact = (text) => redactText(text, secrets);
    const events = new EventLog(store.events);
    events.watch(metrics.observeEvent);
    const external = createExternalAgents({
        config,
        models,
        logger,
        onModelRequest: metrics.observeModelRequest,
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
    const interactions = new InteractionBroker({
        interactions: store.interactions,
        emit: (sessionId, name, data) => scheduler.emit(sessionId, name, data),
        timeoutMs: agents.interaction_timeout_seconds * 1000,
        timeoutAction: agents.interaction_timeout_action,
        onWaiting: (sessionId, isWaiting) => scheduler.setWaiting(sessionId, isWaiting),
        cancelTurn: (sessionId, reason) => scheduler.cancelTurn(sessionId, reason),
        onTimeoutError: (record, error) => logger.error({ sessionId: record.sessionId, interactionId: record.id }, `an interaction's timeout could not be stored: ${redact(errorMessage(error))}`),
    });
    const scheduler = new SessionScheduler({
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
            if (resumed > 0)
                logger.info(`resuming ${resumed} agent session(s) left active by the last run`);
            return resumed;
        },
        stop: async () => {
            await scheduler.stop();
            interactions.stop();
            await external.stop();
        },
    };
}
//# sourceMappingURL=create-agent-services.js.map