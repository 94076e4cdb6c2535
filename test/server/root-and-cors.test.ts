import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { startTestServer, type TestServer } from "./test-server.js";

/**
 * `GET /` points a visitor to the documentation, and `server.cors_origins` lets
 * the pages of the listed origins (only those) call the API from a browser:
 * preflights and answers carry the CORS headers for them and for no one else.
 */
const key = "cors-test-key-0123456789";
const allowedOrigin = "https://app.example.com";

function preflight(baseUrl: string, origin: string): Promise<Response> {
  return fetch(`${baseUrl}/run`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type",
    },
  });
}

describe("GET / and CORS", () => {
  let server: TestServer;
  let withoutCors: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      config: { server: { cors_origins: [allowedOrigin], api_keys: [{ key, owner: "alice" }] } },
    });
    withoutCors = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
    await withoutCors?.close();
  });

  it("GET / names the docs and the OpenAPI document, without a key; both are there", async () => {
    const root = await fetch(`${server.baseUrl}/`);
    expect(root.status).toBe(200);
    const body = (await root.json()) as { docs: string; openapi: string; version: string };
    expect(body).toMatchObject({ name: "Hangar", docs: "/api/docs", openapi: "/api/openapi.json" });
    expect((await fetch(`${server.baseUrl}${body.openapi}`)).status).toBe(200);
    const docs = await fetch(`${server.baseUrl}/docs`, { redirect: "manual" });
    expect(docs.status).toBe(302);
    expect(docs.headers.get("location")).toBe("/api/docs");
    expect((await fetch(`${server.baseUrl}${body.docs}`)).status).toBe(200);
  });

  it("answers the preflight of an allowed origin, before authentication", async () => {
    const response = await preflight(server.baseUrl, allowedOrigin);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  it("gives another origin no CORS header, on the preflight and on the request", async () => {
    const response = await preflight(server.baseUrl, "https://evil.example");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const request = await fetch(`${server.baseUrl}/health`, { headers: { origin: "https://evil.example" } });
    expect(request.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets an allowed page read an authenticated answer", async () => {
    const response = await fetch(`${server.baseUrl}/run`, {
      method: "POST",
      headers: { origin: allowedOrigin, "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ code: "print(1)", language: "python" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
  });

  it("sends no CORS header at all without cors_origins", async () => {
    const response = await preflight(withoutCors.baseUrl, allowedOrigin);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("reads HANGAR_CORS_ORIGINS and refuses what is not an origin, naming the variable", () => {
    const config = loadConfig({
      environment: { HANGAR_CORS_ORIGINS: "https://a.example, http://localhost:3000" },
      workingDirectory: "/nonexistent",
    });
    expect(config.server.cors_origins).toEqual(["https://a.example", "http://localhost:3000"]);
    expect(() =>
      loadConfig({
        environment: { HANGAR_CORS_ORIGINS: "a.example/path" },
        workingDirectory: "/nonexistent",
      }),
    ).toThrow(/HANGAR_CORS_ORIGINS/);
  });
});
