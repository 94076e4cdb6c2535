import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { mcpServersSchema } from "../../config/mcp-servers-schema.js";
import { guardedFetch } from "../../egress/guarded-fetch.js";
import type { Sandbox } from "../../sandbox/sandbox-port.js";
import type { ToolContext } from "../builtin/tools/agent-tool.js";
import { connectMcpServers } from "./mcp-session-tools.js";

/**
 * HTTP MCP servers, reached from the host by the built-in agent's client: a
 * real streamable-HTTP server of the MCP SDK on 127.0.0.1. A loopback address
 * is refused unless the server's `allow_private_address` allows it; the bearer
 * token read from the host's variable is sent, and the tool answers.
 */
let server: Server;
let url: string;
const seenHeaders: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seenHeaders.push(request.headers);
    // Stateless: one MCP server and transport per request, as the SDK's examples do.
    const mcp = new McpServer({ name: "http-test", version: "1.0.0" });
    mcp.registerTool(
      "echo",
      { description: "Echoes its text", inputSchema: { text: z.string() } },
      ({ text }) => ({ content: [{ type: "text", text: `echo: ${text}` }] }),
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on("close", () => void transport.close());
    void mcp.connect(transport).then(() => transport.handleRequest(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const noSandbox = {} as Sandbox;
const connect = (config: unknown) =>
  connectMcpServers(mcpServersSchema.parse(config), {
    sandbox: noSandbox,
    readVariable: (name) => (name === "REMOTE_MCP_TOKEN" ? "tok-123" : undefined),
    httpFetch: guardedFetch,
    connectTimeoutMs: 10_000,
  });

describe("HTTP MCP servers for the built-in agent", () => {
  it("refuses a loopback address unless allow_private_address is set", async () => {
    const refused = await connect({ local: { url } });
    expect(refused.tools).toEqual([]);
    expect(refused.problems[0]).toMatch(
      /MCP server "local" could not be used: .*loopback.*allow_private_address/,
    );
    await refused.close();
  });

  it("with allow_private_address: lists the tools, sends the bearer token, calls a tool", async () => {
    seenHeaders.length = 0;
    const made = await connect({
      local: {
        url,
        allow_private_address: true,
        bearer_token_env: "REMOTE_MCP_TOKEN",
        headers: { "X-Team": "a" },
      },
    });
    expect(made.problems).toEqual([]);
    expect(made.tools.map((tool) => tool.name)).toEqual(["mcp__local__echo"]);
    const echo = made.tools[0]!;
    expect(echo.kind({})).toBe("external");
    const result = await echo.execute({ text: "hi" }, {
      signal: new AbortController().signal,
      maxOutputChars: 1000,
    } as ToolContext);
    expect(result).toEqual({ isError: false, output: "echo: hi" });
    expect(seenHeaders.every((headers) => headers.authorization === "Bearer tok-123")).toBe(true);
    expect(seenHeaders[0]?.["x-team"]).toBe("a");
    await made.close();
  });

  it("an unreachable server is a problem, not a failure", async () => {
    const made = await connect({ gone: { url: "http://127.0.0.1:1/mcp", allow_private_address: true } });
    expect(made.tools).toEqual([]);
    expect(made.problems[0]).toContain('MCP server "gone" could not be used');
  });
});
