import { type Registry } from "prom-client";
import type { ModelRequestObservation } from "../core/model-request-observation.js";
import type { SessionEvent, SessionStatus } from "../protocol/index.js";
/**
 * Prometheus metrics of agent sessions, read off the event log (every event of every
 * session passes `observeEvent` once it is stored) and off the models' requests
 * (`observeModelRequest`: the built-in agent's calls and the relay's, for external
 * agents). Built before the HTTP server, so its metrics join the server's registry
 * later (`registerOn`).
 */
export interface AgentMetricsOptions {
    /** Sessions per status, read at scrape time from the store (so it never drifts). */
    countSessions(): Promise<Partial<Record<SessionStatus, number>>>;
}
export declare class AgentMetrics {
    #private;
    constructor(options: AgentMetricsOptions);
    registerOn(registry: Registry): void;
    readonly observeModelRequest: (observation: ModelRequestObservation) => void;
    readonly observeEvent: (event: SessionEvent) => void;
}
