import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentCatalog, type AgentDefinition } from "../../src/agents/catalog/agent-catalog.js";
import { installAgent } from "../../src/agents/catalog/agent-installer.js";
import type { SessionEvent } from "../../src/protocol/index.js";
import type { SandboxId } from "../../src/core/ids.js";
import type { Sandbox } from "../../src/sandbox/sandbox-port.js";
import {
  isCi,
  requireBubblewrap,
  startHarness,
  type Harness,
  type TestProvider,
} from "../fixtures/hangar-harness.js";
import { probeDockerEngine } from "../fixtures/docker-engine.js";
import {
  offersTools,
  startScriptedModelServer,
  type RecordedRequest,
  type ScriptedModelServer,
  type ScriptedReply,
} from "../fixtures/scripted-model-server.js";
import { approveAndWatch, namesOf, watchSession } from "./agent-client.js";
import { runInSandbox, searchSandbox, searchSandboxCgroup } from "./sandbox-canary.js";

/**
 * Real catalog agents end to end: each is installed with Hangar's own installer from
 * the npm registry, runs in a real sandbox behind the real runner, talks to the
 * scripted model server through Hangar's relay, asks (under `ask`) before it writes
 * hello.txt with its own write tool, and the write lands once the permission is
 * answered over HTTP. The provider key is a canary: it must reach the model server
 * (so the search below can fail) and nowhere else — not the sandbox's files or
 * processes, the session's events, Hangar's log or its database.
 *
 * CI runs codex on bubblewrap and claude-code on Docker. `HANGAR_E2E_AGENTS=gemini,qwen`
 * adds cases (on `HANGAR_E2E_PROVIDER`, bwrap by default).
 */

interface AgentCase {
  agent: string;
  provider: TestProvider;
  /** The agent's write tool and its input, as the first tool-bearing request offers it. */
  write: (request: RecordedRequest) => ScriptedReply;
}

const greeting = "hello from a real agent\n";

/** The tool call each agent's own write tool takes, found from the tools its first request offers. */
const writeCalls: Record<string, (request: RecordedRequest) => ScriptedReply> = {
  // claude-code-acp replaces Claude Code's file tools with its own MCP tools (writes go through ACP).
  "claude-code": () => ({
    toolCalls: [{ name: "mcp__acp__Write", input: { file_path: "/workspace/hello.txt", content: greeting } }],
  }),
  // Codex offers no apply_patch for a model it has no metadata for: it writes with its shell tool,
  // which asks first under the catalog's `approval_policy = "untrusted"`.
  codex: () => ({
    toolCalls: [
      {
        name: "exec_command",
        input: {
          cmd: "printf 'hello from a real agent\\n' > hello.txt",
        },
      },
    ],
  }),
  // Not run in CI (HANGAR_E2E_AGENTS adds them): the write tools their first requests offer.
  gemini: () => ({
    toolCalls: [{ name: "write_file", input: { file_path: "/workspace/hello.txt", content: greeting } }],
  }),
  qwen: () => ({
    toolCalls: [{ name: "write_file", input: { file_path: "/workspace/hello.txt", content: greeting } }],
  }),
  opencode: () => ({
    toolCalls: [{ name: "write", input: { filePath: "/workspace/hello.txt", content: greeting } }],
  }),
  goose: () => ({
    toolCalls: [{ name: "write", input: { path: "/workspace/hello.txt", content: greeting } }],
  }),
};

function agentCases(): AgentCase[] {
  const cases: AgentCase[] = [
    { agent: "codex", provider: "bwrap", write: writeCalls.codex! },
    { agent: "claude-code", provider: "docker", write: writeCalls["claude-code"]! },
  ];
  const extraProvider = (process.env.HANGAR_E2E_PROVIDER ?? "bwrap") as TestProvider;
  for (const agent of (process.env.HANGAR_E2E_AGENTS ?? "").split(",").filter((name) => name !== "")) {
    if (cases.some((each) => each.agent === agent)) continue;
    cases.push({ agent, provider: extraProvider, write: writeCalls[agent] ?? toolNamesOnly });
  }
  return cases;
}

