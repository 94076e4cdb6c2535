import { AgentMetrics } from "../server/agent-metrics.js";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import { EventLog } from "../events/event-log.js";
import { ModelRegistry } from "../llm/model-registry.js";
import type { LanguageRegistry } from "../runs/languages.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import { SessionScheduler } from "../sessions/session-scheduler.js";
import { SessionService } from "../sessions/session-service.js";
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
}
export declare function createAgentServices(options: AgentServicesOptions): AgentServices;
