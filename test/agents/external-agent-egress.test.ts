import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/protocol/index.js";
import { startHarness, testProviders, type Harness } from "../fixtures/hangar-harness.js";
import { watchSession } from "./agent-client.js";
import { installScriptedAgent, scriptedAgentDefinition } from "../fixtures/scripted-agent-install.js";

/**
 * Egress through a real sandbox: an external agent whose project allows one host gets
 * HTTP_PROXY pointing at the runner, and a command it runs reaches that host (a test
 * upstream on the loopback, let through by the test-only setting) through the runner's
 * proxy port and Hangar's egress proxy; a host not on the list is refused. Both are
 * events of the session.
 */
const providers = await testProviders();

describe.each(providers)("egress of an external agent in a %s sandbox", (provider) => {
  let hangar: Harness;
  let agentsDirectory: string;
  let upstream: Server;
  let upstreamPort: number;
  const upstreamHits: string[] = [];

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      upstreamHits.push(request.url ?? "");
      response.end("upstream says hi");
    });
    await new Promise<void>((listening) => upstream.listen(0, "127.0.0.1", listening));
    upstreamPort = (upstream.address() as AddressInfo).port;
    agentsDirectory = await installScriptedAgent();
    // A plain-HTTP request through the proxy (absolute URI), from a command the agent runs.
    const fetchThroughProxy = (host: string) =>
      [
        "const http = require('node:http');",
        `http.get({ host: '127.0.0.1', port: 4481, path: 'http://${host}:${upstreamPort}/hello', headers: { host: '${host}:${upstreamPort}' } },`,
        "  (answer) => { let body = ''; answer.on('data', (chunk) => (body += chunk));",
        "    answer.on('end', () => console.log(answer.statusCode + ' ' + body)); })",
        "  .on('error', (error) => console.log('error ' + error.message));",
      ].join("\n");
    const script = {
      turns: [
        [
          { reportEnv: ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"] },
          {
            terminal: {
              command: "/opt/hangar/agents/bin/node",
              args: ["-e", fetchThroughProxy("localhost")],
            },
          },
          {
            terminal: {
              command: "/opt/hangar/agents/bin/node",
              args: ["-e", fetchThroughProxy("not-allowed.test")],
            },
          },
        ],
      ],
    };
    hangar = await startHarness({
      provider,
      config: {
        llm: { default_model: "local:scripted", providers: { local: { base_url: "http://127.0.0.1:9/v1" } } },
        sandbox: { limits: { memory_mb: 512, pids: 128, workspace_mb: 64 } },
        sandboxes: { egress: { allow: ["localhost"], allow_loopback_for_tests: true } },
        agents: {
          directory: agentsDirectory,
          custom: {
            scripted: scriptedAgentDefinition(script),
          },
        },
      },
    });
  }, 120_000);

  afterAll(async () => {
    await hangar?.stop();
    upstream?.close();
    if (agentsDirectory) await rm(agentsDirectory, { recursive: true, force: true });
  });

  it("reaches an allowed host through the runner's proxy and is refused another, each an event", async () => {
    const started = await hangar.request<{ session_id: string }>("POST", "/chat", {
      prompt: "fetch",
      project_id: `egress-${provider}`,
      agent: "scripted",
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const events = await watchSession(hangar.url, started.body.session_id);
    const messages = events
      .filter((event): event is SessionEvent<"message.end"> => event.name === "message.end")
      .map((event) => event.data.text)
      .join("\n");
    expect(messages).toContain('"HTTP_PROXY":"http://127.0.0.1:4481"');
    expect(messages).toContain('"NO_PROXY":"127.0.0.1,localhost"');
    expect(messages).toContain("exit 0: 200 upstream says hi");
    expect(messages).toMatch(/exit 0: 403 /);
    expect(upstreamHits).toEqual(["/hello"]);
    const allowed = events.filter((event) => event.name === "egress.allowed");
    const denied = events.filter(
      (event): event is SessionEvent<"egress.denied"> => event.name === "egress.denied",
    );
    expect(allowed).toHaveLength(1);
    expect(allowed[0]?.data).toMatchObject({ host: "localhost", port: upstreamPort });
    expect(denied.map((event) => event.data.host)).toEqual(["not-allowed.test"]);
    expect(events.at(-1)?.name).toBe("session.ended");
  }, 120_000);
});
