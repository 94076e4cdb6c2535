import { asSchema } from "ai";
const toolSets = new WeakMap();
/**
 * The tools as the provider sees them: name, description and the input's JSON
 * Schema (from the tool's zod schema). Built once per tool list, since the list
 * is the same for every step of every turn. There is no validation here: the
 * loop checks every call's input with the tool's zod schema before running it
 * (and answers the model with the problems).
 */
export function modelToolSet(tools) {
    const cached = toolSets.get(tools);
    if (cached !== undefined)
        return cached;
    const toolSet = Promise.all(tools.map(async (candidate) => ({
        type: "function",
        name: candidate.name,
        description: candidate.description,
        inputSchema: await asSchema(candidate.inputSchema).jsonSchema,
    })));
    toolSets.set(tools, toolSet);
    return toolSet;
}
//# sourceMappingURL=model-tool-set.js.map