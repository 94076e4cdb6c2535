import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AgentDriverContext, AgentEvent, AgentInteractions } from "../../src/agents/agent-driver.js";
import { builtinAgentDriver, type BuiltinDriverOptions } from "../../src/agents/builtin/builtin-driver.js";
import { scriptedModel, type ScriptedModel } from "../../src/agents/builtin/scripted-model-test-support.js";
import { builtinTools } from "../../src/agents/builtin/tools/builtin-tools.js";
import { connectMcpServers, type McpSessionTools } from "../../src/agents/mcp/mcp-session-tools.js";
import { mcpServersSchema, type McpServersConfig } from "../../src/config/mcp-servers-schema.js";
import { BwrapProvider } from "../../src/sandbox/bwrap/bwrap-provider.js";
import type { Sandbox } from "../../src/sandbox/sandbox-port.js";
import {
  createSession,
  temporaryStore,
  type TemporaryStore,
} from "../../src/store/agent-session-test-support.js";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { hostProcessesWith, waitFor } from "../sandbox/host-observation.js";
import { conformanceLimits } from "../sandbox/provider-conformance.js";

/**
 * The built-in agent with a configured stdio MCP server, on a real bubblewrap
 * sandbox: the server is started through the sandbox port, so it runs inside
 * (it sees the sandbox's hostname, its own pid namespace and a file that exists
 * only in the workspace), its tool needs approval under `ask`, and when the
 * turn ends, or is cancelled, its process is gone.
 */
const canRun = requireBubblewrap();

