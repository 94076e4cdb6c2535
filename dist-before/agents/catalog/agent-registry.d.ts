import type { Config } from "../../config/config-schema.js";
import { type AgentDefinition } from "./agent-catalog.js";
/**
 * The agents this Hangar can run: the built-in catalog plus `[agents.custom.<name>]`,
 * checked once when the config is read, so a bad table fails at start-up and not in
 * the middle of someone's session.
 */
export interface AgentRegistry {
    /** Every external agent, catalog first, then custom ones by name. */
    readonly agents: readonly AgentDefinition[];
    /** `agents.default_agent`: `builtin` or the name of one of `agents`. */
    readonly defaultAgent: string;
    /** `agents.directory` resolved (default `<data_dir>/agents`). */
    readonly directory: string;
    find(name: string): AgentDefinition | undefined;
    /** The named agent, or BAD_REQUEST naming `agent` and every name a request may use. */
    require(name: string): AgentDefinition;
}
export declare function createAgentRegistry(config: Config): AgentRegistry;
/** `agents.directory`, or `<data_dir>/agents`; absolute, so a sandbox mount never depends on the working directory. */
export declare function agentsDirectory(config: Config): string;
