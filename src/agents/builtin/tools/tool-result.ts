import type { ToolResult } from "./agent-tool.js";

/** A failure the model can act on: say what went wrong and how to fix it. */
export function toolError(output: string): ToolResult {
  return { output, isError: true };
}

export function toolSuccess(output: string): ToolResult {
  return { output, isError: false };
}
