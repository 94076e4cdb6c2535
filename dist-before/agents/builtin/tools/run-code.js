import { z } from "zod";
import { defineTool } from "./define-tool.js";
import { toolError, toolSuccess } from "./tool-result.js";
import { truncateOutput } from "./truncate-output.js";
const inputSchema = z.object({
    language: z.string().min(1).describe("The language: python, javascript, typescript, bash, c, cpp, java, …"),
    code: z
        .string()
        .min(1)
        .describe("The complete program; it runs in a scratch directory, not in the project."),
    stdin: z.string().optional().describe("Text given to the program on standard input."),
});
export const runCodeTool = defineTool({
    name: "run_code",
    inputSchema,
    kind: () => "shell",
    summarize: (input) => `run_code: ${input.language} (${input.code.split("\n").length} lines)`,
    async execute(input, context) {
        const result = await context.runCode({
            language: input.language,
            code: input.code,
            ...(input.stdin === undefined ? {} : { stdin: input.stdin }),
            timeoutMs: context.commandTimeoutMs,
        }, context.signal);
        // Half the room each: a long stdout must not hide the error on stderr.
        const half = Math.floor(context.maxOutputChars / 2);
        const sections = [`status: ${result.status}`, `exit code: ${result.exitCode ?? "none"}`];
        if (result.stdout !== "")
            sections.push(`stdout:\n${truncateOutput(result.stdout, half)}`);
        if (result.stderr !== "")
            sections.push(`stderr:\n${truncateOutput(result.stderr, half)}`);
        if (result.explanation)
            sections.push(result.explanation);
        const output = sections.join("\n");
        return result.status === "ok" ? toolSuccess(output) : toolError(output);
    },
});
//# sourceMappingURL=run-code.js.map