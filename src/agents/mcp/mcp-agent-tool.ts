import type { CallToolResult, ListToolsResult, MCPClient } from "@ai-sdk/mcp";
import type { JSONSchema7 } from "ai";
import { z } from "zod";
import type { AgentTool, ToolResult } from "../builtin/tools/agent-tool.js";
import { truncateLine, truncateOutput } from "../builtin/tools/truncate-output.js";

/**
 * One tool of an MCP server as a tool of the built-in agent, named
 * `mcp__<server>__<tool>`. Whatever the server says about itself (names,
 * descriptions, schemas, results) is untrusted input: it is bounded, and the
 * tool is never taken as read-only (its `readOnlyHint` is the server's word),
 * so it waits for approval unless the session's policy is `auto`.
 */
type McpToolDefinition = ListToolsResult["tools"][number];

/** Providers accept tool names of `[A-Za-z0-9_-]{1,64}`. */
const maxToolNameLength = 64;
const maxDescriptionChars = 2000;
/** A server's input schema larger than this (as JSON) is not offered: it would crowd the context. */
const maxSchemaChars = 32 * 1024;

export function mcpToolName(server: string, tool: string): string {
  const safe = tool.replace(/[^A-Za-z0-9_-]/g, "_");
  return `mcp__${server}__${safe}`.slice(0, maxToolNameLength);
}

/** Undefined when the server's definition cannot be offered (its schema is too large or not an object). */
export function mcpAgentTool(
  server: string,
  definition: McpToolDefinition,
  client: Pick<MCPClient, "toolsFromDefinitions">,
): AgentTool | undefined {
  const schemaText = JSON.stringify(definition.inputSchema);
  if (schemaText.length > maxSchemaChars || definition.inputSchema.type !== "object") return undefined;
  const name = mcpToolName(server, definition.name);
  // The AI SDK tool does the tools/call (and its abort) for us; its schema handling is not used.
  const sdkTool = client.toolsFromDefinitions({ tools: [definition] })[definition.name];
  if (sdkTool === undefined) return undefined;
  const modelInputSchema = {
    ...definition.inputSchema,
    properties: definition.inputSchema.properties ?? {},
  } as JSONSchema7;
  const described = truncateLine(
    definition.description ?? definition.title ?? definition.name,
    maxDescriptionChars,
  );
  return {
    name,
    description: `[MCP server "${server}", tool "${truncateLine(definition.name, 128)}"] ${described}`,
    inputSchema: z.record(z.string(), z.unknown()),
    modelInputSchema,
    kind: () => "external",
    summarize: (input) => truncateLine(`${name}: ${JSON.stringify(input)}`, 300),
    async execute(input, context): Promise<ToolResult> {
      try {
        const result = (await sdkTool.execute(input, {
          toolCallId: name,
          messages: [],
          abortSignal: context.signal,
        })) as CallToolResult;
        const output = truncateOutput(describeResult(result), context.maxOutputChars);
        const isError = "isError" in result && result.isError === true;
        return { output: output === "" ? "(no output)" : output, isError };
      } catch (error) {
        context.signal.throwIfAborted();
        const message = error instanceof Error ? error.message : String(error);
        return { output: `${name} failed: ${truncateLine(message, 2000)}`, isError: true };
      }
    },
  };
}

/** The result as text the model reads: text parts as they are, other parts described. */
function describeResult(result: CallToolResult): string {
  if ("toolResult" in result) return JSON.stringify(result.toolResult) ?? "";
  const parts = result.content.map((part) => {
    switch (part.type) {
      case "text":
        return part.text;
      case "image":
        return `[image, ${part.mimeType}, ${Math.round((part.data.length * 3) / 4)} bytes]`;
      case "resource":
        return typeof part.resource.text === "string"
          ? `[resource ${part.resource.uri}]\n${part.resource.text}`
          : `[resource ${part.resource.uri}, binary]`;
      case "resource_link":
        return `[resource link ${part.uri}${part.description ? `: ${part.description}` : ""}]`;
      default:
        return "[content the agent cannot read]";
    }
  });
  if (parts.every((part) => part === "") && result.structuredContent !== undefined) {
    return JSON.stringify(result.structuredContent);
  }
  return parts.join("\n");
}