/** For an agent whose write tool is not scripted yet: fail with the tools it offers. */
function toolNamesOnly(request: RecordedRequest): ScriptedReply {
  return {
    error: { status: 500, message: `no write scripted; tools offered: ${toolNames(request).join(", ")}` },
  };
}

function toolNames(request: RecordedRequest): string[] {
  const body = request.body as { tools?: Array<{ name?: string; function?: { name?: string } }> };
  return (body.tools ?? []).map(
    (tool) => tool.name ?? tool.function?.name ?? JSON.stringify(tool).slice(0, 60),
  );
}

interface ChatAnswer {
  session_id: string;
  status: string;
}

const cases = agentCases();

describe.each(cases)("the real $agent agent in a $provider sandbox", ({ agent, provider, write }) => {
  const definition = agentCatalog.find((each) => each.id === agent);
  const canary = `sk-canary-${randomBytes(12).toString("hex")}`;
  const logLines: string[] = [];
  let hangar: Harness;
  let model: ScriptedModelServer;
  let agentsDirectory: string;
  let installSeconds = 0;
  /** The first test's session and sandbox, for the relay check after it. */
  let first: { sessionId: string; sandboxId: string } | undefined;

  beforeAll(async () => {
    if (definition === undefined) throw new Error(`${agent} is not in the catalog`);
    await requireProvider(provider);
    agentsDirectory = await mkdtemp(join(tmpdir(), `hangar-real-${agent}-`));
    await chmod(agentsDirectory, 0o755);
    const startedAt = performance.now();
    await installAgent(definition, { directory: agentsDirectory });
    installSeconds = (performance.now() - startedAt) / 1000;
    console.info(`${agent}: installed in ${installSeconds.toFixed(1)} s`);
    model = await startScriptedModelServer();
    let firstToolRequest = true;
    model.setResponder((request) => {
      if (!offersTools(request)) return { text: "Hello file" };
      if (firstToolRequest) {
        firstToolRequest = false;
        console.info(`${agent}: tools offered: ${toolNames(request).join(", ")}`);
        return write(request);
      }
      return { text: "Wrote hello.txt." };
    });
    hangar = await startHarness({
      provider,
      logger: pino({ level: "trace" }, captureLines(logLines)),
      config: {
        llm: { default_model: `${upstreamOf(definition)}:scripted` },
        sandbox: { limits: { memory_mb: 1024, pids: 256, workspace_mb: 64, tmp_mb: 64 } },
        agents: { directory: agentsDirectory, interaction_timeout_seconds: 120 },
      },
      environment: {
        anthropic: { ANTHROPIC_BASE_URL: model.anthropicBaseUrl, ANTHROPIC_API_KEY: canary },
        gemini: { GOOGLE_GEMINI_BASE_URL: model.geminiBaseUrl, GEMINI_API_KEY: canary },
        openai: { OPENAI_BASE_URL: model.openaiBaseUrl, OPENAI_API_KEY: canary },
      }[upstreamOf(definition)],
    });
  }, 300_000);

  afterAll(async () => {
    await hangar?.stop();
    await model?.close();
    if (agentsDirectory) await rm(agentsDirectory, { recursive: true, force: true });
  });

  it("asks before its write, writes hello.txt once approved, and the key stays outside the sandbox", async () => {
    const started = await hangar.request<ChatAnswer>("POST", "/chat", {
      prompt: "Create the file hello.txt containing a greeting.",
      project_id: `real-${agent}-${provider}`,
      agent,
      approval: "ask",
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const sessionId = started.body.session_id;
    const asked = await watchSession(hangar.url, sessionId, {
      until: (event) => event.name === "permission.requested" || event.name === "session.ended",
    });
    const permission = asked.at(-1) as SessionEvent<"permission.requested">;
    expect(permission.name, describeRun(asked, model)).toBe("permission.requested");
    const view = await hangar.request<{ sandbox_id: string }>("GET", `/agent/sessions/${sessionId}`);
    first = { sessionId, sandboxId: view.body.sandbox_id };
    const fileUrl = `/sandboxes/${view.body.sandbox_id}/files/content?path=hello.txt`;
    expect((await hangar.request("GET", fileUrl)).status, "written before the answer").toBe(404);

    const events = await approveAndWatch(hangar.url, sessionId, permission.data.interaction_id);
    expect(namesOf(events)).toEqual(
      expect.arrayContaining(["tool.start", "interaction.resolved", "tool.end"]),
    );
    const ended = events.at(-1) as SessionEvent<"session.ended">;
    expect(ended.name, describeRun(events, model)).toBe("session.ended");
    expect(ended.data.status, describeRun(events, model)).toBe("completed");
    const after = await fetch(`${hangar.url}${fileUrl}`);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe(greeting);

    // The canary did reach the model server (through the relay), so the searches below can fail.
    expect(JSON.stringify(model.requests.map((request) => request.headers))).toContain(canary);
    const sandbox = await hangar.app.provider.find(view.body.sandbox_id as SandboxId);
    expect(sandbox, "the session's sandbox").toBeDefined();
    const inside = await searchSandbox(sandbox!, canary, {
      text: greeting.trim(),
      file: "/workspace/hello.txt",
    });
    expect(inside.holding, "files and process environments in the sandbox").toEqual([]);
    if (provider === "docker") {
      // One pid namespace per container: the search saw the runner and the agent too.
      expect(inside.environments, "environments the search read").toBeGreaterThan(2);
    } else {
      const processes = await searchSandboxCgroup(view.body.sandbox_id, canary);
      expect(processes.processes, "no process found in the sandbox's cgroup").toBeGreaterThan(0);
      expect(processes.holding, "sandbox processes' environments").toEqual([]);
    }
    const stored = await hangar.request("GET", `/agent/sessions/${sessionId}/events`);
    expect(stored.status).toBe(200);
    expect(JSON.stringify(stored.body), "the session's events").not.toContain(canary);
    expect(logLines.length, "Hangar logged nothing: the log check proves nothing").toBeGreaterThan(0);
    expect(
      logLines.filter((line) => line.includes(canary)),
      "Hangar's log",
    ).toEqual([]);
    expect(await databaseFilesHolding(hangar.dataDirectory, canary), "the database").toEqual([]);
    console.info(`${agent}: ${model.requests.length} model requests, ${events.length} events`);
  }, 300_000);

  // On bubblewrap every spawn has its own loopback, so a second process cannot reach the
  // runner's relay port; in a Docker container all of them share one.
  if (provider === "docker") {
    it("refuses a second session's relay token on the first session's sandbox, and takes the first's own", async () => {
      expect(first, "the first test's session").toBeDefined();
      const second = await hangar.request<ChatAnswer>("POST", "/chat", {
        prompt: "Say hello.",
        project_id: `real-${agent}-${provider}-second`,
        agent,
        approval: "auto",
      });
      expect(second.status, JSON.stringify(second.body)).toBe(200);
      const events = await watchSession(hangar.url, second.body.session_id);
      expect((events.at(-1) as SessionEvent<"session.ended">).data.status, describeRun(events, model)).toBe(
        "completed",
      );
      const secondView = await hangar.request<{ sandbox_id: string }>(
        "GET",
        `/agent/sessions/${second.body.session_id}`,
      );
      expect(secondView.body.sandbox_id).not.toBe(first!.sandboxId);
      const firstSandbox = (await hangar.app.provider.find(first!.sandboxId as SandboxId))!;
      const secondSandbox = (await hangar.app.provider.find(secondView.body.sandbox_id as SandboxId))!;
      const firstToken = await relayTokenIn(firstSandbox);
      const secondToken = await relayTokenIn(secondSandbox);
      expect(secondToken).not.toBe(firstToken);
      const refused = await askRelay(firstSandbox, secondToken);
      expect(refused.status, refused.body).toBe(401);
      expect(refused.body).toContain("another sandbox");
      const accepted = await askRelay(firstSandbox, firstToken);
      expect(accepted.status, accepted.body).toBe(200);
    }, 300_000);
  }
});

/** The relay token the agent in a sandbox holds, read from its processes' environments. */
async function relayTokenIn(sandbox: Sandbox): Promise<string> {
  const found = await runInSandbox(
    sandbox,
    "cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' | grep -o 'hgr_[A-Za-z0-9_-]*' | sort -u",
  );
  const tokens = found.split("\n").filter((line) => line !== "");
  expect(tokens, "relay tokens in the sandbox").toHaveLength(1);
  return tokens[0]!;
}

/** An Anthropic request to the runner's relay port from a process in the sandbox, with `token` as its key. */
async function askRelay(sandbox: Sandbox, token: string): Promise<{ status: number; body: string }> {
  const script = [
    "const answer = await fetch('http://127.0.0.1:4480/anthropic/v1/messages', {",
    "  method: 'POST',",
    "  headers: { 'x-api-key': process.env.RELAY_TOKEN, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },",
    "  body: JSON.stringify({ model: 'scripted', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),",
    "});",
    "console.log(JSON.stringify({ status: answer.status, body: await answer.text() }));",
  ].join("\n");
  const output = await runInSandbox(
    sandbox,
    `exec /opt/hangar/agents/bin/node --input-type=module -e "$SCRIPT"`,
    {
      RELAY_TOKEN: token,
      SCRIPT: script,
    },
  );
  return JSON.parse(output) as { status: number; body: string };
}

/** Which of Hangar's providers serves an agent's wire format. */
function upstreamOf(definition: AgentDefinition): "anthropic" | "gemini" | "openai" {
  if (definition.wireFormats.includes("anthropic-messages")) return "anthropic";
  return definition.wireFormats.includes("gemini-generate-content") ? "gemini" : "openai";
}

async function requireProvider(provider: TestProvider): Promise<void> {
  if (provider === "bwrap") {
    if (!requireBubblewrap()) throw new Error("bubblewrap is not installed");
    return;
  }
  const docker = await probeDockerEngine();
  if (!docker.isAvailable) throw new Error(`Docker is needed${isCi ? " in CI" : ""}: ${docker.reason}`);
}

/** A pino destination that keeps every line. */
function captureLines(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString("utf8")
          .split("\n")
          .filter((line) => line !== ""),
      );
      done();
    },
  });
}

/** The SQLite files (database, WAL, shared memory) whose raw bytes hold `secret`. */
async function databaseFilesHolding(dataDirectory: string, secret: string): Promise<string[]> {
  const names = (await readdir(dataDirectory)).filter((name) => /\.db(-wal|-shm|-journal)?$/.test(name));
  expect(names.length, "no database file found: the check proves nothing").toBeGreaterThan(0);
  const holding: string[] = [];
  for (const name of names) {
    if ((await readFile(join(dataDirectory, name))).includes(secret)) holding.push(name);
  }
  return holding;
}

/** The run so far, for a failure message: event names and the model requests' paths and tools. */
function describeRun(events: readonly SessionEvent[], model: ScriptedModelServer): string {
  const requests = model.requests.map(
    (request) => `${request.method} ${request.path} tools=[${toolNames(request).join(",")}]`,
  );
  const last = events.at(-1);
  const tools = events
    .filter((event) => event.name === "tool.end" || event.name === "tool.start")
    .map((event) => JSON.stringify(event.data).slice(0, 400));
  return `events: ${namesOf(events).join(", ")}\nlast: ${JSON.stringify(last?.data)}\ntools:\n${tools.join("\n")}\nrequests:\n${requests.join("\n")}`;
}
