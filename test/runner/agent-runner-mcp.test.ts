// The agent runner passes the control plane's MCP servers to the agent in ACP session/new:
// stdio ones always (the agent starts them here, in the sandbox), HTTP ones only to an agent
// that advertises mcpCapabilities.http. The scripted ACP agent reports what it received.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunnerClient, type RunnerClient } from "../../src/agents/acp/runner-client.js";
import type { ProgressEvent } from "../../src/runner-protocol/agent_pb.js";
import { scriptedAgentConfig, startRunner, type RunnerProcess } from "./runner-process.js";

let runner: RunnerProcess;
let client: RunnerClient;

beforeAll(async () => {
  runner = await startRunner(["--start-timeout-ms", "5000"]);
  client = createRunnerClient(runner.socketPath);
});

afterAll(async () => {
  client?.close();
  await runner?.stop();
});

const mcpServers: Array<{
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  url: string;
  headers: Record<string, string>;
}> = [
  {
    name: "files",
    command: "/usr/bin/node",
    args: ["/workspace/server.mjs"],
    env: { LEVEL: "2" },
    url: "",
    headers: {},
  },
  {
    name: "remote",
    command: "",
    args: [],
    env: {},
    url: "https://mcp.example.com/mcp",
    headers: { "X-Team": "a" },
  },
];

async function receivedBy(
  sessionId: string,
  script: object,
): Promise<{ servers: unknown; events: ProgressEvent[] }> {
  const answer = await client.agent.chat({
    sessionId,
    projectId: "demo",
    prompt: "go",
    agentConfig: scriptedAgentConfig({ ...script, turns: [[{ reportMcpServers: true }]] }, { mcpServers }),
  });
  expect(answer).toMatchObject({ success: true });
  const events: ProgressEvent[] = [];
  for await (const event of client.agent.subscribeProgress(
    { sessionId, fromSeq: 0n },
    { timeoutMs: 20_000 },
  )) {
    if (event.messageType === "Heartbeat") continue;
    events.push(event);
    if (event.messageType === "SessionPromptEnd") break;
  }
  const message = events.find((event) => event.subType === "agent_message_chunk");
  if (message === undefined)
    throw new Error(
      `no message: ${JSON.stringify(events.map((event) => [event.messageType, event.subType, event.payload.slice(0, 300)]))}`,
    );
  const text = (JSON.parse(message.payload) as { update: { content: { text: string } } }).update.content.text;
  return { servers: JSON.parse(text) as unknown, events };
}

describe("agent runner: MCP servers in session/new", () => {
  it("passes stdio and HTTP servers to an agent that speaks HTTP MCP", async () => {
    const { servers } = await receivedBy("ses_mcp_1", { mcpHttp: true });
    expect(servers).toEqual([
      {
        name: "files",
        command: "/usr/bin/node",
        args: ["/workspace/server.mjs"],
        env: [{ name: "LEVEL", value: "2" }],
      },
      {
        type: "http",
        name: "remote",
        url: "https://mcp.example.com/mcp",
        headers: [{ name: "X-Team", value: "a" }],
      },
    ]);
  }, 30_000);

  it("leaves HTTP servers out for an agent without mcpCapabilities.http, and says so", async () => {
    const { servers, events } = await receivedBy("ses_mcp_2", {});
    expect(servers).toEqual([
      {
        name: "files",
        command: "/usr/bin/node",
        args: ["/workspace/server.mjs"],
        env: [{ name: "LEVEL", value: "2" }],
      },
    ]);
    const skipped = events.find((event) => event.subType === "mcp_server_skipped");
    expect(skipped?.payload).toContain('the MCP server \\"remote\\" is HTTP');
  }, 30_000);
});