describe.skipIf(!canRun)("the built-in agent uses a stdio MCP server inside its sandbox", () => {
  const hostDirectory = join(tmpdir(), `hangar-agent-mcp-${randomBytes(6).toString("hex")}`);
  let provider: BwrapProvider;
  let sandbox: Sandbox;
  let temporary: TemporaryStore;
  let script: ScriptedModel;
  let events: AgentEvent[];
  let asked: string[];
  let marker: string;
  let opened: McpSessionTools[];

  beforeAll(async () => {
    provider = new BwrapProvider({ dataDirectory: join(hostDirectory, "data"), poolSize: 0 });
    await provider.start();
    sandbox = await provider.create({ owner: "agent-mcp-test", limits: conformanceLimits });
    const server = await readFile(new URL("../fixtures/sandbox-mcp-server.mjs", import.meta.url));
    await sandbox.writeFile("tools/probe-server.mjs", server);
  }, 60_000);

  afterAll(async () => {
    await sandbox?.destroy();
    await provider?.stop();
    await rm(hostDirectory, { recursive: true, force: true });
  });

  beforeEach(async () => {
    temporary = temporaryStore();
    await createSession(temporary.store, { id: "ses_1" });
    script = scriptedModel();
    events = [];
    asked = [];
    opened = [];
    // In argv, so the host's /proc shows whether the server still runs.
    marker = `probe-${randomBytes(6).toString("hex")}`;
    await sandbox.writeFile("marker.txt", `${marker}\n`);
  });

  afterEach(() => temporary.dispose());

  const servers = (): McpServersConfig =>
    mcpServersSchema.parse({
      probe: {
        command: "/usr/bin/node",
        args: [`${sandbox.workspacePath}/tools/probe-server.mjs`, `--marker=${marker}`],
        env: { GREETING: "hello" },
        env_from: { FROM_HOST: "AGENT_MCP_TEST_VALUE" },
      },
    });

  const interactions = (answer: (signal: AbortSignal) => Promise<boolean>): AgentInteractions => ({
    requestPermission: async (request, signal) => {
      asked.push(request.summary);
      return answer(signal);
    },
    decidePermission: async (request, signal) => {
      asked.push(request.summary);
      return { approved: await answer(signal) };
    },
    askUser: async () => undefined,
  });

  function options(config: McpServersConfig): BuiltinDriverOptions {
    return {
      messages: temporary.store.messages,
      resolveModel: () => script.model,
      tools: builtinTools(),
      runCode: () => () => Promise.reject(new Error("run_code is not used here")),
      sessionTools: async (context, signal) => {
        const made = await connectMcpServers(config, {
          sandbox: context.sandbox,
          signal,
          readVariable: (name) => (name === "AGENT_MCP_TEST_VALUE" ? "from-the-host" : undefined),
          httpFetch: () => fetch,
        });
        opened.push(made);
        return made;
      },
      limits: {
        maxSteps: 10,
        contextBudgetTokens: 100_000,
        maxRetries: 0,
        requestTimeoutMs: 20_000,
        commandTimeoutMs: 20_000,
        maxToolOutputChars: 10_000,
      },
    };
  }

  function context(answer: (signal: AbortSignal) => Promise<boolean>): AgentDriverContext {
    return {
      sessionId: "ses_1",
      sandbox,
      emit: (event) => events.push(event),
      lastOrigin: async () => undefined,
      interactions: interactions(answer),
      recordUsage: async () => undefined,
      state: { load: async () => null, save: async () => undefined },
    };
  }

  const toolEnds = () =>
    events.filter((event): event is Extract<AgentEvent, { name: "tool.end" }> => event.name === "tool.end");

  it("offers the server's tools, asks before calling one, and the call runs inside the sandbox", async () => {
    script.enqueue(
      { toolCalls: [{ name: "mcp__probe__where_am_i", input: { marker_file: "marker.txt" } }] },
      { toolCalls: [{ name: "mcp__probe__fail", input: {} }] },
      { text: "done" },
    );
    const driver = await builtinAgentDriver(options(servers()))(context(async () => true));
    let runningDuringTurn: number[] = [];
    const turn = driver.prompt(
      { turnId: "turn_1", text: "where are you?", model: "mock:model", approval: "ask" },
      new AbortController().signal,
    );
    await waitFor(() => hostProcessesWith(marker).length > 0, "the MCP server to start", 20_000);
    runningDuringTurn = hostProcessesWith(marker).map((process) => process.pid);
    await turn;

    // The model was told about the server's tools, with the server's own JSON Schema.
    const offered = script.calls[0]?.tools?.map((tool) => tool.name) ?? [];
    expect(offered).toEqual(expect.arrayContaining(["bash", "mcp__probe__where_am_i", "mcp__probe__fail"]));
    const where = script.calls[0]?.tools?.find((tool) => tool.name === "mcp__probe__where_am_i");
    expect(where).toMatchObject({ inputSchema: { required: ["marker_file"] } });

    // Not read-only by its own say-so: approval was asked, with a summary naming the tool.
    expect(asked[0]).toContain("mcp__probe__where_am_i");
    expect(asked).toHaveLength(2);

    const [whereEnd, failEnd] = toolEnds();
    expect(whereEnd?.data.is_error).toBe(false);
    const report = JSON.parse(whereEnd!.data.output) as Record<string, unknown>;
    // The sandbox's hostname, the sandbox's pid namespace, a file only the workspace has.
    expect(report.hostname).toBe("hangar");
    expect(report.hostname).not.toBe(hostname());
    expect(report.cwd).toBe(sandbox.workspacePath);
    expect(report.marker).toBe(marker);
    expect(runningDuringTurn).not.toContain(report.pid);
    expect(report.env_greeting).toBe("hello");
    expect(report.env_from_host).toBe("from-the-host");
    expect(failEnd?.data).toMatchObject({ is_error: true, output: "this tool always fails" });

    // The turn's driver closes: the client and the server's process go with it.
    await driver.close();
    expect(hostProcessesWith(marker)).toEqual([]);
    expect(opened[0]?.tools.map((tool) => tool.name)).toEqual(["mcp__probe__where_am_i", "mcp__probe__fail"]);
  }, 60_000);

  it("a denied MCP tool is not called, and read-only refuses it outright", async () => {
    script.enqueue(
      { toolCalls: [{ name: "mcp__probe__where_am_i", input: { marker_file: "marker.txt" } }] },
      { text: "ok" },
    );
    const driver = await builtinAgentDriver(options(servers()))(context(async () => false));
    await driver.prompt(
      { turnId: "turn_1", text: "try", model: "mock:model", approval: "ask" },
      new AbortController().signal,
    );
    expect(toolEnds()[0]?.data).toMatchObject({ is_error: true });
    expect(toolEnds()[0]?.data.output).toContain("denied permission");
    await driver.close();

    events = [];
    asked = [];
    script.enqueue(
      { toolCalls: [{ name: "mcp__probe__where_am_i", input: { marker_file: "marker.txt" } }] },
      { text: "ok" },
    );
    const readOnly = await builtinAgentDriver(options(servers()))(context(async () => true));
    await readOnly.prompt(
      { turnId: "turn_2", text: "try", model: "mock:model", approval: "read-only" },
      new AbortController().signal,
    );
    expect(asked).toEqual([]);
    expect(toolEnds()[0]?.data.output).toContain("read-only");
    await readOnly.close();
    expect(hostProcessesWith(marker)).toEqual([]);
  }, 60_000);

  it("a turn cancelled while the MCP tool waits for approval leaves no server running", async () => {
    script.enqueue({ toolCalls: [{ name: "mcp__probe__where_am_i", input: { marker_file: "marker.txt" } }] });
    let approvalAsked!: () => void;
    const waiting = new Promise<void>((resolve) => (approvalAsked = resolve));
    const driver = await builtinAgentDriver(options(servers()))(
      context(
        (signal) =>
          new Promise<boolean>((_, reject) => {
            approvalAsked();
            signal.addEventListener("abort", () => reject(signal.reason as Error));
          }),
      ),
    );
    const controller = new AbortController();
    const turn = driver.prompt(
      { turnId: "turn_1", text: "go", model: "mock:model", approval: "ask" },
      controller.signal,
    );
    await waiting;
    expect(hostProcessesWith(marker).length).toBeGreaterThan(0);
    controller.abort(new Error("cancelled by the user"));
    await expect(turn).rejects.toThrow("cancelled by the user");
    await driver.abandon("cancelled");
    await driver.close();
    expect(hostProcessesWith(marker)).toEqual([]);
  }, 60_000);

  it("a server that cannot start costs its tools, not the turn, and says why", async () => {
    const broken = mcpServersSchema.parse({
      broken: { command: "/workspace/does-not-exist" },
      probe: servers().probe,
    });
    script.enqueue({ text: "fine" });
    const driver = await builtinAgentDriver(options(broken))(context(async () => true));
    await driver.prompt(
      { turnId: "turn_1", text: "hi", model: "mock:model", approval: "auto" },
      new AbortController().signal,
    );
    await driver.close();
    const errors = events.filter((event) => event.name === "error");
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0]?.data)).toContain('MCP server \\"broken\\" could not be used');
    const offered = script.calls[0]?.tools?.map((tool) => tool.name) ?? [];
    expect(offered).toContain("mcp__probe__where_am_i");
    expect(offered.some((name) => name.startsWith("mcp__broken__"))).toBe(false);
    expect(hostProcessesWith(marker)).toEqual([]);
  }, 60_000);
});
