import { z } from "zod";

/**
 * `[mcp.servers.<name>]`: MCP servers offered to agents. A stdio server is a
 * command that runs INSIDE the session's sandbox (never on the host); an HTTP
 * server is a URL the built-in agent's client reaches from the host (external
 * ACP agents reach it from the sandbox, through the egress proxy).
 *
 * Values are literal: nothing is read from the host environment unless the
 * operator names the variable (`env_from`, `bearer_token_env`), so a config
 * file cannot leak a secret by accident.
 */

const serverNamePattern = /^[a-z0-9_-]{1,32}$/;
const environmentNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

const environmentName = (key: string) =>
  z
    .string(`${key} must be an environment variable name`)
    .regex(environmentNamePattern, `${key} must be an environment variable name (letters, digits, _)`);

const stdioServerSchema = z
  .object({
    /** An absolute path INSIDE the sandbox (`/usr/bin/node`, `/workspace/tools/server.py`): no PATH lookup. */
    command: z
      .string("command must be a string")
      .max(4096, "command is at most 4096 characters")
      .regex(/^\/[^\0]*$/, "command must be an absolute path inside the sandbox (e.g. /usr/bin/node)"),
    args: z
      .array(
        z
          .string("args must be strings")
          .max(4096, "each of args is at most 4096 characters")
          .refine((value) => !value.includes("\0"), "args must not contain NUL"),
      )
      .max(256, "args has at most 256 entries")
      .default([]),
    /** Literal variables for the server's process (added to the sandbox's fixed allowlist). */
    env: z
      .record(
        environmentName("an env key"),
        z.string().max(32_768, "an env value is at most 32768 characters"),
      )
      .default({}),
    /**
     * `SERVER_VAR = "HOST_VAR"`: the server gets the host's HOST_VAR under SERVER_VAR. The value
     * ENTERS THE SANDBOX, where the agent can read it: never name a token here (use the credential
     * store and the `http_request` tool instead). Hangar's own secrets are refused (see `refineMcpServers`).
     */
    env_from: z.record(environmentName("an env_from key"), environmentName("an env_from value")).default({}),
  })
  .strict();

const httpServerSchema = z
  .object({
    /** Streamable HTTP endpoint, `https://mcp.example.com/mcp`. */
    url: z
      .url("url must be an http(s) URL")
      .max(2048, "url is at most 2048 characters")
      .refine((value) => /^https?:\/\//i.test(value), "url must start with http:// or https://")
      .refine(
        (value) => !new URL(value).username && !new URL(value).password,
        "url must not carry a user or password (use headers)",
      ),
    /** Literal headers sent with every request. */
    headers: z
      .record(
        z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "a header name is 1-64 letters, digits, -"),
        z
          .string()
          .max(8192, "a header value is at most 8192 characters")
          .refine((value) => !/[\r\n\0]/.test(value), "a header value must not contain CR, LF or NUL"),
      )
      .default({}),
    /** A host variable whose value is sent as `Authorization: Bearer …` by the built-in agent's client (it stays on the host). */
    bearer_token_env: environmentName("bearer_token_env").optional(),
    /**
     * Let this server's address be loopback or private (a server on this machine or the LAN).
     * Off by default: the built-in agent's client runs on the host, where such addresses reach
     * the host's own services and the cloud metadata endpoint.
     */
    allow_private_address: z.boolean("allow_private_address must be true or false").default(false),
  })
  .strict();

export const mcpServerSchema = z.union([stdioServerSchema, httpServerSchema], {
  error: (issue) =>
    issue.code === "invalid_union"
      ? "an MCP server has either command (stdio, runs in the sandbox) or url (HTTP), with only the keys of its kind"
      : undefined,
});

export const mcpServersSchema = z
  .record(z.string(), mcpServerSchema)
  // Checked here rather than as the record's key schema, whose failure only says "Invalid key in record".
  .superRefine((servers, context) => {
    for (const name of Object.keys(servers)) {
      if (!serverNamePattern.test(name)) {
        context.addIssue({
          code: "custom",
          path: [name],
          message: "an MCP server name is 1-32 lowercase letters, digits, _ or -",
        });
      }
    }
  })
  .default({});

export type McpServerConfig = z.infer<typeof mcpServerSchema>;
export type McpStdioServerConfig = z.infer<typeof stdioServerSchema>;
export type McpHttpServerConfig = z.infer<typeof httpServerSchema>;
export type McpServersConfig = z.infer<typeof mcpServersSchema>;

export function isStdioServer(server: McpServerConfig): server is McpStdioServerConfig {
  return "command" in server;
}

/** Host variables no `env_from` may copy into a sandbox: Hangar's own keys and the model providers'. */
const refusedHostVariables =
  /^(HANGAR_.*|.*_API_KEY|.*_TOKEN|.*_SECRET.*|.*PASSWORD.*|REDIS_URL|AWS_.*|GOOGLE_APPLICATION_CREDENTIALS)$/;

/** Issues for `configSchema.superRefine`: `env_from` must not name a secret the sandbox must never see. */
export function mcpServerIssues(
  servers: McpServersConfig,
  providerKeyVariables: readonly string[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [name, server] of Object.entries(servers)) {
    if (!isStdioServer(server)) continue;
    for (const [key, hostVariable] of Object.entries(server.env_from)) {
      if (refusedHostVariables.test(hostVariable) || providerKeyVariables.includes(hostVariable)) {
        issues.push({
          path: ["mcp", "servers", name, "env_from", key],
          message: `${hostVariable} looks like a secret, and env_from values enter the sandbox where the agent can read them; store tokens with \`hangar credentials add\` and use the http_request tool`,
        });
      }
    }
  }
  return issues;
}
