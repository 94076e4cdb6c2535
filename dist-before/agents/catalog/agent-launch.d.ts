import type { AgentCapabilities, AgentDefinition, WireFormat } from "./agent-catalog.js";
import type { AgentRegistry } from "./agent-registry.js";
/** What one session fills an agent's templates with. */
export interface AgentSessionValues {
    /** The model relay's root inside the sandbox, e.g. `http://127.0.0.1:41234` (no trailing slash). */
    relayUrl: string;
    /** The session's relay token: the only credential the sandbox ever holds. */
    apiKey: string;
    /** The model name the agent asks for (the relay checks it against the session's allowed models). */
    model: string;
    /** The egress proxy inside the sandbox; without it, env entries that use `{{proxy_url}}` are left out. */
    proxyUrl?: string;
}
/** Where agents and node are inside a sandbox (the sandbox providers mount them there). */
export interface AgentSandboxLayout {
    /** `agents.directory`, mounted read-only. */
    agentsDirectory: string;
    /** `<agents.directory>/bin/node`, a copy of the host's node, so every image runs the same one. */
    nodePath: string;
    /** Node's name for the CPU (`x64`, `arm64`): which native binary of an agent to start. */
    arch: string;
}
export declare const sandboxAgentLayout: AgentSandboxLayout;
/** An agent ready to spawn in one session's sandbox: every template filled in. */
export interface AgentLaunch {
    agentId: string;
    /** Absolute path inside the sandbox. */
    command: string;
    args: string[];
    env: Record<string, string>;
    /** Path relative to the agent's private HOME → content. */
    homeFiles: Record<string, string>;
    wireFormats: WireFormat[];
    capabilities: AgentCapabilities;
}
/**
 * What a session does to start an external agent: the named agent (BAD_REQUEST naming
 * `agent` when unknown), installed in its pinned version (AGENT_NOT_INSTALLED naming the
 * install command otherwise), expanded for this session.
 */
export declare function prepareAgentLaunch(registry: AgentRegistry, name: string, values: AgentSessionValues, layout?: AgentSandboxLayout): Promise<AgentLaunch>;
/**
 * Expands an agent definition for one session. The values are checked first (they end
 * up inside TOML and JSON files); errors name the field: `relayUrl`, `apiKey`, `model`,
 * `proxyUrl`.
 */
export declare function expandAgent(definition: AgentDefinition, values: AgentSessionValues, layout?: AgentSandboxLayout): AgentLaunch;
