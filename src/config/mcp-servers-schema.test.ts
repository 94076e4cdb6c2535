import { describe, expect, it } from "vitest";
import { configSchema } from "./config-schema.js";

/** `[mcp.servers.<name>]`: what is accepted, and errors that name the key. */
function problems(servers: unknown, extra: Record<string, unknown> = {}): string[] {
  const parsed = configSchema.safeParse({ mcp: { servers }, ...extra });
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("mcp.servers config", () => {
  it("accepts stdio and HTTP servers, with defaults", () => {
    const config = configSchema.parse({
      mcp: {
        servers: {
          files: { command: "/usr/bin/node", args: ["/workspace/server.mjs"], env: { LEVEL: "1" } },
          remote_1: { url: "https://mcp.example.com/mcp", headers: { "X-Team": "a" } },
        },
      },
    });
    expect(config.mcp.servers.files).toEqual({
      command: "/usr/bin/node",
      args: ["/workspace/server.mjs"],
      env: { LEVEL: "1" },
      env_from: {},
    });
    expect(config.mcp.servers.remote_1).toMatchObject({ allow_private_address: false });
    expect(configSchema.parse({}).mcp.servers).toEqual({});
  });

  it("refuses bad names, relative commands, mixed kinds and bad URLs, naming the key", () => {
    expect(problems({ "Bad Name": { command: "/bin/x" } })[0]).toContain("an MCP server name is 1-32");
    expect(problems({ ["a".repeat(33)]: { command: "/bin/x" } })[0]).toContain("an MCP server name is 1-32");
    expect(problems({ x: { command: "node" } }).join()).toContain("mcp.servers.x");
    expect(problems({ x: { command: "/bin/x", url: "https://a.example" } }).join()).toMatch(
      /mcp\.servers\.x: an MCP server has either command/,
    );
    expect(problems({ x: { url: "ftp://a.example" } }).join()).toContain("mcp.servers.x");
    expect(problems({ x: { url: "https://user:pw@a.example/mcp" } }).join()).toContain("mcp.servers.x");
    expect(
      problems({ x: { url: "https://a.example", headers: { "X-A": "1\r\nHost: b" } } }).join(),
    ).toContain("mcp.servers.x");
    expect(problems({ x: {} }).join()).toContain("mcp.servers.x");
  });

  it("refuses env_from of a secret-looking host variable or a model provider's key variable", () => {
    expect(problems({ x: { command: "/bin/x", env_from: { KEY: "OPENAI_API_KEY" } } })).toEqual([
      expect.stringMatching(/^mcp\.servers\.x\.env_from\.KEY: OPENAI_API_KEY looks like a secret/),
    ]);
    expect(problems({ x: { command: "/bin/x", env_from: { K: "HANGAR_SECRET_KEY" } } })).toHaveLength(1);
    expect(problems({ x: { command: "/bin/x", env_from: { K: "GH_TOKEN" } } })).toHaveLength(1);
    expect(
      problems(
        { x: { command: "/bin/x", env_from: { K: "LOCAL_LLM_KEY" } } },
        {
          llm: { providers: { local: { base_url: "http://127.0.0.1:1/v1", api_key_env: "LOCAL_LLM_KEY" } } },
        },
      ),
    ).toHaveLength(1);
    expect(problems({ x: { command: "/bin/x", env_from: { LANG: "LANG" } } })).toEqual([]);
  });
});
