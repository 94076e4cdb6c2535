import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AgentDriverContext, AgentEvent } from "../../src/agents/agent-driver.js";
import { builtinAgentDriver } from "../../src/agents/builtin/builtin-driver.js";
import { scriptedModel, type ScriptedModel } from "../../src/agents/builtin/scripted-model-test-support.js";
import { builtinTools } from "../../src/agents/builtin/tools/builtin-tools.js";
import { builtinSessionTools } from "../../src/app/builtin-session-tools.js";
import { createCredentials } from "../../src/app/create-credentials.js";
import { parseConfig } from "../../src/config/load-config.js";
import type { Credentials } from "../../src/credentials/credentials.js";
import type { CredentialProxy, ProxyRequest, ProxyResponse } from "../../src/proxy/credential-proxy.js";
import { HttpCredentialProxy } from "../../src/proxy/http-credential-proxy.js";
import {
  createSession,
  temporaryStore,
  type TemporaryStore,
} from "../../src/store/agent-session-test-support.js";
import { LocalProcessSandbox } from "../fixtures/local-process-sandbox.js";

/**
 * The built-in agent's `http_request` (issue 15, item 3): a session started with
 * `credentials: ["gh-ci"]` gets a proxy grant bound to it for the turn; the tool
 * calls the real credential proxy in-process with that grant and the session's id;
 * the upstream (a real HTTP server on 127.0.0.1, as `[proxy] github_api_url`) gets
 * the token, while neither the tool's output (the model's context) nor the
 * session's events ever hold it; the grant is revoked when the turn ends. The
 * credential store is the real one (SQLite, encrypted).
 */
const token = `ghp_${randomBytes(12).toString("hex")}`;

/** The real proxy, recording what the agent asked of it. */
class RecordingProxy implements CredentialProxy {
  readonly requests: ProxyRequest[] = [];
  constructor(private readonly proxy: CredentialProxy) {}

  forward(request: ProxyRequest): Promise<ProxyResponse> {
    this.requests.push(request);
    return this.proxy.forward(request);
  }
}

let upstream: Server;
let upstreamUrl: string;
const received: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  upstream = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      response.setHeader("content-type", "application/json");
      response.setHeader("x-ratelimit-remaining", "4999");
      response.setHeader("link", '<https://api.github.com/user/repos?page=2>; rel="next"');
      if (request.url?.startsWith("/big")) return response.end(JSON.stringify({ data: "x".repeat(200_000) }));
      response.statusCode = request.method === "POST" ? 201 : 200;
      response.end(JSON.stringify([{ full_name: "acme/app", echoed: body }]));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve));
});

