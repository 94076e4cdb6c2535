import { asSchema, tool, type ToolSet } from "ai";
import type { AgentTool } from "./tools/agent-tool.js";

const toolSets = new WeakMap<readonly AgentTool[], ToolSet>();

/**
 * The tools as the AI SDK sees them: description and input schema, no
 * `execute` (the loop runs tools itself). Built once per tool list: the SDK
 * turns a zod schema into JSON Schema on every step unless it is handed the
 * same schema object, whose JSON Schema it computes once and keeps.
 */
export function modelToolSet(tools: readonly AgentTool[]): ToolSet {
  const cached = toolSets.get(tools);
  if (cached !== undefined) return cached;
  const toolSet: ToolSet = {};
  for (const candidate of tools) {
    toolSet[candidate.name] = tool({
      description: candidate.description,
      // The same validation as the zod schema itself (an invalid call still becomes an SDK tool error).
      inputSchema: asSchema(candidate.inputSchema),
    });
  }
  toolSets.set(tools, toolSet);
  return toolSet;
}
