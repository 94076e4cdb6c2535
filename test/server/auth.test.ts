import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startTestServer, type TestServer } from "./test-server.js";

const aliceKey = "alice-key-0123456789abcdef";
const bobKey = "bob-key-0123456789abcdef00";
const operatorKey = "operator-key-0123456789abcdef";

describe("with API keys", () => {
  let server: TestServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString("utf8"));
        callback();
      },
    });
    server = await startTestServer({
      config: {
        server: {
          api_keys: [
            { key: aliceKey, owner: "alice" },
            { key: bobKey, owner: "bob" },
            { key: operatorKey, owner: "operator", admin: true },
          ],
        },
      },
      logger: pino({ level: "trace" }, sink),
    });
    server.runService.addNotebook("alice", "alice-notebook");
    server.runService.addNotebook("bob", "bob-notebook");
  });
  afterAll(() => server.close());

  const as = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

  it("refuses requests without a key with 401 UNAUTHORIZED", async () => {
    for (const path of ["/run/sessions", "/status", "/languages", "/metrics", "/nope"]) {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    }
  });

  it("serves the API documentation without a key, so a browser can read it", async () => {
    for (const path of ["/api/openapi.json", "/api/docs"]) {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
    }
  });

  it("refuses wrong keys, including prefixes of right ones and other schemes", async () => {
    for (const header of [
      `Bearer ${aliceKey}x`,
      `Bearer ${aliceKey.slice(0, -1)}`,
      `Basic ${aliceKey}`,
      aliceKey,
    ]) {
      const response = await fetch(`${server.baseUrl}/languages`, { headers: { authorization: header } });
      expect(response.status, header).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { code: "UNAUTHORIZED", message: "invalid API key" },
      });
    }
  });

  it("refuses an unauthenticated run before reading its body", async () => {
    const response = await postJson(`${server.baseUrl}/run`, { code: "x", language: "python" });
    expect(response.status).toBe(401);
    expect(server.runService.executions).toHaveLength(0);
  });

  it("shows the whole server's load and metrics to admin keys only", async () => {
    const tenantStatus = await fetch(`${server.baseUrl}/status`, { headers: as(aliceKey) });
    expect(tenantStatus.status).toBe(200);
    const tenantBody = (await tenantStatus.json()) as Record<string, unknown>;
    expect(tenantBody).toMatchObject({
      status: 200,
      limits: { maxConcurrent: expect.any(Number) as unknown },
    });
    expect(tenantBody).not.toHaveProperty("runs");
    const tenantMetrics = await fetch(`${server.baseUrl}/metrics`, { headers: as(aliceKey) });
    expect(tenantMetrics.status).toBe(403);
    expect(await tenantMetrics.json()).toMatchObject({
      error: {
        code: "FORBIDDEN",
        field: "authorization",
        message: expect.stringMatching(/admin/) as unknown,
      },
    });

    const adminStatus = (await (
      await fetch(`${server.baseUrl}/status`, { headers: as(operatorKey) })
    ).json()) as Record<string, unknown>;
    expect(adminStatus).toHaveProperty("runs.running");
    const adminMetrics = await fetch(`${server.baseUrl}/metrics`, { headers: as(operatorKey) });
    expect(adminMetrics.status).toBe(200);
    expect(await adminMetrics.text()).toMatch(/hangar_/);
  });

  it("serves /health without a key", async () => {
    const response = await fetch(`${server.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: "9.9.9-test" });
  });

  it("runs as the key's owner", async () => {
    const response = await postJson(`${server.baseUrl}/run`, { code: "x", language: "python" }, as(bobKey));
    expect(response.status).toBe(200);
    expect(server.runService.executions.at(-1)?.owner).toBe("bob");
  });

  it("lists only the caller's sessions", async () => {
    const response = await fetch(`${server.baseUrl}/run/sessions`, { headers: as(aliceKey) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { sessions: { sessionId: string }[] };
    expect(body.sessions.map((session) => session.sessionId)).toEqual(["alice-notebook"]);
  });

  it("answers 404 for another owner's session and 204 for one's own", async () => {
    const foreign = await fetch(`${server.baseUrl}/run/sessions/bob-notebook`, {
      method: "DELETE",
      headers: as(aliceKey),
    });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { code: "SESSION_NOT_FOUND", field: "sessionId" } });
    expect(server.runService.listNotebooks("bob")).toHaveLength(1);

    const own = await fetch(`${server.baseUrl}/run/sessions/bob-notebook`, {
      method: "DELETE",
      headers: as(bobKey),
    });
    expect(own.status).toBe(204);
    expect(await own.text()).toBe("");
    expect(server.runService.listNotebooks("bob")).toHaveLength(0);
  });

  it("never writes keys or Authorization headers to the log", async () => {
    await fetch(`${server.baseUrl}/languages`, { headers: as(aliceKey) });
    await fetch(`${server.baseUrl}/languages`, { headers: { authorization: "Bearer not-a-key-but-secret" } });
    expect(logLines.length).toBeGreaterThan(5);
    const log = logLines.join("");
    expect(log).toContain("incoming request");
    expect(log).not.toContain(aliceKey);
    expect(log).not.toContain(bobKey);
    expect(log).not.toContain("not-a-key-but-secret");
  });

  it("redacts Authorization headers if a handler ever logs them", () => {
    const headers = { authorization: `Bearer ${aliceKey}`, accept: "*/*" };
    server.app.log.info({ req: { headers }, headers }, "headers logged by mistake");
    const line = logLines.find((text) => text.includes("headers logged by mistake"));
    expect(line).toContain("[redacted]");
    expect(line).toContain("*/*");
    expect(line).not.toContain(aliceKey);
  });
});

describe("without API keys", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("serves everyone as the local owner", async () => {
    server.runService.addNotebook("local", "mine");
    server.runService.addNotebook("someone", "theirs");
    const response = await fetch(`${server.baseUrl}/run/sessions`);
    const body = (await response.json()) as { sessions: { sessionId: string }[] };
    expect(body.sessions.map((session) => session.sessionId)).toEqual(["mine"]);
    const run = await postJson(`${server.baseUrl}/run`, { code: "x", language: "python" });
    expect(run.status).toBe(200);
    expect(server.runService.executions[0]?.owner).toBe("local");
  });
});
