import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../config/load-config.js";
import { HangarError } from "../../core/errors.js";
import { agentNotInstalled, requireInstalled } from "./agent-installer.js";
import { createAgentRegistry } from "./agent-registry.js";

function registryFor(agents: Record<string, unknown>, rest: Record<string, unknown> = {}) {
  return createAgentRegistry(parseConfig({ ...rest, agents }));
}

function failure(action: () => unknown): HangarError {
  try {
    action();
  } catch (error) {
    if (error instanceof HangarError) return error;
    throw error;
  }
  throw new Error("expected a HangarError");
}

const tinyAgent = { command: "/usr/local/bin/tiny", wire_formats: ["openai-chat-completions"] };

describe("createAgentRegistry", () => {
  it("defaults: builtin agent, <data_dir>/agents, the catalog only", () => {
    const registry = registryFor({}, { data_dir: "/var/lib/hangar" });
    expect(registry.defaultAgent).toBe("builtin");
    expect(registry.directory).toBe("/var/lib/hangar/agents");
    expect(registry.agents.map((agent) => agent.id)).toEqual([
      "claude-code",
      "codex",
      "gemini",
      "qwen",
      "opencode",
      "goose",
    ]);
    expect(registryFor({ directory: "relative/agents" }).directory).toBe(resolve("relative/agents"));
  });

  it("merges [agents.custom.<name>] after the catalog, sorted by name, with its capabilities", () => {
    const registry = registryFor({
      default_agent: "zeta",
      custom: {
        zeta: { ...tinyAgent, load_session: true, title: "Zeta" },
        alpha: {
          command: "node_modules/alpha-acp/bin/alpha.js",
          node: true,
          package: "alpha-acp",
          version: "1.2.3",
          args: ["--acp"],
          env: { ALPHA_URL: "{{relay_url}}/openai/v1" },
          home_files: { ".alpha/config.json": '{"model":"{{model}}"}' },
          wire_formats: ["openai-responses"],
        },
      },
    });
    expect(registry.agents.map((agent) => agent.id).slice(-2)).toEqual(["alpha", "zeta"]);
    expect(registry.defaultAgent).toBe("zeta");
    expect(registry.require("zeta")).toMatchObject({
      title: "Zeta",
      origin: "custom",
      capabilities: { loadSession: true, resumeSession: false },
    });
    expect(registry.require("alpha")).toMatchObject({
      package: { name: "alpha-acp", version: "1.2.3" },
      command: { path: "node_modules/alpha-acp/bin/alpha.js", node: true },
      wireFormats: ["openai-responses"],
    });
  });

  it("answers an unknown agent with BAD_REQUEST naming `agent` and every known name", () => {
    const error = failure(() => registryFor({ custom: { tiny: tinyAgent } }).require("claude"));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.field).toBe("agent");
    expect(error.message).toContain('unknown agent "claude"');
    expect(error.message).toContain("builtin, claude-code, codex, gemini, qwen, opencode, goose, tiny");
  });

  it.each([
    ["agents.default_agent", { default_agent: "nobody" }, "no agent"],
    ["agents.custom.codex", { custom: { codex: tinyAgent } }, "built-in agent"],
    ["agents.custom.bin", { custom: { bin: tinyAgent } }, "reserved"],
    [
      "agents.custom.tiny.command",
      { custom: { tiny: { ...tinyAgent, command: "bin/tiny" } } },
      "absolute path",
    ],
    [
      "agents.custom.tiny.command",
      { custom: { tiny: { ...tinyAgent, command: "../../etc/x", package: "tiny", version: "1.0.0" } } },
      "without ..",
    ],
    [
      "agents.custom.tiny.env.TINY_URL",
      { custom: { tiny: { ...tinyAgent, env: { TINY_URL: "{{relay}}" } } } },
      "{{relay}}",
    ],
    [
      "agents.custom.tiny.args[1]",
      { custom: { tiny: { ...tinyAgent, args: ["-m", "{{arch}}"] } } },
      "{{arch}}",
    ],
    [
      "agents.custom.tiny.args[0]",
      { custom: { tiny: { ...tinyAgent, args: ["{{proxy_url}}"] } } },
      "{{proxy_url}}",
    ],
    [
      "agents.custom.tiny.command",
      { custom: { tiny: { ...tinyAgent, command: "/opt/{{model}}/x" } } },
      "{{arch}}",
    ],
    [
      "agents.custom.tiny.home_files",
      { custom: { tiny: { ...tinyAgent, home_files: { "../.ssh/authorized_keys": "x" } } } },
      "relative path",
    ],
  ])("refuses a bad agents table, naming %s", (field, agents, words) => {
    const error = failure(() => registryFor(agents));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toContain(words);
  });

  it.each([
    ["agents.custom.tiny.version", { tiny: { ...tinyAgent, command: "bin/tiny", package: "tiny" } }],
    ["agents.custom.tiny.wire_formats", { tiny: { command: "/bin/tiny", wire_formats: [] } }],
    ["agents.custom.tiny.wire_formats.0", { tiny: { command: "/bin/tiny", wire_formats: ["openai"] } }],
    [
      'unknown key "commandd" in [agents.custom.tiny] (did you mean "command"?)',
      { tiny: { ...tinyAgent, commandd: "/bin/tiny" } },
    ],
    ["agents.custom", { "Tiny Agent": tinyAgent }],
  ])("the config schema names %s", (field, custom) => {
    const error = failure(() => parseConfig({ agents: { custom } }));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toContain(field);
  });
});

describe("requireInstalled", () => {
  it("raises AGENT_NOT_INSTALLED naming the install command, also for another installed version", async () => {
    const directory = await mkdtemp(join(tmpdir(), "hangar-agents-"));
    const codex = registryFor({}).require("codex");
    await expect(requireInstalled(codex, directory)).rejects.toMatchObject({
      code: "AGENT_NOT_INSTALLED",
      field: "agent",
      message: "agent codex is not installed: run  hangar agents install codex",
    });
    await mkdir(join(directory, "codex"));
    const record = {
      agent_id: "codex",
      package: "@zed-industries/codex-acp",
      version: "0.1.0",
      command: "x",
    };
    await writeFile(join(directory, "codex", "hangar-agent.json"), JSON.stringify(record));
    await expect(requireInstalled(codex, directory)).rejects.toThrow(
      "agent codex is installed in version 0.1.0, not the one Hangar pins: run  hangar agents install codex",
    );
    await writeFile(
      join(directory, "codex", "hangar-agent.json"),
      JSON.stringify({ ...record, version: codex.package?.version }),
    );
    await expect(requireInstalled(codex, directory)).resolves.toBeUndefined();
    // A custom agent without a package lives in the image: nothing to install.
    await expect(
      requireInstalled(registryFor({ custom: { tiny: tinyAgent } }).require("tiny"), directory),
    ).resolves.toBeUndefined();
    expect(agentNotInstalled("gemini")).toBeInstanceOf(HangarError);
  });
});
