import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, requireBubblewrap, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import { hostProcessesWith } from "../sandbox/host-observation.js";
import { watchSession } from "./agent-client.js";

/**
 * `[mcp.servers.*]` wired end to end: a real Hangar (bwrap, SQLite, HTTP) whose built-in agent
 * (the real AI SDK OpenAI provider against a scripted server) first writes an MCP server into
 * its workspace, and on the next turn calls that server's tool: it ran in the sandbox, and once
 * the turn is over nothing of it runs.
 */
describe.runIf(requireBubblewrap())("MCP servers for the built-in agent over HTTP", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;
  const marker = `mcp-e2e-${process.pid}`;

  beforeAll(async () => {
    model = await startScriptedModelServer();
    hangar = await startHarness({
      config: {
        llm: { default_model: "openai:scripted", max_retries: 0 },
        agents: { default_approval: "auto" },
        mcp: {
          servers: {
            probe: { command: "/usr/bin/node", args: ["/workspace/tools/probe.mjs", `--marker=${marker}`] },
          },
        },
      },
      environment: { OPENAI_API_KEY: "sk-test-mcp-e2e", OPENAI_BASE_URL: model.openaiBaseUrl },
    });
  }, 60_000);

  afterAll(async () => {
    await hangar?.stop();
    await model?.close();
  });

  it("offers the server's tools on the turn after the server exists, and runs them in the sandbox", async () => {
    const server = await readFile(new URL("../fixtures/sandbox-mcp-server.mjs", import.meta.url), "utf8");
    model.enqueue(
      { toolCalls: [{ name: "write_file", input: { path: "tools/probe.mjs", content: server } }] },
      { toolCalls: [{ name: "write_file", input: { path: "marker.txt", content: marker } }] },
      { text: "written" },
    );
    const started = await hangar.request<{ session_id: string }>("POST", "/chat", {
      prompt: "write the server",
      project_id: "mcp-demo",
    });
    expect(started.status).toBe(200);
    const id = started.body.session_id;
    const first = await watchSession(hangar.url, id, { until: (event) => event.name === "turn.end" });
    // The server did not exist yet when the turn began: said, and the turn went on.
    const problem = first.find((event) => event.name === "error");
    expect(JSON.stringify(problem?.data)).toContain('MCP server \\"probe\\" could not be used');
    expect(first.filter((event) => event.name === "tool.end").map((event) => event.data.is_error)).toEqual([
      false,
      false,
    ]);

    model.enqueue(
      { toolCalls: [{ name: "mcp__probe__where_am_i", input: { marker_file: "marker.txt" } }] },
      { text: "found it" },
    );
    const again = await hangar.request("POST", "/chat", {
      prompt: "where?",
      project_id: "mcp-demo",
      session_id: id,
    });
    expect(again.status).toBe(200);
    const since = first.at(-1)!.seq;
    const second = await watchSession(hangar.url, id, { since, until: (event) => event.name === "turn.end" });
    const call = second.find((event) => event.name === "tool.end");
    expect(call?.data).toMatchObject({ tool: "mcp__probe__where_am_i", is_error: false });
    const report = JSON.parse(call!.data.output) as { hostname: string; marker: string; cwd: string };
    expect(report).toMatchObject({ hostname: "hangar", marker, cwd: "/workspace" });
    // The model was offered the tool with the server's schema.
    const offered = model.requests.at(-2)?.body as { tools?: Array<{ function: { name: string } }> };
    expect(offered.tools?.map((tool) => tool.function.name)).toContain("mcp__probe__where_am_i");
    expect(hostProcessesWith(marker)).toEqual([]);
  }, 120_000);
});
