import { z } from "zod";
import { defineTool } from "./define-tool.js";
import { toolSuccess } from "./tool-result.js";
import { formatCount } from "./truncate-output.js";
import { workspaceFilePath } from "./workspace-path.js";
const inputSchema = z.object({
    path: z
        .string()
        .min(1)
        .describe("The file to write, relative to the workspace; missing parent directories are created."),
    content: z.string().describe("The whole new content of the file (it replaces what was there)."),
});
export const writeFileTool = defineTool({
    name: "write_file",
    inputSchema,
    kind: () => "write",
    summarize: (input) => `write_file: ${input.path} (${formatCount(Buffer.byteLength(input.content))} bytes)`,
    async execute(input, context) {
        const path = workspaceFilePath(input.path);
        // The provider writes from inside the sandbox and creates parent directories there.
        await context.sandbox.writeFile(path, input.content);
        const bytes = Buffer.byteLength(input.content);
        return toolSuccess(`Wrote ${formatCount(bytes)} bytes to ${path}.`);
    },
});
//# sourceMappingURL=write-file.js.map