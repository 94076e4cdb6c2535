import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "../../src/app/create-app.js";
import { parseConfig } from "../../src/config/load-config.js";
import type { SessionEvent } from "../../src/events/session-events.js";
import { harnessLimits, requireBubblewrap } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import { watchSession } from "./agent-client.js";

/**
 * Provider keys stay in the control plane. With canary keys configured, sessions
 * make model calls that succeed, fail with a 500 whose body echoes the key, and
 * fail with a 401, on OpenAI and on Anthropic, and run a bash step that dumps
 * every environment it can see and greps the whole sandbox for the keys. Then
 * no copy of either key may exist anywhere Hangar writes or sends: events (SSE
 * and JSON), session views, the server log, the SQLite database and its WAL,
 * the workspace, the tool outputs, or the request bodies sent to the model.
 * The model server must have received both keys in its auth headers, so the
 * test would notice keys that were never configured.
 */
const canaryPrefix = "hangarcanary";
const openaiKey = `sk-${canaryPrefix}-openai-${randomBytes(12).toString("hex")}`;
const anthropicKey = `sk-ant-${canaryPrefix}-${randomBytes(12).toString("hex")}`;
const keys = [openaiKey, anthropicKey];

/** Dumps every environment the sandbox can read, and searches its whole file tree for the canary. */
const leakProbe = [
  "env",
  "cat /proc/self/environ | tr '\\0' '\\n'",
  "cat /proc/1/environ 2>&1 | tr '\\0' '\\n'",
  "env > env-dump.txt",
  `grep -r ${canaryPrefix} /workspace /tmp /etc /proc/self/environ /proc/1/environ 2>/dev/null | head`,
  // The whole tree, bounded: /usr alone takes longer than a test should.
  `timeout 4 grep -r ${canaryPrefix} / 2>/dev/null | head`,
  "echo probe-finished",
].join("; ");

interface ChatAnswer {
  session_id: string;
}

function expectNoKey(where: string, text: string): void {
  for (const key of keys) expect(text.includes(key), `${where} contains a canary key`).toBe(false);
}

