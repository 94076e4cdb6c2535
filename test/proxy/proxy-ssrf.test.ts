import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, startProxyHarness, type ProxyHarness } from "./proxy-harness.js";

// The SSRF matrix: crafted paths, request lines and headers sent byte for byte over TCP to
// Hangar's proxy routes. Each one is either refused, or confined to the fixed upstream (it
// reaches the GitHub/Graph fake, with the fake's own Host, under the base path). A canary
// listener on another loopback port stands for "anywhere else": it must never see a connection.

let harness: ProxyHarness;

beforeAll(async () => {
  harness = await startProxyHarness();
});
afterAll(async () => {
  await harness?.close();
});

type Outcome = "refused" | "confined";

interface Case {
  name: string;
  /** The request target (`/proxy/…`); `{canary}` is replaced with the canary's host:port. */
  target: string;
  expected: Outcome;
  /** Extra header lines. */
  headers?: string[];
  /** Which grant to send (default GitHub). */
  grant?: "github" | "graph" | "bearer";
  /** The whole request line instead of `GET <target> HTTP/1.1`. */
  requestLine?: string;
}

const cases: Case[] = [
  { name: "dot-dot segments", target: "/proxy/github/../../etc/passwd", expected: "refused" },
  { name: "trailing dot-dot", target: "/proxy/github/user/..", expected: "refused" },
  { name: "single dot segment", target: "/proxy/github/./user", expected: "refused" },
  { name: "encoded dot-dot %2e%2e", target: "/proxy/github/%2e%2e/%2e%2e/admin", expected: "refused" },
  { name: "upper-case %2E%2E", target: "/proxy/github/user/%2E%2E/%2E%2E", expected: "refused" },
  { name: "mixed .%2e", target: "/proxy/github/.%2e/user", expected: "refused" },
  { name: "encoded slash %2f", target: "/proxy/github/..%2f..%2fuser", expected: "refused" },
  { name: "double-encoded slash %252f", target: "/proxy/github/%252f%252f{canary}/x", expected: "refused" },
  { name: "double-encoded dots %252e", target: "/proxy/github/%252e%252e/x", expected: "refused" },
  { name: "protocol-relative //host", target: "/proxy/github//{canary}/x", expected: "refused" },
  { name: "encoded //host", target: "/proxy/github/%2f%2f{canary}/x", expected: "refused" },
  { name: "userinfo @host", target: "/proxy/github/@{canary}/x", expected: "refused" },
  { name: "user@host in a segment", target: "/proxy/github/user@{canary}", expected: "refused" },
  { name: "encoded @ (%40)", target: "/proxy/github/%40{canary}/", expected: "refused" },
  { name: "semicolon then @", target: "/proxy/github/user;@{canary}", expected: "refused" },
  { name: "backslash", target: "/proxy/github/\\\\{canary}/x", expected: "refused" },
  { name: "encoded backslash %5c", target: "/proxy/github/%5c%5c{canary}/x", expected: "refused" },
  { name: "absolute URL in the path", target: "/proxy/github/http://{canary}/", expected: "refused" },
  { name: "https:%2f%2f in the path", target: "/proxy/github/https:%2f%2f{canary}", expected: "refused" },
  { name: "IPv6 literal //[::1]", target: "/proxy/github//[::1]:{canaryPort}/x", expected: "refused" },
  { name: "raw IPv6 brackets", target: "/proxy/github/[::1]:{canaryPort}/user", expected: "refused" },
  {
    name: "encoded IPv6 brackets stay a path segment",
    target: "/proxy/github/%5b::1%5d:{canaryPort}/user",
    expected: "confined",
  },
  {
    name: "encoded CRLF header injection",
    target: "/proxy/github/user%0d%0aHost:%20{canary}",
    expected: "refused",
  },
  { name: "CRLF in the query", target: "/proxy/github/user?x=%0d%0aHost:%20{canary}", expected: "refused" },
  { name: "encoded NUL", target: "/proxy/github/user%00.json", expected: "refused" },
  { name: "encoded TAB", target: "/proxy/github/user%09", expected: "refused" },
  { name: "overlong UTF-8 dots %c0%ae", target: "/proxy/github/%c0%ae%c0%ae/user", expected: "refused" },
  {
    name: "fullwidth dots stay a segment",
    target: "/proxy/github/%EF%BC%8E%EF%BC%8E/user",
    expected: "confined",
  },
  { name: "fragment", target: "/proxy/github/user#@{canary}", expected: "refused" },
  { name: "over-long path", target: `/proxy/github/${"a".repeat(9000)}`, expected: "refused" },
  {
    name: "absolute-form request line",
    target: "",
    requestLine: "GET http://{canary}/proxy/github/user HTTP/1.1",
    expected: "refused",
  },
  {
    // Node reads this as `GET /proxy/github/user` with a Host header naming the canary: confined.
    name: "raw CRLF in the request line",
    target: "",
    requestLine: "GET /proxy/github/user\r\nHost: {canary} HTTP/1.1",
    expected: "confined",
  },
  {
    name: "Host header pointing elsewhere",
    target: "/proxy/github/user",
    headers: ["host: {canary}"],
    expected: "confined",
  },
  {
    name: "X-Forwarded-Host / Forwarded / X-Original-URL",
    target: "/proxy/github/user",
    headers: [
      "x-forwarded-host: {canary}",
      "x-forwarded-proto: http",
      "forwarded: host={canary}",
      "x-original-url: http://{canary}/",
      "x-rewrite-url: //{canary}/",
    ],
    expected: "confined",
  },
  {
    name: "Connection naming an allowlisted header",
    target: "/proxy/github/user",
    headers: ["connection: accept, close", "accept: application/json"],
    expected: "confined",
  },
  { name: "target segment that is a host", target: "/proxy/{canary}/user", expected: "refused" },
  { name: "encoded slash in the target segment", target: "/proxy/github%2f..%2f/user", expected: "refused" },
  { name: "redirect to another host", target: "/proxy/github/redirect-elsewhere", expected: "refused" },
  {
    name: "Graph: escape with %2f",
    target: "/proxy/graph/v1.0/me/..%2f..%2f{canary}",
    grant: "graph",
    expected: "refused",
  },
  { name: "Graph: //host", target: "/proxy/graph//{canary}/v1.0/me", grant: "graph", expected: "refused" },
  {
    name: "bearer: leave the base path with ..",
    target: "/proxy/files/../../x",
    grant: "bearer",
    expected: "refused",
  },
  {
    name: "bearer: stays under its base path",
    target: "/proxy/files/me",
    grant: "bearer",
    expected: "confined",
  },
];

