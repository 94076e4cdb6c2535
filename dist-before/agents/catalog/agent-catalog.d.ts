/**
 * The external ACP agents Hangar knows, as data: how each one is installed (npm package,
 * pinned version), started (command and arguments), and told its model endpoint, key and
 * model (environment variables and files in its private home), which model wire formats it
 * sends, and which ACP session capabilities it has. Every entry was run end to end against
 * a local scripted model with no network (initialize → session/new → session/prompt);
 * `hangar agents install` installs these versions, nothing newer.
 *
 * Templates may use the placeholders of `AgentSessionValues` (see agent-launch.ts):
 * `{{relay_url}}` is the model relay's root inside the sandbox (`http://127.0.0.1:<port>`),
 * whose routes are `/openai/v1/…`, `/anthropic/v1/…` and `/gemini/v1beta/…`; `{{api_key}}`
 * is the session's relay token (never a real key); `{{model}}` the model name;
 * `{{proxy_url}}` the egress proxy (an env entry that uses it is left out when the session
 * has none). A command path may use `{{arch}}` for agents that ship one native binary per
 * platform.
 */
/** The model APIs an agent may call; the relay must forward each one it uses. */
export declare const wireFormats: readonly ["openai-chat-completions", "openai-responses", "anthropic-messages", "gemini-generate-content"];
export type WireFormat = (typeof wireFormats)[number];
export interface AgentCommand {
    /** Relative to the agent's install directory for installed agents; absolute for custom agents without a package. */
    path: string;
    /** Run by the sandbox's node (`/opt/hangar/agents/bin/node`) rather than executed directly. */
    node: boolean;
}
export interface AgentCapabilities {
    /** `initialize` advertises `loadSession`: a stored ACP session can be reopened with `session/load`. */
    loadSession: boolean;
    /** `initialize` advertises `sessionCapabilities.resume`: `session/resume` works. */
    resumeSession: boolean;
    /** Reads and writes the workspace itself: the runner does not offer it ACP's fs/* requests. */
    localFiles?: boolean;
}
export interface AgentDefinition {
    id: string;
    title: string;
    /** npm package and exact version, when Hangar installs the agent (`hangar agents install`). */
    package?: {
        name: string;
        version: string;
    };
    command: AgentCommand;
    args: string[];
    wireFormats: WireFormat[];
    /** Environment variables of the agent process; values are templates. */
    env: Record<string, string>;
    /** Files written into the agent's private home before it starts: path relative to HOME → template. */
    homeFiles: Record<string, string>;
    capabilities: AgentCapabilities;
    /** Where the definition came from: the built-in catalog, or `[agents.custom.<name>]`. */
    origin: "catalog" | "custom";
}
/** The built-in catalog, in the order `hangar agents ls` shows it. */
export declare const agentCatalog: readonly AgentDefinition[];
/** The agent that is Hangar's own loop, not an external one: never in the catalog. */
export declare const builtinAgentId = "builtin";
