import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/config-schema.js";
import { HangarError } from "../../src/core/errors.js";
import { sessionEventNames } from "../../src/protocol/session-events.js";
import { createServer } from "../../src/server/create-server.js";
import type { SessionService } from "../../src/sessions/session-service.js";
import { FakeRunService } from "../fixtures/fake-run-service.js";
import { fakeResult } from "../fixtures/fake-run-service.js";
import { postJson, startTestServer, testHealth, type TestServer } from "./test-server.js";

interface JsonSchema {
  type?: string;
  oneOf?: JsonSchema[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** The member of a `oneOf` whose `discriminator` property is the one constant `value`. */
function memberOf(
  union: JsonSchema | undefined,
  discriminator: string,
  value: string,
): JsonSchema | undefined {
  return union?.oneOf?.find((member) => {
    const values = member.properties?.[discriminator]?.enum;
    return values?.length === 1 && values[0] === value;
  });
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    config: { runs: { max_concurrent: 3 }, sandbox: { limits: { memory_mb: 256 } } },
  });
});
afterAll(() => server.close());

describe("GET /status and /health", () => {
  it("reports version, provider, limits, load and isolation", async () => {
    const response = await fetch(`${server.baseUrl}/status`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 200,
      version: "9.9.9-test",
      provider: "fake",
      limits: { maxConcurrent: 3, memoryMb: 256, maxTimeoutMs: 60_000, bodyLimitBytes: 2 * 1024 * 1024 },
      runs: { running: 1, queued: 2, sandboxesActive: 3 },
      isolation: testHealth.isolation,
    });
  });

  it("answers liveness checks", async () => {
    const response = await fetch(`${server.baseUrl}/health`);
    expect(await response.json()).toEqual({ ok: true, version: "9.9.9-test" });
  });
});

describe("GET /metrics", () => {
  it("exposes run counters, durations, gauges and process metrics", async () => {
    server.runService.handler = async (_owner, request) =>
      fakeResult(request, { status: "timeout", durationMs: 1500 });
    expect((await postJson(`${server.baseUrl}/run`, { code: "x", language: "py" })).status).toBe(200);
    server.runService.handler = async () => {
      throw new HangarError("TOO_MANY_REQUESTS", "full");
    };
    expect((await postJson(`${server.baseUrl}/run`, { code: "x", language: "py" })).status).toBe(429);

    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('hangar_runs_total{status="timeout",language="python"} 1');
    expect(text).toContain('hangar_run_duration_seconds_bucket{le="2.5",language="python"} 1');
    expect(text).toContain('hangar_run_duration_seconds_bucket{le="1",language="python"} 0');
    expect(text).toContain('hangar_runs_rejected_total{code="TOO_MANY_REQUESTS"} 1');
    expect(text).toMatch(/^hangar_sandboxes_active 3$/m);
    expect(text).toMatch(/^hangar_runs_queued 2$/m);
    expect(text).toMatch(/^hangar_runs_running 1$/m);
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("reads the gauges at scrape time", async () => {
    server.runService.statsValue = { ...server.runService.statsValue, running: 5 };
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(text).toMatch(/^hangar_runs_running 5$/m);
  });
});

describe("API documentation", () => {
  it("serves an OpenAPI 3 document generated from the zod schemas", async () => {
    const response = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    // Dereferenced: the document names shared schemas as components and points at them with $ref.
    const document = (await SwaggerParser.dereference((await response.json()) as never)) as unknown as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/run", "/languages", "/status", "/health", "/run/sessions", "/metrics"]),
    );
    expect(Object.keys(document.paths).some((path) => path.startsWith("/api/docs"))).toBe(false);
    const runSchema = document.paths["/run"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(runSchema).toMatchObject({
      type: "object",
      required: ["code", "language"],
      properties: { timeoutMs: { type: "integer", maximum: 60_000 }, files: { maxItems: 64 } },
    });
  });

  it("documents every session event's payload and the event streams of both SSE routes", async () => {
    // The document needs the agent routes registered, never the service behind them.
    const app = await createServer({
      runService: new FakeRunService(),
      config: configSchema.parse({}),
      logger: false,
      version: "9.9.9-test",
      health: () => testHealth,
      sessionService: {} as SessionService,
    });
    try {
      type Responses = Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
      const document = (await SwaggerParser.dereference(
        (await app.inject({ url: "/api/openapi.json" })).json<never>(),
      )) as unknown as { paths: Record<string, Record<string, { responses: Responses }>> };
      const progress = document.paths["/agent/progress/{session_id}"]?.get?.responses["200"];
      const events = progress?.content?.["text/event-stream"]?.schema;
      expect(events?.oneOf).toHaveLength(sessionEventNames.length);
      expect(sessionEventNames).toContain("plan.update");
      expect(memberOf(events, "name", "egress.denied")?.properties?.data?.required).toEqual(
        expect.arrayContaining(["host", "port", "reason"]),
      );
      const toolEnd = memberOf(events, "name", "tool.end")?.properties?.data;
      expect(toolEnd).toMatchObject({
        type: "object",
        properties: { duration_ms: { type: "number" }, is_error: { type: "boolean" } },
      });
      expect(toolEnd?.required).toEqual(expect.arrayContaining(["tool_call_id", "duration_ms", "output"]));
      expect(memberOf(events, "name", "question.asked")?.properties?.data?.properties).toHaveProperty(
        "choices",
      );

      const page = document.paths["/agent/sessions/{id}/events"]?.get?.responses["200"];
      const pageSchema = page?.content?.["application/json"]?.schema;
      expect(memberOf(pageSchema?.properties?.events?.items, "name", "tool.end")).toEqual(
        memberOf(events, "name", "tool.end"),
      );

      const run = document.paths["/run"]?.post?.responses["200"]?.content;
      expect(run?.["application/json"]?.schema.properties).toHaveProperty("exitCode");
      const runEvents = run?.["text/event-stream"]?.schema;
      expect(memberOf(runEvents, "event", "stdout")?.properties?.data?.properties).toHaveProperty("data");
      expect(
        memberOf(runEvents, "event", "end")?.properties?.data?.properties?.result?.properties,
      ).toHaveProperty("durationMs");
    } finally {
      await app.close();
    }
  });

  it("serves Swagger UI whose scripts and spec load from this server", async () => {
    const response = await fetch(`${server.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    const sources = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const source of sources) {
      // Relative to our own origin: nothing comes from a CDN.
      expect(source).toMatch(/^\/api\/docs\//);
      const asset = await fetch(new URL(source, server.baseUrl));
      expect(asset.status, source).toBe(200);
      expect(asset.headers.get("content-type")).toMatch(/javascript/);
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    const spec = await fetch(`${server.baseUrl}/api/docs/json`);
    expect(((await spec.json()) as { paths: object }).paths).toHaveProperty("/run");
  });
});
