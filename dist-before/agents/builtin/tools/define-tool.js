import { HangarError } from "../../../core/errors.js";
import { toolDescription } from "./tool-description.js";
import { toolError } from "./tool-result.js";
/**
 * Builds a tool: its description comes from `<name>.md`, and a HangarError
 * thrown while it runs (a refused path, a sandbox that failed) becomes an
 * error result the model reads; anything else is a bug and still throws.
 *
 * The result is typed `AgentTool` (input `unknown`) so tools of different
 * inputs share one list; the agent loop parses input with `inputSchema`
 * before calling `kind`, `summarize` or `execute`, which makes the cast sound.
 */
export function defineTool(tool) {
    const defined = {
        ...tool,
        description: toolDescription(tool.name),
        async execute(input, context) {
            try {
                return await tool.execute(input, context);
            }
            catch (error) {
                if (error instanceof HangarError)
                    return toolError(`${tool.name} failed: ${error.message}`);
                throw error;
            }
        },
    };
    return defined;
}
//# sourceMappingURL=define-tool.js.map