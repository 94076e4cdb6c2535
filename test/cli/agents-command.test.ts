import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { access, constants, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `hangar agents` as a user runs it: the built CLI (`node dist/main.js agents …`) in a
 * child process, installing a real catalog agent from npm. Codex is the one installed:
 * it was the quickest install of the six on this machine (one launcher package plus its
 * native binary, no dependency tree), and with npm's cache warm `--prefer-offline` needs
 * no registry round trip.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function hangar(args: string[], environment: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ["dist/main.js", "agents", ...args], {
    cwd: root,
    // HOME stays the user's, so npm uses its warm cache.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

interface ListedAgent {
  name: string;
  package: string | null;
  version: string | null;
  installed: string;
  load_session: boolean;
  resume_session: boolean;
  origin: string;
  default: boolean;
}

async function listed(dataDirectory: string, configPath: string): Promise<ListedAgent[]> {
  const result = await hangar(["ls", "--json", "--data-dir", dataDirectory, "--config", configPath]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { agents: ListedAgent[] }).agents;
}

/** One ACP `initialize` over the agent's stdio: the installed binary really is an ACP agent. */
async function initialize(command: string, args: string[]): Promise<Record<string, unknown>> {
  const home = await mkdtemp(join(tmpdir(), "hangar-agent-home-"));
  const child = spawn(command, args, {
    env: { HOME: home, PATH: "/usr/bin:/bin" },
    stdio: ["pipe", "pipe", "ignore"],
  });
  try {
    const request = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: 1, clientCapabilities: {} },
    };
    child.stdin.write(`${JSON.stringify(request)}\n`);
    let buffered = "";
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no initialize answer: ${buffered}`)), 20_000);
      child.stdout.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        for (const line of buffered.split("\n").slice(0, -1)) {
          const message = JSON.parse(line) as { id?: number; result?: Record<string, unknown> };
          if (message.id === 1 && message.result !== undefined) {
            clearTimeout(timer);
            resolve(message.result);
          }
        }
      });
    });
  } finally {
    child.kill("SIGKILL");
    await rm(home, { recursive: true, force: true });
  }
}

describe("hangar agents", () => {
  let dataDirectory: string;
  let configPath: string;
  let agentsDirectory: string;

  beforeAll(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), "hangar-agents-cli-"));
    agentsDirectory = join(dataDirectory, "agents");
    configPath = join(dataDirectory, "hangar.toml");
    await writeFile(
      configPath,
      [
        "[agents]",
        'default_agent = "codex"',
        "",
        "[agents.custom.tiny]",
        'command = "/usr/local/bin/tiny-acp"',
        'wire_formats = ["openai-chat-completions"]',
        "load_session = true",
        "",
        // A package no cache holds: with npm offline, the install fails for real, without the network.
        "[agents.custom.missing]",
        'command = "node_modules/.bin/missing"',
        'package = "hangar-test-agent-that-does-not-exist"',
        'version = "1.0.0"',
        'wire_formats = ["openai-responses"]',
        "",
      ].join("\n"),
    );
  });

  afterAll(async () => {
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it("ls shows the catalog and the custom agents, none installed, with load/resume support", async () => {
    const table = await hangar(["ls", "--data-dir", dataDirectory, "--config", configPath]);
    expect(table.code).toBe(0);
    const lines = table.stdout.split("\n");
    expect(lines[0]).toMatch(/^NAME\s+PACKAGE\s+INSTALLED\s+LOAD\s+RESUME\s+MODEL API$/);
    expect(lines.find((line) => line.startsWith("codex *"))).toMatch(
      /^codex \*\s+@zed-industries\/codex-acp@\d+\.\d+\.\d+\s+no\s+yes\s+yes\s+openai-responses$/,
    );
    expect(lines.find((line) => line.startsWith("gemini "))).toMatch(
      /\sno\s+yes\s+no\s+gemini-generate-content$/,
    );
    expect(lines.find((line) => line.startsWith("tiny "))).toMatch(
      /\(in the sandbox image\)\s+n\/a\s+yes\s+no/,
    );
    expect(table.stdout).toContain(`agents directory: ${agentsDirectory}; default agent: codex`);

    const agents = await listed(dataDirectory, configPath);
    expect(agents.map((agent) => agent.name)).toEqual([
      "claude-code",
      "codex",
      "gemini",
      "qwen",
      "opencode",
      "goose",
      "missing",
      "tiny",
    ]);
    expect(
      agents.filter((agent) => agent.origin === "catalog").every((agent) => agent.installed === "no"),
    ).toBe(true);
    expect(agents.find((agent) => agent.name === "codex")?.default).toBe(true);
  });

  it("refuses an unknown name before installing anything, listing the known ones", async () => {
    const result = await hangar([
      "install",
      "codex",
      "claude",
      "--data-dir",
      dataDirectory,
      "--config",
      configPath,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'hangar: unknown agent "claude": use builtin, claude-code, codex, gemini, qwen, opencode, goose, missing, tiny\n',
    );
    await expect(readdir(agentsDirectory)).rejects.toThrow();
  });

  it("refuses to install an agent that has no package", async () => {
    const result = await hangar(["install", "tiny", "--data-dir", dataDirectory, "--config", configPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("agent tiny has no npm package to install");
  });

  it("reports an npm failure with npm's reason, and leaves no half agent", async () => {
    const result = await hangar(["install", "missing", "--data-dir", dataDirectory, "--config", configPath], {
      npm_config_offline: "true",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "hangar: npm install hangar-test-agent-that-does-not-exist@1.0.0 failed (exit 1)",
    );
    expect(result.stderr).toContain("npm error");
    expect((await readdir(agentsDirectory)).sort()).toEqual(["bin"]);
  });

  it("installs codex from npm with progress, the shared node beside it, an ACP agent that answers initialize; then uninstalls it", async () => {
    // What an interrupted install leaves behind; the next install of the same agent removes it.
    await mkdir(join(agentsDirectory, ".install.codex.interrupted"), { recursive: true });

    const started = performance.now();
    const result = await hangar(["install", "codex", "--data-dir", dataDirectory, "--config", configPath]);
    const seconds = (performance.now() - started) / 1000;
    expect(result.stderr, result.stderr).not.toContain("hangar:");
    expect(result.code).toBe(0);
    process.stderr.write(`hangar agents install codex took ${seconds.toFixed(1)} s\n`);
    expect(result.stderr).toMatch(/^codex: npm install @zed-industries\/codex-acp@\d+\.\d+\.\d+$/m);
    expect(result.stderr).toMatch(/^npm: GET 200 @zed-industries\/codex-acp/m);
    expect(result.stderr).toMatch(/^codex: installed @zed-industries\/codex-acp@[\d.]+ in [\d.]+ s$/m);
    expect(result.stdout).toMatch(/^installed codex \(@zed-industries\/codex-acp@[\d.]+\)$/m);

    expect((await readdir(agentsDirectory)).sort()).toEqual(["bin", "codex"]);
    const record = JSON.parse(
      await readFile(join(agentsDirectory, "codex", "hangar-agent.json"), "utf8"),
    ) as {
      agent_id: string;
      package: string;
      version: string;
      command: string;
      installed_at: string;
    };
    expect(record).toMatchObject({ agent_id: "codex", package: "@zed-industries/codex-acp" });
    expect(record.command).toBe(`node_modules/@zed-industries/codex-acp-linux-${process.arch}/bin/codex-acp`);
    expect(Date.now() - Date.parse(record.installed_at)).toBeLessThan(600_000);
    // Sandboxes run as other users: the install must be readable and the node runnable by them.
    expect((await stat(join(agentsDirectory, "codex"))).mode & 0o777).toBe(0o755);
    const node = join(agentsDirectory, "bin", "node");
    expect((await stat(node)).mode & 0o755).toBe(0o755);
    expect(execFileSync(node, ["--version"], { encoding: "utf8" }).trim()).toBe(process.version);

    const command = join(agentsDirectory, "codex", record.command);
    await access(command, constants.X_OK);
    const answer = await initialize(command, []);
    expect(answer).toMatchObject({ protocolVersion: 1, agentCapabilities: { loadSession: true } });

    const agents = await listed(dataDirectory, configPath);
    expect(agents.find((agent) => agent.name === "codex")).toMatchObject({
      installed: "yes",
      version: record.version,
    });

    const removed = await hangar(["uninstall", "codex", "--data-dir", dataDirectory, "--config", configPath]);
    expect(removed).toMatchObject({ code: 0, stdout: "uninstalled codex\n" });
    expect((await readdir(agentsDirectory)).sort()).toEqual(["bin"]);
    expect((await listed(dataDirectory, configPath)).find((agent) => agent.name === "codex")?.installed).toBe(
      "no",
    );
    const again = await hangar(["uninstall", "codex", "--data-dir", dataDirectory, "--config", configPath]);
    expect(again).toMatchObject({ code: 0, stdout: "codex was not installed\n" });
  }, 180_000);
});
