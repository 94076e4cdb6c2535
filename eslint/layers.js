// The layer diagram of docs/architecture.md as data: which folders of src/ each
// folder may import. Dependencies point inward (front ends → app → services →
// ports and adapters → core); a folder may always import its own files.

const bottom = ["core", "config", "protocol"];

/** @type {Record<string, string[]>} */
export const layers = {
  // The bottom: errors, ids, config, and the wire contract every side shares.
  core: [],
  config: ["core", "protocol"],
  protocol: ["core"],

  // Ports and adapters. store/ implements the repository ports its domains own,
  // so it may import them; nothing else here may import a service.
  sandbox: [...bottom],
  events: [...bottom],
  llm: [...bottom],
  images: [...bottom],
  agents: [...bottom, "events", "llm", "sandbox", "runner-protocol", "agents/catalog"],
  // The external agents Hangar knows, installs and launches: data plus npm, below every service.
  "agents/catalog": ["core", "config"],
  // The control plane's ends of a sandbox's model calls and network connections.
  relay: [...bottom, "llm"],
  egress: [...bottom],
  // Issue 15: the credential store (its port, the service, the cipher and the Redis adapter; SQLite's
  // is in store/), the proxy that injects its tokens, and the GitHub client.
  credentials: [...bottom],
  proxy: [...bottom, "credentials"],
  github: [...bottom, "credentials", "proxy"],
  store: [...bottom, "events", "agents", "runs", "managed-sandboxes", "sessions", "bridges", "credentials"],

  // Services: they call ports they own or the sandbox port, never store/ (app/ hands them adapters).
  runs: [...bottom, "sandbox"],
  "managed-sandboxes": [...bottom, "sandbox", "images"],
  sessions: [...bottom, "managed-sandboxes", "agents", "agents/catalog", "events", "llm", "sandbox"],

  // The composition root knows every adapter; it also builds the HTTP server.
  app: [
    ...bottom,
    "runs",
    "managed-sandboxes",
    "sessions",
    "store",
    "sandbox",
    "events",
    "llm",
    "agents",
    "agents/catalog",
    "images",
    "relay",
    "egress",
    "credentials",
    "proxy",
    "github",
    "server",
    "bridges",
    "client",
    "mcp",
  ],

  // Front ends. server/ reaches services only (never store/ or sandbox/ adapters);
  // client/ is our HTTP client and speaks only the wire contract.
  server: [...bottom, "runs", "managed-sandboxes", "sessions", "credentials", "proxy"],
  // Hangar's MCP server: tools over the same services as server/, whose error mapping it shares.
  mcp: [...bottom, "runs", "managed-sandboxes", "sessions", "events", "github", "server"],
  client: ["core", "protocol"],
  // The terminal UI renders what the client follows; it never reaches a service.
  tui: ["core", "protocol", "client"],
  // The chat bridges (Telegram, Slack) are front ends too: they follow sessions through the client.
  bridges: ["core", "protocol", "client"],
  cli: [
    ...bottom,
    "app",
    "client",
    "runs",
    "managed-sandboxes",
    "sessions",
    "store",
    "sandbox",
    "images",
    "agents/catalog",
    "tui",
    "credentials",
    "mcp",
  ],
  "main.ts": [...bottom, "cli"],

  // The agent runner runs inside a sandbox as one bundled file, apart from the
  // control plane: it shares only the generated gRPC contract with it (agents/acp).
  "runner-protocol": [],
  runner: ["runner-protocol"],
};

/** Folders whose package imports are restricted too: the wire contract depends on zod alone, the runner on what it bundles. */
/** @type {Record<string, string[]>} */
export const allowedPackages = {
  protocol: ["zod"],
  "runner-protocol": ["@bufbuild/protobuf"],
  // "node:" stands for every node builtin.
  runner: [
    "node:",
    "@agentclientprotocol/sdk",
    "@bufbuild/protobuf",
    "@connectrpc/connect",
    "@connectrpc/connect-node",
  ],
};

/**
 * Known wrong-way imports, each named by the importing file and the folder it reaches,
 * with why it is still there. Remove an entry once its import is gone; never add one
 * to silence a new import.
 * @type {Array<{ file: string; imports: string; until: string }>}
 */
export const temporaryExceptions = [
  {
    file: "src/agents/builtin/run-code.ts",
    imports: "runs",
    until: "the agent's run_code tool reaches code execution through a port instead of runs/ internals",
  },
  {
    file: "src/agents/builtin/tools/sandbox-command.ts",
    imports: "runs",
    until: "the output limit helpers live below runs/",
  },
];
