import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/app/start-server.js";
import { parseConfig } from "../../src/config/load-config.js";
import { HangarError } from "../../src/core/errors.js";
import type { GitHubCredentialReference, GitHubOperations } from "../../src/github/github-operations.js";
import { McpSessions } from "../../src/mcp/mcp-sessions.js";
import { createMcpListener } from "../../src/server/create-mcp-listener.js";
import { harnessLimits, requireBubblewrap } from "../fixtures/hangar-harness.js";
import { connectClient, errorText } from "./mcp-client.js";

/**
 * The ways to reach Hangar's MCP server besides the main listener's /mcp: the
 * `[mcp] port` listener (`--mcp-port`), `hangar mcp` over stdio (relayed to a
 * running server), and the MCP inspector's CLI against both; plus the GitHub
 * tools over an in-memory GitHubOperations (the lead swaps in the Octokit adapter).
 */
const root = resolve(import.meta.dirname, "../..");
const mainScript = join(root, "dist/main.js");
const apiKey = "transport-key-0123456789abcdef";
const inspectorBin = createRequire(import.meta.url).resolve(
  "@modelcontextprotocol/inspector-cli/build/cli.js",
);

/** The environment of a child: none of the test's own HANGAR_* steer it. */
function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("HANGAR_"))),
    ...extra,
  };
}

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A child process run to its end without blocking: the server under test lives in this process. */
function run(
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd ?? root, env: options.env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.once("error", reject);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/**
 * The inspector CLI, as `npx mcp-inspector-cli --cli …` runs it. It looks for
 * its own package.json relative to the working directory, so it runs in its
 * build directory.
 */
function inspect(args: string[], environment: Record<string, string> = {}): Promise<Finished> {
  return run([inspectorBin, "--cli", ...args], {
    cwd: dirname(inspectorBin),
    env: childEnvironment(environment),
  });
}

function toolNamesOf(stdout: string): string[] {
  const parsed = JSON.parse(stdout) as { tools: Array<{ name: string }> };
  return parsed.tools.map((tool) => tool.name).sort();
}

describe.runIf(requireBubblewrap())("MCP transports: --mcp-port, hangar mcp (stdio), the inspector", () => {
  let dataDirectory: string;
  let running: RunningServer;

  beforeAll(async () => {
    if (!existsSync(mainScript)) throw new Error("run `npm run build` first");
    dataDirectory = await mkdtemp(join(tmpdir(), "hangar-mcp-"));
    const config = parseConfig({
      data_dir: dataDirectory,
      log: { level: "silent" },
      server: { host: "127.0.0.1", port: 0, api_keys: [{ key: apiKey, owner: "transport" }] },
      sandbox: { provider: "bwrap", pool_size: 1, limits: harnessLimits },
      mcp: { port: 0 },
    });
    running = await startServer(config, { skipProbes: true });
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    if (dataDirectory !== undefined) await rm(dataDirectory, { recursive: true, force: true });
  });

  it("--mcp-port serves /mcp alone on its own port, with the same keys", async () => {
    expect(running.mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(running.mcpUrl).not.toBe(`${running.url}/mcp`);
    const client = await connectClient(running.mcpUrl!, apiKey);
    try {
      const { tools } = await client.client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("run_code");
      const result = await client.call("run_code", { language: "python", code: "print(6*7)" });
      expect((result.structuredContent as { stdout: string }).stdout).toBe("42\n");
    } finally {
      await client.close();
    }
    const mcpBase = running.mcpUrl!.slice(0, -"/mcp".length);
    const authorization = { authorization: `Bearer ${apiKey}` };
    expect((await fetch(`${mcpBase}/health`, { headers: authorization })).status).toBe(404);
    expect((await fetch(`${mcpBase}/run`, { method: "POST", headers: authorization })).status).toBe(404);
    const unauthorized = await fetch(running.mcpUrl!, { method: "POST" });
    expect(unauthorized.status).toBe(401);
  });

  it("the inspector CLI lists the tools over streamable HTTP at /mcp", async () => {
    const result = await inspect([
      `${running.url}/mcp`,
      "--transport",
      "http",
      "--header",
      `Authorization: Bearer ${apiKey}`,
      "--method",
      "tools/list",
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(toolNamesOf(result.stdout)).toContain("agent_start");
    expect(toolNamesOf(result.stdout)).toHaveLength(17);
  });

  it("the inspector CLI lists the tools and runs code through `hangar mcp` (stdio)", async () => {
    const environment = { HANGAR_URL: running.url, HANGAR_API_KEY: apiKey };
    const listed = await inspect(
      [process.execPath, mainScript, "mcp", "--method", "tools/list"],
      environment,
    );
    expect(listed.status, listed.stderr).toBe(0);
    expect(toolNamesOf(listed.stdout)).toHaveLength(17);
    const called = await inspect(
      [
        process.execPath,
        mainScript,
        "mcp",
        "--method",
        "tools/call",
        "--tool-name",
        "run_code",
        "--tool-arg",
        "language=python",
        "code=print(6*7)",
      ],
      environment,
    );
    expect(called.status, called.stderr).toBe(0);
    expect(JSON.parse(called.stdout)).toMatchObject({ structuredContent: { stdout: "42\n", status: "ok" } });
  });

  it("`hangar mcp` writes only JSON-RPC to stdout, and ends its server session when stdin ends", async () => {
    const before = running.app.mcpSessions.countFor("transport");
    const child = spawn(process.execPath, [mainScript, "mcp", "--server", running.mcpUrl!], {
      env: childEnvironment({ HANGAR_API_KEY: apiKey }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    });
    const waitForLine = async (count: number) => {
      for (
        let attempt = 0;
        attempt < 300 && stdout.split("\n").filter(Boolean).length < count;
        attempt += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await waitForLine(1);
    expect(running.app.mcpSessions.countFor("transport")).toBe(before + 1);
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} });
    await waitForLine(2);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
    const lines = stdout.split("\n").filter(Boolean);
    const messages = lines.map((line) => JSON.parse(line) as { id?: number; result?: { tools?: unknown[] } });
    expect(messages.map((message) => message.id)).toEqual([1, 2]);
    expect(messages[1]?.result?.tools).toHaveLength(17);
    expect(running.app.mcpSessions.countFor("transport")).toBe(before);
  });

  it("`hangar mcp` says on stderr, not stdout, when no server answers or the key is refused", async () => {
    const nobody = await run([mainScript, "mcp", "--server", "http://127.0.0.1:9"], {
      env: childEnvironment({}),
    });
    expect(nobody.status).toBe(1);
    expect(nobody.stdout).toBe("");
    expect(nobody.stderr).toMatch(/no Hangar server answers at http:\/\/127\.0\.0\.1:9\/mcp/);
    const refused = await run([mainScript, "mcp", "--server", running.url], {
      env: childEnvironment({ HANGAR_API_KEY: "wrong-key-0123456789abcdef" }),
    });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/refused the API key/);
  });

  describe("GitHub tools", () => {
    let listener: FastifyInstance;
    let sessions: McpSessions;
    let githubUrl: string;
    const calls: Array<{ operation: string; reference: GitHubCredentialReference; argument: unknown }> = [];

    beforeAll(async () => {
      sessions = new McpSessions({
        services: {
          runService: running.app.runService,
          github: inMemoryGitHub(calls),
          runLimits: { maxTimeoutMs: 10_000, maxCodeBytes: 10_000 },
          version: "test",
        },
        maxPerOwner: 4,
        idleMs: 60_000,
      });
      listener = await createMcpListener({ config: running.app.config, logger: false, sessions });
      await listener.listen({ host: "127.0.0.1", port: 0 });
      const address = listener.server.address();
      if (address === null || typeof address === "string") throw new Error("no address");
      githubUrl = `http://127.0.0.1:${address.port}/mcp`;
    });

    afterAll(async () => {
      await sessions?.closeAll();
      await listener?.close();
    });

    it("answers each GitHub tool from the GitHubOperations port, as the caller's owner, never with a token", async () => {
      const client = await connectClient(githubUrl, apiKey);
      try {
        const { tools } = await client.client.listTools();
        const names = tools.map((tool) => tool.name).filter((name) => name.startsWith("github_"));
        expect(names.sort()).toEqual([
          "github_create_issue_comment",
          "github_get_pull_request",
          "github_list_issues",
          "github_list_user_pull_requests",
          "github_list_user_repos",
        ]);
        for (const tool of tools.filter((each) => each.name.startsWith("github_"))) {
          expect(Object.keys(tool.inputSchema.properties ?? {})).toContain("credential");
          expect(JSON.stringify(tool.inputSchema)).not.toMatch(/"token"/);
        }
        const repos = await client.call("github_list_user_repos", { credential: "gh-ci", per_page: 2 });
        expect(repos.structuredContent).toMatchObject({
          items: [{ fullName: "octo/hello" }],
          hasNextPage: true,
        });
        const pulls = await client.call("github_list_user_pull_requests", {
          credential: "prx_abc",
          state: "all",
        });
        expect(pulls.structuredContent).toMatchObject({ items: [{ number: 7 }], hasNextPage: false });
        const pull = await client.call("github_get_pull_request", {
          credential: "gh-ci",
          repository: "octo/hello",
          number: 7,
        });
        expect(pull.structuredContent).toMatchObject({ number: 7, merged: false, head: "feature" });
        const issues = await client.call("github_list_issues", {
          credential: "gh-ci",
          repository: "octo/hello",
        });
        expect(issues.structuredContent).toMatchObject({ items: [{ number: 3, labels: ["bug"] }] });
        const comment = await client.call("github_create_issue_comment", {
          credential: "gh-ci",
          repository: "octo/hello",
          number: 3,
          body: "from MCP",
        });
        expect(comment.structuredContent).toMatchObject({ id: 99, body: "from MCP" });
        expect(calls.map((call) => call.reference.owner)).toEqual(Array(5).fill("transport"));
        expect(calls[1]?.reference.credential).toBe("prx_abc");
        expect(calls[0]?.argument).toEqual({ perPage: 2 });

        const unknown = await client.call("github_list_user_repos", { credential: "nope" });
        expect(unknown.isError).toBe(true);
        expect(JSON.parse(errorText(unknown))).toMatchObject({
          error: { code: "NOT_FOUND", field: "credential" },
        });
        const badRepository = await client.call("github_list_issues", {
          credential: "gh-ci",
          repository: "../x",
        });
        expect(badRepository.isError).toBe(true);
        expect(errorText(badRepository)).toMatch(/repository/);
      } finally {
        await client.close();
      }
    });
  });
});

/** A small in-memory GitHubOperations: what the Octokit adapter answers, from fixed data. */
function inMemoryGitHub(
  calls: Array<{ operation: string; reference: GitHubCredentialReference; argument: unknown }>,
): GitHubOperations {
  const record = (operation: string, reference: GitHubCredentialReference, argument: unknown): void => {
    if (reference.credential !== "gh-ci" && !reference.credential.startsWith("prx_")) {
      throw new HangarError("NOT_FOUND", `no credential '${reference.credential}'`, { field: "credential" });
    }
    calls.push({ operation, reference, argument });
  };
  const summary = {
    repository: "octo/hello",
    number: 7,
    title: "Add a feature",
    state: "open",
    htmlUrl: "https://github.example/octo/hello/pull/7",
    author: "octo",
    updatedAt: "2026-01-01T00:00:00Z",
  };
  return {
    listUserRepositories: async (reference, options) => {
      record("listUserRepositories", reference, options);
      return {
        items: [
          {
            fullName: "octo/hello",
            private: false,
            description: null,
            htmlUrl: "https://github.example/octo/hello",
            defaultBranch: "main",
            updatedAt: null,
          },
        ],
        hasNextPage: true,
      };
    },
    listUserPullRequests: async (reference, options) => {
      record("listUserPullRequests", reference, options);
      return { items: [summary], hasNextPage: false };
    },
    getPullRequest: async (reference, target) => {
      record("getPullRequest", reference, target);
      return {
        ...summary,
        body: null,
        draft: false,
        merged: false,
        head: "feature",
        base: "main",
        additions: 3,
        deletions: 1,
        changedFiles: 2,
      };
    },
    listIssues: async (reference, target) => {
      record("listIssues", reference, target);
      return {
        items: [
          {
            number: 3,
            title: "A bug",
            state: "open",
            htmlUrl: "https://github.example/octo/hello/issues/3",
            author: null,
            labels: ["bug"],
            isPullRequest: false,
            updatedAt: null,
          },
        ],
        hasNextPage: false,
      };
    },
    createIssueComment: async (reference, target) => {
      record("createIssueComment", reference, target);
      return { id: 99, htmlUrl: "https://github.example/octo/hello/issues/3#c99", body: target.body };
    },
  };
}
