import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { languageInfoSchema, runRequestSchema, runResultSchema, type RunEvent } from "../protocol/index.js";
import type { ToolContext } from "./tool-context.js";
import { unnamed } from "./tool-results.js";
import { progressReporter } from "./progress.js";

/**
 * `run_code` and `list_languages`: `POST /run` and `GET /languages` as tools.
 * The input schema is the HTTP API's run request (the same limits), minus
 * `wait` — a tool call always waits; its output chunks stream as progress.
 */
export function registerRunTools(server: McpServer, context: ToolContext): void {
  const { runService, runLimits } = context.services;
  const inputSchema = runRequestSchema(runLimits).omit({ wait: true });

  server.registerTool(
    "run_code",
    {
      title: "Run code",
      description:
        "Runs code in a fresh sandbox (or the sandbox of `sessionId`) and answers with its output, exit code and " +
        "status (ok, error, compile_error, timeout, memory_limit, …). When the request carries a progressToken, " +
        "stdout and stderr arrive as progress notifications while the code runs. See list_languages for languages.",
      inputSchema,
      outputSchema: unnamed(runResultSchema),
      annotations: { openWorldHint: false },
    },
    async (request, extra) =>
      context.answer(async () => {
        const progress = progressReporter(extra);
        const onEvent =
          progress === undefined
            ? undefined
            : (event: RunEvent): void => {
                if (event.type === "stdout" || event.type === "stderr")
                  progress(`${event.type}: ${event.data}`);
                else if (event.type === "start") progress(`started ${event.runId}`);
              };
        return runService.execute(context.owner, request, {
          signal: extra.signal,
          ...(onEvent === undefined ? {} : { onEvent }),
        });
      }),
  );

  server.registerTool(
    "list_languages",
    {
      title: "List languages",
      description: "The languages run_code can run, with their versions and aliases.",
      inputSchema: z.object({}),
      outputSchema: z.object({ languages: z.array(languageInfoSchema) }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => context.answer(async () => ({ languages: runService.languages() })),
  );
}
