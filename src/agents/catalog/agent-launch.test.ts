import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../config/load-config.js";
import { HangarError } from "../../core/errors.js";
import { agentCatalog, type AgentDefinition } from "./agent-catalog.js";
import {
  expandAgent,
  prepareAgentLaunch,
  sandboxAgentLayout,
  type AgentSessionValues,
} from "./agent-launch.js";
import { createAgentRegistry } from "./agent-registry.js";

const values: AgentSessionValues = {
  relayUrl: "http://127.0.0.1:41234",
  apiKey: "hrt_session-token.123",
  model: "qwen2.5-coder:7b",
};
const layout = { ...sandboxAgentLayout, arch: "x64" };

function catalogAgent(id: string): AgentDefinition {
  const agent = agentCatalog.find((candidate) => candidate.id === id);
  if (agent === undefined) throw new Error(`no ${id} in the catalog`);
  return agent;
}

function thrown(action: () => unknown): HangarError {
  try {
    action();
  } catch (error) {
    if (error instanceof HangarError) return error;
    throw error;
  }
  throw new Error("expected a HangarError");
}

describe("expandAgent", () => {
  it.each(agentCatalog.map((agent) => [agent.id, agent] as const))(
    "%s: no placeholder is left, and the session's values are where the agent reads them",
    (_id, agent) => {
      const launch = expandAgent(agent, values, layout);
      const everything = JSON.stringify(launch);
      expect(everything).not.toMatch(/\{\{\s*[a-z_]*\s*\}\}/);
      expect(everything).toContain(values.apiKey);
      expect(everything).toContain(values.model);
      expect(everything).toContain(values.relayUrl);
      expect(launch.agentId).toBe(agent.id);
      expect(launch.capabilities).toEqual(agent.capabilities);
    },
  );

  it("runs node agents with the sandbox's node and native ones directly, from the mounted agents directory", () => {
    const claude = expandAgent(catalogAgent("claude-code"), values, layout);
    expect(claude.command).toBe("/opt/hangar/agents/bin/node");
    expect(claude.args).toEqual([
      "/opt/hangar/agents/claude-code/node_modules/@zed-industries/claude-code-acp/dist/index.js",
    ]);
    expect(claude.env.ANTHROPIC_BASE_URL).toBe("http://127.0.0.1:41234/anthropic");

    const gemini = expandAgent(catalogAgent("gemini"), values, layout);
    expect(gemini.args.slice(1)).toEqual(["--acp"]);

    const codex = expandAgent(catalogAgent("codex"), values, { ...layout, arch: "arm64" });
    expect(codex.command).toBe(
      "/opt/hangar/agents/codex/node_modules/@zed-industries/codex-acp-linux-arm64/bin/codex-acp",
    );
    expect(codex.args).toEqual([]);
    expect(codex.homeFiles[".codex/config.toml"]).toContain('base_url = "http://127.0.0.1:41234/openai/v1"');
    expect(codex.homeFiles[".codex/config.toml"]).toContain('model = "qwen2.5-coder:7b"');
    expect(codex.env).toEqual({ HANGAR_RELAY_TOKEN: values.apiKey });
  });

  it("writes JSON settings that still parse with the values in them", () => {
    for (const id of ["gemini", "qwen", "opencode"]) {
      const launch = expandAgent(catalogAgent(id), values, layout);
      for (const content of Object.values(launch.homeFiles))
        expect(() => JSON.parse(content) as unknown).not.toThrow();
    }
    const opencode = JSON.parse(
      expandAgent(catalogAgent("opencode"), values, layout).homeFiles[".config/opencode/opencode.json"] ?? "",
    ) as { model: string; provider: { hangar: { models: Record<string, unknown> } } };
    expect(opencode.model).toBe("hangar/qwen2.5-coder:7b");
    expect(Object.keys(opencode.provider.hangar.models)).toEqual(["qwen2.5-coder:7b"]);
  });

  it("leaves out env entries that need an egress proxy when the session has none", () => {
    const config = parseConfig({
      agents: {
        custom: {
          tinyagent: {
            command: "/usr/local/bin/tinyagent",
            args: ["--model", "{{model}}"],
            env: { HTTPS_PROXY: "{{proxy_url}}", TINY_KEY: "{{api_key}}" },
            wire_formats: ["openai-chat-completions"],
          },
        },
      },
    });
    const custom = createAgentRegistry(config).require("tinyagent");
    const without = expandAgent(custom, values, layout);
    expect(without.env).toEqual({ TINY_KEY: values.apiKey });
    expect(without.command).toBe("/usr/local/bin/tinyagent");
    expect(without.args).toEqual(["--model", values.model]);
    const withProxy = expandAgent(custom, { ...values, proxyUrl: "http://127.0.0.1:41235" }, layout);
    expect(withProxy.env.HTTPS_PROXY).toBe("http://127.0.0.1:41235");
  });

  it.each([
    ["model", { model: 'gpt"\nbase_url = "http://evil' }],
    ["model", { model: "" }],
    ["apiKey", { apiKey: "token with spaces" }],
    ["relayUrl", { relayUrl: "http://10.0.0.1:8080" }],
    ["relayUrl", { relayUrl: "http://127.0.0.1:4000/" }],
    ["proxyUrl", { proxyUrl: "http://169.254.169.254:80" }],
  ])("refuses a %s that could escape the agent's settings or leave the sandbox", (field, override) => {
    const error = thrown(() => expandAgent(catalogAgent("codex"), { ...values, ...override }, layout));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it("refuses a platform the agent ships no native binary for, naming the agent", () => {
    const error = thrown(() => expandAgent(catalogAgent("goose"), values, { ...layout, arch: "riscv64" }));
    expect(error.field).toBe("agent");
    expect(error.message).toContain("goose");
    expect(error.message).toContain("riscv64");
    // Node agents run anywhere node does.
    expect(() => expandAgent(catalogAgent("gemini"), values, { ...layout, arch: "riscv64" })).not.toThrow();
  });
});

describe("prepareAgentLaunch", () => {
  it("checks the name, then the install, then expands", async () => {
    const directory = await mkdtemp(join(tmpdir(), "hangar-agents-"));
    const registry = createAgentRegistry(parseConfig({ agents: { directory } }));
    await expect(prepareAgentLaunch(registry, "claude", values, layout)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "agent",
    });
    await expect(prepareAgentLaunch(registry, "goose", values, layout)).rejects.toMatchObject({
      code: "AGENT_NOT_INSTALLED",
      message: "agent goose is not installed: run  hangar agents install goose",
    });
    await mkdir(join(directory, "goose"));
    const version = catalogAgent("goose").package?.version;
    await writeFile(
      join(directory, "goose", "hangar-agent.json"),
      JSON.stringify({ agent_id: "goose", version }),
    );
    const launch = await prepareAgentLaunch(registry, "goose", values, layout);
    expect(launch.command).toBe(
      "/opt/hangar/agents/goose/node_modules/@aaif/goose-binary-linux-x64/bin/goose",
    );
    expect(launch.env.OPENAI_HOST).toBe("http://127.0.0.1:41234/openai");
  });
});
