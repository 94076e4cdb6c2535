import type { AgentTool } from "./agent-tool.js";
/**
 * Builds a tool: its description comes from `<name>.md`, and a HangarError
 * thrown while it runs (a refused path, a sandbox that failed) becomes an
 * error result the model reads; anything else is a bug and still throws.
 *
 * The result is typed `AgentTool` (input `unknown`) so tools of different
 * inputs share one list; the agent loop parses input with `inputSchema`
 * before calling `kind`, `summarize` or `execute`, which makes the cast sound.
 */
export declare function defineTool<Input>(tool: Omit<AgentTool<Input>, "description">): AgentTool;