describe.runIf(requireBubblewrap())("provider keys never leave the control plane", () => {
  let model: ScriptedModelServer;
  let app: App;
  let server: FastifyInstance;
  let url: string;
  let dataDirectory: string;
  const logged: string[] = [];
  const previous = new Map<string, string | undefined>();

  beforeAll(async () => {
    model = await startScriptedModelServer();
    dataDirectory = await mkdtemp(join(tmpdir(), "hangar-secrets-"));
    const environment = {
      OPENAI_API_KEY: openaiKey,
      OPENAI_BASE_URL: model.openaiBaseUrl,
      ANTHROPIC_API_KEY: anthropicKey,
      ANTHROPIC_BASE_URL: model.anthropicBaseUrl,
    };
    for (const [name, value] of Object.entries(environment)) {
      previous.set(name, process.env[name]);
      process.env[name] = value;
    }
    const config = parseConfig({
      data_dir: dataDirectory,
      log: { level: "trace" },
      sandbox: { pool_size: 1, limits: { ...harnessLimits } },
      llm: { default_model: "openai:scripted", max_retries: 1 },
      agents: { interaction_timeout_seconds: 30, stuck_turn_seconds: 30 },
    });
    // Everything at trace level, so a key that reaches any log call is caught.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString("utf8"));
        done();
      },
    });
    app = await createApp(config, { skipProbes: true, logger: pino({ level: "trace" }, sink) });
    server = await app.createHttpServer();
    await server.listen({ host: "127.0.0.1", port: 0 });
    url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    await app.startAgents();
  });

  afterAll(async () => {
    if (server !== undefined) {
      const closing = server.close();
      server.server.closeAllConnections();
      await closing;
    }
    await app?.stop();
    await model?.close();
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (dataDirectory !== undefined) await rm(dataDirectory, { recursive: true, force: true });
  });

  async function request<Body>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Body; text: string }> {
    const response = await fetch(`${url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as Body, text };
  }

  async function runSession(body: Record<string, unknown>): Promise<{ id: string; events: SessionEvent[] }> {
    const started = await request<ChatAnswer>("POST", "/chat", body);
    expect(started.status, started.text).toBe(200);
    const events = await watchSession(url, started.body.session_id);
    return { id: started.body.session_id, events };
  }

  it("keeps both canary keys out of events, views, logs, the database, the workspace and tool output", async () => {
    // The AI SDK prints its own warnings to the console: that is server output too.
    const printed: string[] = [];
    const consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...parts: unknown[]) => {
        printed.push(parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" "));
      }),
    );
    const sessions: Array<{ id: string; events: SessionEvent[] }> = [];

    // OpenAI, succeeding, with the leak probe as a bash step.
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: leakProbe } }] },
      { text: "looked around" },
    );
    const probed = await runSession({ prompt: "look for secrets", project_id: "secrets" });
    sessions.push(probed);
    const probe = probed.events.find((event) => event.name === "tool.end");
    // The probe really ran and really dumped an environment, so its silence about the keys means something.
    expect(probe?.data.output).toContain("probe-finished");
    expect(probe?.data.output).toMatch(/HOME=/);
    expect((probed.events.at(-1) as SessionEvent<"session.ended">).data.status).toBe("completed");

    // OpenAI answering 500 (retried once) and then 401, each error body echoing the key.
    model.enqueue(
      { error: { status: 500, message: `upstream broke for key ${openaiKey}`, retryAfterSeconds: 0 } },
      { error: { status: 500, message: `upstream broke for key ${openaiKey}`, retryAfterSeconds: 0 } },
    );
    const failing = await runSession({ prompt: "fail please", project_id: "secrets" });
    sessions.push(failing);
    expect((failing.events.at(-1) as SessionEvent<"session.ended">).data.status).toBe("failed");
    expect(JSON.stringify(failing.events)).toMatch(/500/);
    model.enqueue({ error: { status: 401, message: `Incorrect API key provided: ${openaiKey}` } });
    const unauthorized = await runSession({ prompt: "bad key", project_id: "secrets" });
    sessions.push(unauthorized);
    expect((unauthorized.events.at(-1) as SessionEvent<"session.ended">).data.status).toBe("failed");
    const unauthorizedError = unauthorized.events.find((event) => event.name === "error");
    expect(unauthorizedError?.data.message).toMatch(/401/);

    // Anthropic: the probe again, then a 500 echoing its key.
    model.enqueue({ toolCalls: [{ name: "bash", input: { command: leakProbe } }] }, { text: "done" });
    const claude = await runSession({
      prompt: "look again",
      project_id: "secrets-anthropic",
      model: "anthropic:scripted",
    });
    sessions.push(claude);
    expect((claude.events.at(-1) as SessionEvent<"session.ended">).data.status).toBe("completed");
    model.enqueue(
      { error: { status: 500, message: `overloaded ${anthropicKey}`, retryAfterSeconds: 0 } },
      { error: { status: 500, message: `overloaded ${anthropicKey}`, retryAfterSeconds: 0 } },
    );
    const claudeFailing = await runSession({
      prompt: "fail",
      project_id: "secrets-anthropic",
      model: "anthropic:scripted",
    });
    sessions.push(claudeFailing);
    expect((claudeFailing.events.at(-1) as SessionEvent<"session.ended">).data.status).toBe("failed");
    // A 500's upstream message is passed on, so the key did reach the redaction: the checks below can fail.
    for (const session of [failing, claudeFailing]) {
      // The retry notice before it says only the status; the failure carries the (redacted) message.
      const errors = session.events.filter((event) => event.name === "error");
      expect(errors.map((event) => event.data.code)).toContain("MODEL_RETRY");
      const failure = errors.find((event) => event.data.code !== "MODEL_RETRY");
      expect(failure?.data.message).toContain("[redacted]");
    }

    // The model server did receive both keys, and only in the auth headers.
    const openaiRequests = model.requests.filter((recorded) => recorded.wireFormat === "openai");
    const anthropicRequests = model.requests.filter((recorded) => recorded.wireFormat === "anthropic");
    expect(openaiRequests.length).toBeGreaterThanOrEqual(5);
    expect(anthropicRequests.length).toBeGreaterThanOrEqual(4);
    for (const recorded of openaiRequests) expect(recorded.headers.authorization).toBe(`Bearer ${openaiKey}`);
    for (const recorded of anthropicRequests) expect(recorded.headers["x-api-key"]).toBe(anthropicKey);
    // Tool results (the environment dumps) went back to the model without a key in them.
    expect(JSON.stringify(model.requests.map((recorded) => recorded.body))).toContain("probe-finished");
    expectNoKey(
      "a request body sent to the model",
      JSON.stringify(model.requests.map((recorded) => recorded.body)),
    );

    // Events over SSE (tool outputs included) and as JSON pages; session views.
    for (const session of sessions) {
      expectNoKey(`the SSE events of ${session.id}`, JSON.stringify(session.events));
      const page = await request<{ events: SessionEvent[] }>(
        "GET",
        `/agent/sessions/${session.id}/events?limit=1000`,
      );
      expect(page.body.events.length).toBe(session.events.length);
      expectNoKey(`the event page of ${session.id}`, page.text);
      expectNoKey(`the view of ${session.id}`, (await request("GET", `/agent/sessions/${session.id}`)).text);
    }
    expectNoKey("the session list", (await request("GET", "/agent/sessions")).text);
    const toolOutputs = sessions
      .flatMap((session) => session.events)
      .filter((event) => event.name === "tool.end" || event.name === "tool.delta");
    expect(toolOutputs.length).toBeGreaterThan(0);
    expectNoKey("the tool outputs", JSON.stringify(toolOutputs));

    // The workspaces: every file, the environment dump included.
    let filesRead = 0;
    for (const session of [probed, claude]) {
      const view = await request<{ sandbox_id: string }>("GET", `/agent/sessions/${session.id}`);
      const listing = await request<{ entries: Array<{ path: string; type: string }> }>(
        "GET",
        `/sandboxes/${view.body.sandbox_id}/files`,
      );
      expect(listing.body.entries.map((entry) => entry.path)).toContain("env-dump.txt");
      for (const entry of listing.body.entries.filter((candidate) => candidate.type === "file")) {
        const content = await fetch(
          `${url}/sandboxes/${view.body.sandbox_id}/files/content?path=${encodeURIComponent(entry.path)}`,
        );
        expect(content.status).toBe(200);
        expectNoKey(`workspace file ${entry.path}`, await content.text());
        filesRead += 1;
      }
    }
    expect(filesRead).toBeGreaterThanOrEqual(2);

    // The log: not empty (trace level), yet no key.
    expect(logged.length).toBeGreaterThan(0);
    expectNoKey("the server log", logged.join(""));
    for (const spy of consoleSpies) spy.mockRestore();
    expectNoKey("the console output", printed.join("\n"));

    // The database and its write-ahead log, byte for byte, while the server is still up.
    const databasePath = join(dataDirectory, "hangar.db");
    expect(existsSync(databasePath)).toBe(true);
    expect(existsSync(`${databasePath}-wal`)).toBe(true);
    for (const path of [databasePath, `${databasePath}-wal`]) {
      const bytes = readFileSync(path).toString("latin1");
      expect(bytes.length).toBeGreaterThan(0);
      expectNoKey(path, bytes);
    }
    // The probe's output is stored, so a key in it would have been found in the bytes above.
    const stored =
      readFileSync(databasePath).toString("latin1") + readFileSync(`${databasePath}-wal`).toString("latin1");
    expect(stored).toContain("probe-finished");
  }, 60_000);
});
