import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/protocol/index.js";
import { startGitHubApi, type GitHubApiFixture } from "../fixtures/github-api.js";
import { startHarness, testProviders, type Harness } from "../fixtures/hangar-harness.js";
import { installScriptedAgent, scriptedAgentDefinition } from "../fixtures/scripted-agent-install.js";
import { watchSession } from "./agent-client.js";

/**
 * Credentials for an external agent, through a real sandbox: a session started with
 * `credentials: ["gh"]` gets HTTP_PROXY even with no host allowed, and a command the agent
 * runs calls `http://credentials.hangar/github/…`; the runner's proxy port and Hangar's
 * egress proxy hand it to the credential proxy with a grant bound to the session, which
 * adds the stored token on the way to GitHub (the local fake). The token is in no event,
 * and the agent's environment holds none; a target the session has no credential for is
 * refused with the proxy's error.
 */
const providers = await testProviders();

describe.each(providers)("credentials of an external agent in a %s sandbox", (provider) => {
  let hangar: Harness;
  let github: GitHubApiFixture;
  let agentsDirectory: string;

  beforeAll(async () => {
    github = await startGitHubApi();
    agentsDirectory = await installScriptedAgent();
    // A plain-HTTP request through the runner's proxy port, as `curl http://credentials.hangar/…` would send it.
    const callThroughProxy = (method: string, path: string, body?: string) =>
      [
        "const http = require('node:http');",
        `const outgoing = http.request({ host: '127.0.0.1', port: 4481, method: '${method}', path: 'http://credentials.hangar${path}',`,
        `  headers: { host: 'credentials.hangar', authorization: 'Bearer stolen-by-the-agent', 'content-type': 'application/json' } },`,
        "  (answer) => { let text = ''; answer.on('data', (chunk) => (text += chunk));",
        "    answer.on('end', () => console.log(answer.statusCode + ' ' + text)); });",
        "outgoing.on('error', (error) => console.log('error ' + error.message));",
        `outgoing.end(${body === undefined ? "" : JSON.stringify(body)});`,
      ].join("\n");
    const node = (script: string) => ({
      terminal: { command: "/opt/hangar/agents/bin/node", args: ["-e", script], outputByteLimit: 4000 },
    });
    const script = {
      turns: [
        [
          { reportEnv: ["HTTP_PROXY", "GH_TOKEN", "GITHUB_TOKEN"] },
          node(callThroughProxy("GET", "/github/user")),
          node(
            callThroughProxy(
              "POST",
              "/github/repos/octocat/repo-1/issues/1/comments",
              '{"body":"from the agent"}',
            ),
          ),
          node(callThroughProxy("GET", "/graph/v1.0/me")),
        ],
      ],
    };
    hangar = await startHarness({
      provider,
      config: {
        llm: { default_model: "local:scripted", providers: { local: { base_url: "http://127.0.0.1:9/v1" } } },
        sandbox: { limits: { memory_mb: 512, pids: 128, workspace_mb: 64 } },
        proxy: { github_api_url: github.url },
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
    await github?.close();
    if (agentsDirectory) await rm(agentsDirectory, { recursive: true, force: true });
  });

  it("calls GitHub through http://credentials.hangar with a grant bound to the session; the token stays outside", async () => {
    const added = await hangar.request("POST", "/credentials", {
      name: "gh",
      kind: "github",
      token: github.token,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const started = await hangar.request<{ session_id: string }>("POST", "/chat", {
      prompt: "use github",
      project_id: `credentials-${provider}`,
      agent: "scripted",
      credentials: ["gh"],
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const events = await watchSession(hangar.url, started.body.session_id);
    const messages = events
      .filter((event): event is SessionEvent<"message.end"> => event.name === "message.end")
      .map((event) => event.data.text)
      .join("\n");
    expect(messages).toContain('"HTTP_PROXY":"http://127.0.0.1:4481"');
    expect(messages).toContain('"GH_TOKEN":null');
    expect(messages).toMatch(/exit 0: 200 \{"login":"octocat"/);
    expect(messages).toMatch(/exit 0: 201 .*from the agent/);
    // The session has no graph credential: the credential proxy's refusal, as JSON.
    expect(messages).toMatch(/exit 0: 404 \{"error":\{"code":"PROXY_GRANT_NOT_FOUND"/);
    // GitHub saw the stored token (never the agent's own Authorization), and the POST body intact.
    const fromAgent = github.requests.filter((request) => request.path !== "/");
    expect(fromAgent.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /user",
      "POST /repos/octocat/repo-1/issues/1/comments",
    ]);
    for (const request of fromAgent) expect(request.headers.authorization).toBe(`Bearer ${github.token}`);
    expect(fromAgent[1]?.body.toString("utf8")).toBe('{"body":"from the agent"}');
    expect(JSON.stringify(events)).not.toContain(github.token);
    // The grant it used is bound to this session and expires on its own.
    const grants = await hangar.request<{
      proxy_ids: Array<{ session_id: string | null; expires_at: string | null }>;
    }>("GET", "/credentials/gh/proxy-ids");
    const bound = grants.body.proxy_ids.filter((grant) => grant.session_id === started.body.session_id);
    expect(bound).toHaveLength(1);
    expect(bound[0]?.expires_at).not.toBeNull();
    expect(events.at(-1)?.name).toBe("session.ended");
  }, 120_000);
});
