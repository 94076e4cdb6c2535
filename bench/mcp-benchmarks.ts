import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { destination, pino } from "pino";
import { createApp } from "../src/app/create-app.js";
import { parseConfig } from "../src/config/load-config.js";
import { row, type ResultRow } from "./report.js";
import { RunClient } from "./run-client.js";
import { median, summarize } from "./statistics.js";

/**
 * What Hangar's MCP server adds to a run: `tools/call run_code` (the SDK's
 * client over streamable HTTP, one MCP session) against `POST /run` of the same
 * python `print`, on the same server, measured alternately so both see the same
 * machine load. The overhead is the difference of the medians.
 *
 * `npm run bench -- mcp`.
 */
export const mcpGoals = { overheadP50Ms: 5 };

export async function measureMcpBenchmarks(
  options: { samples?: number; log?: (line: string) => void } = {},
): Promise<{ rows: ResultRow[] }> {
  const samples = options.samples ?? 200;
  const warmup = 10;
  options.log?.(`mcp: ${samples} python runs over POST /run and MCP tools/call run_code, alternately`);
  const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-mcp-bench-"));
  const config = parseConfig({
    data_dir: dataDirectory,
    log: { level: "warn" },
    sandbox: { pool_size: 4 },
  });
  const app = await createApp(config, { skipProbes: true, logger: pino({ level: "warn" }, destination(2)) });
  const server = await app.createHttpServer();
  const client = new Client({ name: "hangar-bench", version: "1" });
  try {
    await server.listen({ host: "127.0.0.1", port: 0 });
    const address = server.server.address();
    if (address === null || typeof address === "string") throw new Error("server has no TCP address");
    const baseUrl = `http://127.0.0.1:${address.port}`;
    await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`)));
    const runs = new RunClient(baseUrl);
    const request = { language: "python", code: "print(6*7)" };
    const overHttp: number[] = [];
    const overMcp: number[] = [];
    for (let index = 0; index < warmup + samples; index += 1) {
      const http = await runs.runOk(request);
      const startedAt = performance.now();
      const result = (await client.callTool({ name: "run_code", arguments: request })) as CallToolResult;
      const mcpMs = performance.now() - startedAt;
      const stdout = (result.structuredContent as { stdout?: string } | undefined)?.stdout;
      if (result.isError === true || stdout !== "42\n") {
        throw new Error(`run_code did not print 42: ${JSON.stringify(result).slice(0, 500)}`);
      }
      if (index < warmup) continue;
      overHttp.push(http.elapsedMs);
      overMcp.push(mcpMs);
    }
    const http = summarize(overHttp);
    const mcp = summarize(overMcp);
    const overhead = median(overMcp) - median(overHttp);
    return {
      rows: [
        row("POST /run python print", "ms", { ...http, samples }),
        row("MCP tools/call run_code python print", "ms", { ...mcp, samples }),
        row(
          "MCP overhead over POST /run (p50 difference)",
          "ms",
          { median: overhead, samples },
          { text: `<= ${mcpGoals.overheadP50Ms} ms`, met: overhead <= mcpGoals.overheadP50Ms },
        ),
      ],
    };
  } finally {
    await client.close().catch(() => undefined);
    await server.close();
    await app.stop();
    await rm(dataDirectory, { recursive: true, force: true });
  }
}