describe("the built-in agent's http_request", () => {
  let temporary: TemporaryStore;
  let sandbox: LocalProcessSandbox;
  let script: ScriptedModel;
  let credentials: Credentials & { close(): Promise<void> };
  let proxy: RecordingProxy;
  let events: AgentEvent[];
  let asked: string[];

  beforeEach(async () => {
    temporary = temporaryStore();
    sandbox = await LocalProcessSandbox.create();
    script = scriptedModel();
    const created = await createCredentials({
      config: parseConfig({ data_dir: temporary.directory }),
      store: temporary.store,
      environment: {},
    });
    credentials = Object.assign(created.service, { close: () => created.close() });
    proxy = new RecordingProxy(
      new HttpCredentialProxy({
        credentials,
        githubApiUrl: upstreamUrl,
        graphApiUrl: "https://graph.microsoft.com",
        maxRequestBytes: 1024 * 1024,
        maxResponseBytes: 10 * 1024 * 1024,
        timeoutMs: 10_000,
        allowPrivateUpstreams: false,
      }),
    );
    events = [];
    asked = [];
    received.length = 0;
    await credentials.add({ owner: "alice", name: "gh-ci", kind: "github", token });
    await createSession(temporary.store, { id: "ses_1", owner: "alice", credentials: ["gh-ci"] });
  });

  afterEach(async () => {
    await credentials.close();
    temporary.dispose();
    await sandbox.destroy();
  });

  const context = (): AgentDriverContext => ({
    sessionId: "ses_1",
    sandbox,
    emit: (event) => events.push(event),
    lastOrigin: async () => undefined,
    interactions: {
      requestPermission: async (request) => (asked.push(request.summary), true),
      decidePermission: async (request) => (asked.push(request.summary), { approved: true }),
      askUser: async () => undefined,
    },
    recordUsage: async () => undefined,
    state: { load: async () => null, save: async () => undefined },
  });

  const driver = (sessionId = "ses_1", maxSteps = 10) =>
    builtinAgentDriver({
      messages: temporary.store.messages,
      resolveModel: () => script.model,
      tools: builtinTools(),
      runCode: () => () => Promise.reject(new Error("unused")),
      sessionTools: builtinSessionTools({
        servers: {},
        sessions: temporary.store.agentSessions,
        readVariable: () => undefined,
        credentials,
        credentialProxy: proxy,
        grantLifetimeMs: 60_000,
        logger: pino({ level: "silent" }),
      }),
      limits: {
        maxSteps,
        contextBudgetTokens: 100_000,
        maxRetries: 0,
        requestTimeoutMs: 10_000,
        commandTimeoutMs: 10_000,
        maxToolOutputChars: 5_000,
      },
    })({ ...context(), sessionId });

  const toolOutputs = () => events.flatMap((event) => (event.name === "tool.end" ? [event.data] : []));

  it("calls the upstream through the proxy with a grant bound to the session, then revokes it", async () => {
    script.enqueue(
      {
        toolCalls: [
          {
            name: "http_request",
            input: { target: "github", method: "get", path: "/user/repos?per_page=5" },
          },
        ],
      },
      {
        toolCalls: [
          {
            name: "http_request",
            input: {
              target: "gh-ci",
              method: "POST",
              path: "/repos/acme/app/issues/1/comments",
              body: '{"body":"hi"}',
              headers: { Authorization: "Bearer stolen" },
            },
          },
        ],
      },
      { text: "done" },
    );
    const agent = await driver();
    await agent.prompt(
      { turnId: "turn_1", text: "list my repos", model: "mock:model", approval: "ask" },
      new AbortController().signal,
    );

    // The model was offered http_request, told its targets.
    const offered = script.calls[0]?.tools?.find((tool) => tool.name === "http_request");
    expect(offered?.type === "function" && offered.description).toContain(
      "This session's targets: gh-ci, github.",
    );

    // One grant, bound to this session, used for both calls with the session's id.
    const bound = (await credentials.listGrants("alice", "gh-ci")).filter(
      (each) => each.sessionId === "ses_1",
    );
    expect(bound).toHaveLength(1);
    const grant = bound[0]!;
    expect(grant.expiresAt).toBeGreaterThan(Date.now());
    expect(
      proxy.requests.map((request) => [
        request.proxyId,
        request.sessionId,
        request.target,
        request.method,
        request.pathAndQuery,
      ]),
    ).toEqual([
      [grant.id, "ses_1", "github", "GET", "/user/repos?per_page=5"],
      [grant.id, "ses_1", "github", "POST", "/repos/acme/app/issues/1/comments"],
    ]);
    // The upstream got the stored token (the proxy's doing), and the POST body intact.
    expect(received.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${token}`,
      `Bearer ${token}`,
    ]);
    expect(received[1]?.body).toBe('{"body":"hi"}');

    // GET is read-only and runs; the POST waited for approval.
    expect(asked).toEqual(["http_request: POST gh-ci /repos/acme/app/issues/1/comments"]);
    const [get, post] = toolOutputs();
    expect(get).toMatchObject({ is_error: false });
    expect(get?.output).toContain("HTTP 200");
    expect(get?.output).toContain("x-ratelimit-remaining: 4999");
    expect(get?.output).toContain("acme/app");
    expect(post?.output).toContain("HTTP 201");
    // The token is nowhere the model or a watcher can read.
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(await temporary.store.messages.list("ses_1"))).not.toContain(token);

    expect(grant.revokedAt).toBeUndefined();
    await agent.close();
    const after = (await credentials.listGrants("alice", "gh-ci")).find((each) => each.id === grant.id);
    expect(after?.revokedAt).toBeTypeOf("number");
    // The revoked grant is refused by the proxy from now on.
    await expect(
      proxy.forward({
        owner: "alice",
        proxyId: grant.id,
        target: "github",
        method: "GET",
        pathAndQuery: "/user",
        headers: {},
        sessionId: "ses_1",
      }),
    ).rejects.toThrow("revoked");
  }, 30_000);

  it("bounds the output, refuses unknown targets and URLs, and says when the proxy refuses", async () => {
    script.enqueue(
      { toolCalls: [{ name: "http_request", input: { target: "github", method: "GET", path: "/big" } }] },
      { toolCalls: [{ name: "http_request", input: { target: "graph", method: "GET", path: "/v1.0/me" } }] },
      {
        toolCalls: [
          {
            name: "http_request",
            input: { target: "github", method: "GET", path: "https://evil.example/x" },
          },
        ],
      },
      { text: "done" },
    );
    const agent = await driver();
    // Revoke behind the agent's back after the first call: the proxy's refusal reaches the model.
    const original = proxy.forward.bind(proxy);
    let calls = 0;
    proxy.forward = async (request) => {
      calls += 1;
      if (calls === 2) await credentials.revokeGrant("alice", request.proxyId);
      return original(request);
    };
    await agent.prompt(
      { turnId: "turn_1", text: "x", model: "mock:model", approval: "auto" },
      new AbortController().signal,
    );
    await agent.close();
    const [big, unknown, url] = toolOutputs();
    expect(big?.output.length).toBeLessThanOrEqual(5_000);
    expect(big?.output).toContain("cut");
    expect(unknown).toMatchObject({ is_error: true });
    expect(unknown?.output).toContain('no credential for "graph"; its targets are: gh-ci, github');
    expect(url).toMatchObject({ is_error: true });
    expect(url?.output).toContain("must start with /");
    expect(received.map((request) => request.url)).toEqual(["/big"]);
  }, 30_000);

  it("a session without credentials gets no http_request and no grant", async () => {
    await createSession(temporary.store, { id: "ses_2", owner: "alice" });
    script.enqueue({ text: "hello" });
    const agent = await driver("ses_2", 3);
    await agent.prompt(
      { turnId: "turn_1", text: "x", model: "mock:model", approval: "auto" },
      new AbortController().signal,
    );
    await agent.close();
    expect(script.calls[0]?.tools?.some((tool) => tool.name === "http_request")).toBe(false);
    expect((await credentials.listGrants("alice")).filter((grant) => grant.sessionId !== undefined)).toEqual(
      [],
    );
  }, 30_000);
});
