import { z } from "zod";
import { defineTool } from "./define-tool.js";
import { commandOutputLimitBytes, describeStop, runSandboxCommand } from "./sandbox-command.js";
import { toolError, toolSuccess } from "./tool-result.js";
import { truncateOutput } from "./truncate-output.js";
const inputSchema = z.object({
    command: z.string().min(1).describe("The bash command line to run in the workspace, e.g. `npm test`."),
    timeout_seconds: z
        .number()
        .positive()
        .optional()
        .describe("Stop the command after this many seconds (capped by the session's command limit)."),
});
export const bashTool = defineTool({
    name: "bash",
    inputSchema,
    kind: () => "shell",
    summarize: (input) => `bash: ${input.command}`,
    async execute(input, context) {
        const requestedMs = input.timeout_seconds === undefined ? Infinity : input.timeout_seconds * 1000;
        const timeoutMs = Math.max(1, Math.round(Math.min(requestedMs, context.commandTimeoutMs)));
        // Not a login shell: the environment is the sandbox's fixed allowlist, nothing from a profile.
        const outcome = await runSandboxCommand(context.sandbox, { argv: ["/bin/bash", "-c", input.command], env: { HOME: context.sandbox.workspacePath } }, {
            timeoutMs,
            maxOutputBytes: commandOutputLimitBytes,
            signal: context.signal,
            onOutput: (stream, text) => context.emitOutput(stream, text),
        });
        const { exit } = outcome;
        const output = truncateOutput(outcome.combined, context.maxOutputChars);
        const body = output === "" ? "(no output)" : output.replace(/\n?$/, "\n");
        const stop = describeStop(exit, timeoutMs);
        if (stop !== undefined)
            return toolError(`${body}[${stop}]`);
        const status = `[exit code ${exit.exitCode ?? "unknown"}${exit.signal ? `, signal ${exit.signal}` : ""}]`;
        return exit.exitCode === 0 ? toolSuccess(`${body}${status}`) : toolError(`${body}${status}`);
    },
});
//# sourceMappingURL=bash.js.map