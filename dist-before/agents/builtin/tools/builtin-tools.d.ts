import type { AgentTool } from "./agent-tool.js";
/** Every tool of the built-in agent, in the order the model sees them. */
export declare function builtinTools(): AgentTool[];
/** The built-in tool with this name, or undefined (a model may ask for a tool that does not exist). */
export declare function findBuiltinTool(name: string): AgentTool | undefined;
