import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
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

/**
 * A copy of a protocol object schema that is not in zod's global registry. The
 * HTTP server names shared schemas there for OpenAPI, and a named schema turns
 * into a bare `$ref` at the top of its JSON Schema — but MCP wants a tool's
 * input and output schemas to be `type: "object"` at the top.
 */
export function unnamed<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): z.ZodObject<Shape> {
  return z.object(schema.shape);
}