describe("SSRF matrix", () => {
  it("has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const testCase of cases) {
    it(`${testCase.expected}: ${testCase.name}`, async () => {
      const canary = `127.0.0.1:${harness.canaryPort}`;
      const fill = (text: string): string =>
        text.replaceAll("{canary}", canary).replaceAll("{canaryPort}", String(harness.canaryPort));
      const grant = harness.grants[testCase.grant ?? "github"];
      const requestLine = fill(testCase.requestLine ?? `GET ${testCase.target} HTTP/1.1`);
      const headers = (testCase.headers ?? []).map(fill);
      const hasHost = headers.some((line) => line.toLowerCase().startsWith("host:"));
      const head = [
        requestLine,
        ...(hasHost ? [] : [`host: 127.0.0.1:${harness.port}`]),
        ...headers,
        `authorization: Bearer ${harness.aliceKey}`,
        `x-proxy-id: ${grant}`,
      ].join("\r\n");
      const githubBefore = harness.github.requests.length;
      const graphBefore = harness.graph.requests.length;
      const response = await rawRequest(harness.port, head);
      const reached = [
        ...harness.github.requests
          .slice(githubBefore)
          .map((request) => ({ request, url: harness.github.url })),
        ...harness.graph.requests.slice(graphBefore).map((request) => ({ request, url: harness.graph.url })),
      ];
      expect(response.status, response.raw.slice(0, 300)).toBeGreaterThanOrEqual(200);
      if (testCase.expected === "refused") {
        expect(response.status, response.raw.slice(0, 300)).toBeGreaterThanOrEqual(400);
        // The redirect case reaches the upstream (which answers the redirect); nothing else may.
        if (!testCase.target.endsWith("redirect-elsewhere")) expect(reached).toEqual([]);
      }
      for (const { request, url } of reached) {
        expect(request.headers.host).toBe(new URL(url).host);
        expect(request.path.startsWith("/")).toBe(true);
        expect(request.path).not.toMatch(/\/\/|\.\.|@|\\/);
        expect(request.headers["x-forwarded-host"]).toBeUndefined();
        expect(request.headers.forwarded).toBeUndefined();
        if (testCase.grant === "bearer") expect(request.path.startsWith("/v1.0/")).toBe(true);
      }
      if (testCase.name.startsWith("Connection naming")) {
        expect(reached[0]?.request.headers.accept).toBeUndefined();
      }
      expect(response.raw).not.toContain(harness.github.token);
      expect(response.raw).not.toContain(harness.graph.token);
      expect(harness.canaryConnections()).toBe(0);
    });
  }

  it("never let a single connection reach the canary, nor a token into the logs", () => {
    expect(harness.canaryConnections()).toBe(0);
    const logs = harness.logs.join("\n");
    expect(logs).not.toContain(harness.github.token);
    expect(logs).not.toContain(harness.graph.token);
  });
});
