import type { ToolResult } from "./agent-tool.js";
/** A failure the model can act on: say what went wrong and how to fix it. */
export declare function toolError(output: string): ToolResult;
export declare function toolSuccess(output: string): ToolResult;
