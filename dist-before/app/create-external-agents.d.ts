import type { ObserveModelRequest } from "../core/model-request-observation.js";
import type { Logger } from "pino";
import type { StartAgentDriver } from "../agents/agent-driver.js";
import { type AgentRegistry } from "../agents/catalog/agent-registry.js";
import type { Config } from "../config/config-schema.js";
import type { ModelRegistry } from "../llm/model-registry.js";
/**
 * The external-agent half of the composition root: the catalog, the agent
 * runners in sandboxes, the model relay and the egress proxy on each
 * sandbox's channel sockets, and one ACP driver per agent. A session's relay
 * token is granted on its first prompt and kept while this process lives (the
 * agent keeps its environment between prompts); its budget and events follow
 * whichever prompt is running.
 */
export interface ExternalAgents {
    registry: AgentRegistry;
    drivers: Record<string, StartAgentDriver>;
    /** The agent a new session gets; throws for an unknown name or an agent that is not installed (field `agent`). */
    resolveAgent(name: string | undefined): Promise<string>;
    stop(): Promise<void>;
}
export interface ExternalAgentsOptions {
    config: Config;
    models: ModelRegistry;
    logger: Logger;
    /** Told of every model request the relay forwards (metrics). */
    onModelRequest?: ObserveModelRequest;
}
export declare function createExternalAgents(options: ExternalAgentsOptions): ExternalAgents;
