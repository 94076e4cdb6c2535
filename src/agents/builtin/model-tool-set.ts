import { asSchema, jsonSchema, tool, type ToolSet } from "ai";
import type { AgentTool } from "./tools/agent-tool.js";

const toolSets = new WeakMap<readonly AgentTool[], ToolSet>();

/**
 * The tools as the AI SDK sees them: description and input schema, no
 * `execute` (the loop runs tools itself). Built once per tool list: the SDK
 * turns a zod schema into JSON Schema on every step unless it is handed the
 * same schema object, whose JSON Schema it computes once and keeps.
 *
 * The schema the SDK gets has no validator: the loop validates every call's
 * input with the tool's zod schema before running it (and answers the model
 * with the problems), so the SDK's own zod pass over each call, a few tenths
 * of a millisecond per step, would only repeat it.
 */
export function modelToolSet(tools: readonly AgentTool[]): ToolSet {
  const cached = toolSets.get(tools);
  if (cached !== undefined) return cached;
  const toolSet: ToolSet = {};
  for (const candidate of tools) {
    toolSet[candidate.name] = tool({
      description: candidate.description,
      inputSchema: jsonSchema(() => asSchema(candidate.inputSchema).jsonSchema),
    });
  }
  toolSets.set(tools, toolSet);
  return toolSet;
}
