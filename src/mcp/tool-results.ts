import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { toErrorResponse } from "../server/error-handler.js";

/**
 * How a tool answers: the structured content its output schema describes,
 * with the same JSON as text for clients that read only `content`; or, when the
 * service refused, an MCP tool error (`isError: true`) whose text is the HTTP
 * API's error body — `{"error":{"code","message","field"}}` — so a client (or a
 * model) sees the same code and field name as over HTTP.
 */
export function toolResult(structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(structured) }], structuredContent: structured };
}

export function toolError(error: unknown): CallToolResult {
  // toErrorResponse hides what an unexpected error says (an internal error is "internal error"),
  // exactly as the HTTP API does.
  const mapped = toErrorResponse(error);
  return { content: [{ type: "text", text: JSON.stringify(mapped.body) }], isError: true };
}
