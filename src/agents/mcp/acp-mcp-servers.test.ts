import { describe, expect, it } from "vitest";
import { mcpServersSchema } from "../../config/mcp-servers-schema.js";
import { acpMcpServers } from "./acp-mcp-servers.js";

describe("MCP servers for external ACP agents", () => {
  it("passes stdio servers with env and env_from resolved, HTTP servers with literal headers only", () => {
    const servers = mcpServersSchema.parse({
      files: {
        command: "/usr/bin/node",
        args: ["/workspace/s.mjs"],
        env: { A: "1" },
        env_from: { B: "HOST_B" },
      },
      remote: {
        url: "https://mcp.example.com/mcp",
        headers: { "X-Team": "a" },
        bearer_token_env: "REMOTE_TOKEN",
      },
    });
    const read = (name: string) => ({ HOST_B: "from-host", REMOTE_TOKEN: "secret-token" })[name];
    const passed = acpMcpServers(servers, read);
    expect(passed).toEqual([
      {
        name: "files",
        command: "/usr/bin/node",
        args: ["/workspace/s.mjs"],
        env: { A: "1", B: "from-host" },
      },
      { name: "remote", url: "https://mcp.example.com/mcp", headers: { "X-Team": "a" } },
    ]);
    // The bearer token stays on the host: everything here enters the sandbox.
    expect(JSON.stringify(passed)).not.toContain("secret-token");
  });
});
