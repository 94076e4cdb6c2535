import { z } from "zod";
import { keyActions, parseKeySpec, type KeyAction } from "../core/key-spec.js";
import { approvalPolicySchema } from "../protocol/agent-requests.js";
import type { ModelPrices } from "../core/model-price.js";
import { mcpServerIssues, mcpServersSchema } from "./mcp-servers-schema.js";

/**
 * The one schema for Hangar's configuration. Keys are snake_case as they appear
 * in `hangar.toml`; `app/` turns the parsed config into service options.
 */
const mebibytes = (maximum: number) => z.number().int().min(1).max(maximum);

export const apiKeySchema = z.object({
  key: z.string().min(16, "an API key must be at least 16 characters"),
  owner: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "owner must be 1-64 letters, digits, . _ -"),
  /** Sees the whole server's load (`/status` runs, `/metrics`); other keys see only their own work. */
  admin: z.boolean().default(false),
});

/** An agent's name: what `agent` in a request, `hangar agents install` and the install directory use. */
function agentNameSchema(what: string) {
  return z
    .string(`${what} must be a string`)
    .regex(
      /^[a-z][a-z0-9-]{0,31}$/,
      `${what} must be 1-32 lowercase letters, digits, - (starting with a letter)`,
    );
}

const environmentNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name is letters, digits and _");

/**
 * `[agents.custom.<name>]`: an ACP agent the catalog does not know. Values of `env` and
 * `home_files` are templates with the catalog's placeholders (`{{relay_url}}`, `{{api_key}}`,
 * `{{model}}`, `{{proxy_url}}`); agents/catalog checks them and the command's shape.
 */
const customAgentSchema = z
  .object({
    title: z.string().min(1).max(80).optional(),
    /** With `package`: a path inside the agent's install directory; without: an absolute path inside the sandbox. */
    command: z.string("command must be a path").min(1, "command must not be empty").max(4096),
    /** Run `command` with the sandbox's node (`/opt/hangar/agents/bin/node`). */
    node: z.boolean("node must be true or false").default(false),
    args: z.array(z.string().max(4096), "args must be a list of strings").max(64).default([]),
    env: z.record(environmentNameSchema, z.string().max(65_536)).default({}),
    /** Files written into the agent's private home before it starts: path relative to HOME → content. */
    home_files: z.record(z.string().min(1).max(1024), z.string().max(1024 * 1024)).default({}),
    /** The model APIs it calls: openai-chat-completions, openai-responses, anthropic-messages, gemini-generate-content. */
    wire_formats: z
      .array(
        z.enum(
          ["openai-chat-completions", "openai-responses", "anthropic-messages", "gemini-generate-content"],
          "wire_formats lists openai-chat-completions, openai-responses, anthropic-messages or gemini-generate-content",
        ),
      )
      .min(1, "wire_formats must name at least one model API"),
    /** npm package `hangar agents install` installs (with `version`); omit for an agent already in the sandbox image. */
    package: z.string().min(1).max(214).optional(),
    version: z.string().min(1).max(64).optional(),
    load_session: z.boolean("load_session must be true or false").default(false),
    resume_session: z.boolean("resume_session must be true or false").default(false),
  })
  .strict();

/** One key spec ("ctrl+g", "esc", "shift+tab"), refused with the parser's reason. */
const keySpecSchema = z.string('a key is a string such as "ctrl+g"').superRefine((text, context) => {
  const parsed = parseKeySpec(text);
  if (!parsed.ok) context.addIssue({ code: "custom", message: parsed.reason });
});

/** `[tui.keys]`: action → a key spec or a list of them; an action not named keeps its default keys. */
const tuiKeysSchema = z
  .object(
    Object.fromEntries(
      keyActions.map((action) => [
        action,
        z.union([keySpecSchema, z.array(keySpecSchema).min(1).max(8)]).optional(),
      ]),
    ) as Record<
      KeyAction,
      z.ZodOptional<z.ZodUnion<[typeof keySpecSchema, z.ZodArray<typeof keySpecSchema>]>>
    >,
  )
  .strict();

/** A chat bridge's settings both platforms share; `allowed_users` and `owners` keys are the platform's user ids. */
function bridgeFields<UserId extends z.ZodType<string>>(userId: UserId) {
  return {
    /** Who may start tasks and press buttons; nobody when empty (the bridge refuses everyone). */
    allowed_users: z.array(userId, "allowed_users must be a list of user ids").max(1000).default([]),
    /**
     * Chat user id → the Hangar owner (an owner of `server.api_keys`) the user acts as, so quotas,
     * budgets and session visibility apply. Without API keys everyone is the local owner.
     */
    owners: z.record(z.string(), apiKeySchema.shape.owner).default({}),
    /** The project a chat works in until `/project` binds it to another. */
    default_project: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "default_project must be 1-128 letters, digits, . _ -")
      .default("chat"),
    /** How long streamed text gathers before the chat message is edited. */
    debounce_ms: z.number().int().min(50).max(60_000).default(500),
  };
}

const telegramBridgeSchema = z
  .object({
    /** The environment variable that holds the bot token (never the token itself). */
    token_env: environmentNameSchema.default("TELEGRAM_BOT_TOKEN"),
    /** A self-hosted Bot API server; Telegram's own when absent. */
    api_root: z.url("api_root must be a URL").optional(),
    ...bridgeFields(
      z.union([z.number().int().positive(), z.string().regex(/^[0-9]{1,20}$/)]).transform(String),
    ),
  })
  .strict();

const slackBridgeSchema = z
  .object({
    bot_token_env: environmentNameSchema.default("SLACK_BOT_TOKEN"),
    /** Socket Mode's app-level token (`xapp-…`): no public URL needed. */
    app_token_env: environmentNameSchema.default("SLACK_APP_TOKEN"),
    /** The Web API base, for Enterprise Grid / GovSlack setups (and local fixtures). */
    api_url: z.url("api_url must be a URL").optional(),
    ...bridgeFields(z.string().regex(/^[UW][A-Z0-9]{2,20}$/, "a Slack user id looks like U012ABC")),
  })
  .strict();

export type TelegramBridgeConfig = z.infer<typeof telegramBridgeSchema>;
export type SlackBridgeConfig = z.infer<typeof slackBridgeSchema>;

export type CustomAgentConfig = z.infer<typeof customAgentSchema>;

/** `[llm.prices]` as the TUI and the bridges use it. */
export function modelPrices(config: Config): ModelPrices {
  return Object.fromEntries(
    Object.entries(config.llm.prices).map(([model, price]) => [
      model,
      { inputPerMillion: price.input_per_million, outputPerMillion: price.output_per_million },
    ]),
  );
}

/** An upstream the proxy sends tokens to: http(s) only, no credentials in the URL, no query or fragment. */
function httpUrlSchema(field: string) {
  return z.url(`${field} must be a URL`).refine((value) => {
    // zod runs refinements after a failed format check too.
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (
      (url.protocol === "https:" || url.protocol === "http:") &&
      url.username === "" &&
      url.password === "" &&
      url.search === "" &&
      url.hash === ""
    );
  }, `${field} must be an http(s) URL without credentials, query or fragment`);
}

export const configSchema = z
  .object({
    data_dir: z.string().min(1).default(".hangar"),
    projects_dir: z.string().min(1).optional(),
    server: z
      .object({
        host: z.string().min(1).default("127.0.0.1"),
        port: z.number().int().min(0).max(65535).default(8087),
        body_limit_bytes: z
          .number()
          .int()
          .min(1024)
          .max(64 * 1024 * 1024)
          .default(2 * 1024 * 1024),
        api_keys: z.array(apiKeySchema).default([]),
        /** A request's headers and body must arrive within this; a trickling client gets 408. */
        request_timeout_seconds: z.number().int().min(1).max(3600).default(30),
        /** Open connections one client address may hold (counted before authentication). */
        max_connections_per_client: z.number().int().min(1).max(100_000).default(512),
        /**
         * Web origins whose pages may call the API from a browser (CORS), e.g.
         * `https://app.example.com`; `"*"` allows any. None by default.
         */
        cors_origins: z
          .array(
            z
              .string()
              .regex(
                /^(\*|https?:\/\/[^/\s]+)\/?$/,
                'server.cors_origins: each entry is an origin (https://app.example.com, http://localhost:3000) or "*"',
              ),
          )
          .default([]),
        /** Refuse nothing: run code even where the isolation probes fail. */
        unsafe_no_isolation: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    sandbox: z
      .object({
        /**
         * Where code runs: a registered provider's name (`bwrap`: bubblewrap on this host;
         * `docker`: containers of a Docker engine at DOCKER_HOST). The provider registry
         * in `app/` checks it, so adding a provider touches no schema.
         */
        provider: z.string().min(1).max(64).default("bwrap"),
        /** The Docker provider; the engine address comes from DOCKER_HOST like every Docker client. */
        docker: z
          .object({
            /** Built locally with `hangar image build`; a request may name another. */
            image: z.string().min(1).max(256).default("hangar-sandbox:latest"),
          })
          .strict()
          .prefault({}),
        /** Pre-created one-shot sandboxes kept ready; 0 disables the pool. */
        pool_size: z.number().int().min(0).max(64).default(4),
        /**
         * The share of the host's RAM (os.totalmem) that live persistent sandboxes may hold
         * together: memory limits, tmpfs /tmp, tmpfs workspaces. Past it, creating one
         * answers 503 CAPACITY instead of letting the kernel's OOM killer pick a victim.
         */
        max_memory_share: z
          .number("sandbox.max_memory_share must be a number")
          .gt(0, "sandbox.max_memory_share must be more than 0 (a share of the host's RAM)")
          .max(1, "sandbox.max_memory_share must be at most 1 (the whole of the host's RAM)")
          .default(0.75),
        limits: z
          .object({
            memory_mb: mebibytes(65536).default(512),
            pids: z.number().int().min(8).max(65536).default(128),
            cpu_cores: z.number().min(0.05).max(256).default(1),
            workspace_mb: mebibytes(65536).default(256),
            tmp_mb: mebibytes(65536).default(64),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    runs: z
      .object({
        default_timeout_ms: z.number().int().min(100).max(3_600_000).default(10_000),
        max_timeout_ms: z.number().int().min(100).max(3_600_000).default(60_000),
        max_output_bytes: z
          .number()
          .int()
          .min(1024)
          .max(256 * 1024 * 1024)
          .default(1024 * 1024),
        max_code_bytes: z
          .number()
          .int()
          .min(1024)
          .max(64 * 1024 * 1024)
          .default(512 * 1024),
        max_concurrent: z.number().int().min(1).max(1024).default(8),
        max_queue: z.number().int().min(0).max(100_000).default(64),
        /** Runs one owner may have executing at once (at most max_concurrent counts). */
        max_running_per_owner: z.number().int().min(1).max(1024).default(8),
        /** Runs one owner may have waiting, so one tenant's burst cannot fill the queue for the others. */
        max_queued_per_owner: z.number().int().min(0).max(100_000).default(16),
        session_idle_ttl_seconds: z.number().int().min(1).max(604_800).default(900),
        max_sessions_per_owner: z.number().int().min(1).max(10_000).default(16),
        /**
         * CPU seconds one run session's sandbox may use in all, its runs and whatever they leave
         * running (frozen between runs); past it the session is ended after the run.
         */
        session_cpu_seconds: z.number().min(0.1).max(31_536_000).default(600),
        /**
         * How long a run and its result (output included, never the code) are kept after it was
         * accepted, for `GET /runs/{runId}` and `GET /runs`; then they are purged.
         */
        result_retention_seconds: z.number().min(1).max(31_536_000).default(86_400),
      })
      .strict()
      .prefault({}),
    /** Managed, long-lived sandboxes (`/sandboxes`, `hangar sandbox`). */
    sandboxes: z
      .object({
        /** A sandbox unused for this long is removed by the reaper. */
        idle_ttl_seconds: z.number().int().min(1).max(31_536_000).default(86_400),
        max_per_owner: z.number().int().min(1).max(100_000).default(20),
        max_total: z.number().int().min(1).max(1_000_000).default(200),
        reaper_interval_seconds: z.number().min(0.05).max(86_400).default(60),
        /** What a sandbox may reach through the egress proxy; by default nothing (no network). */
        egress: z
          .object({
            /** Exact host names (`api.github.com`) and wildcards (`*.example.com`, not `example.com` itself). */
            allow: z
              .array(
                z
                  .string()
                  .max(253, "sandboxes.egress.allow: a host name is at most 253 characters")
                  .regex(
                    /^(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/,
                    "sandboxes.egress.allow: each entry is a host name (api.github.com) or *.domain (*.example.com)",
                  ),
              )
              .default([]),
            /**
             * TEST ONLY: lets an allowed name reach a loopback address, so tests can run a local
             * upstream. Never set it in production: the sandbox could reach the host's own services.
             */
            allow_loopback_for_tests: z
              .boolean("sandboxes.egress.allow_loopback_for_tests must be true or false")
              .default(false),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** Models for agent sessions, reached through the AI SDK. */
    llm: z
      .object({
        /** `provider:model`, e.g. `openai:gpt-4.1`, `anthropic:claude-sonnet-4-5`, `ollama:qwen2.5-coder`. */
        default_model: z.string().min(3).max(256).default("openai:gpt-4.1"),
        /** Retries of a model call on 429 and 5xx answers, with exponential backoff. */
        max_retries: z.number().int().min(0).max(10).default(3),
        /** A model call that sends nothing for this long is abandoned (and retried). */
        request_timeout_ms: z.number().int().min(1000).max(3_600_000).default(300_000),
        /** Extra OpenAI-compatible providers: `[llm.providers.<name>]` with `base_url` and `api_key_env`. */
        providers: z
          .record(
            z
              .string()
              .regex(/^[a-z][a-z0-9-]{0,31}$/, "a provider name is 1-32 lowercase letters, digits, -"),
            z
              .object({
                base_url: z.url(),
                /** The environment variable holding the key; none for servers that need no key. */
                api_key_env: z
                  .string()
                  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
                  .optional(),
              })
              .strict(),
          )
          .default({}),
        /**
         * What models cost, `"provider:model" = { input_per_million = 1.25, output_per_million = 10 }`
         * in US dollars per million tokens: the TUI's status bar and the chat bridges' turn summaries
         * show the cost of a model listed here. Hangar keeps no price list of its own.
         */
        prices: z
          .record(
            z.string().min(3).max(256),
            z
              .object({
                input_per_million: z.number().min(0).max(1_000_000),
                output_per_million: z.number().min(0).max(1_000_000),
              })
              .strict(),
          )
          .default({}),
      })
      .strict()
      .prefault({}),
    /** Agent sessions (`POST /chat`, `hangar task`). */
    agents: z
      .object({
        /**
         * The agent a session runs when its request names none: `builtin` (Hangar's own loop),
         * a catalog agent (`hangar agents ls`) or an `[agents.custom.<name>]` table.
         */
        default_agent: agentNameSchema("agents.default_agent").default("builtin"),
        /** Where `hangar agents install` puts external agents (default `<data_dir>/agents`); sandboxes see it read-only at /opt/hangar/agents. */
        directory: z
          .string("agents.directory must be a path")
          .min(1, "agents.directory must not be empty")
          .optional(),
        /** Any other ACP agent: `[agents.custom.<name>]` with its command, arguments and environment. */
        custom: z.record(agentNameSchema("an agents.custom table name"), customAgentSchema).default({}),
        /** auto: everything inside the sandbox runs; ask: shell, writes and commits wait for approval. */
        default_approval: approvalPolicySchema.default("auto"),
        /** Sessions running a turn at once; further ones queue with status `pending`. */
        max_concurrent_sessions: z.number().int().min(1).max(1000).default(5),
        /** Sessions of one owner running turns at once; waiting sessions start owner by owner in turn. */
        max_concurrent_sessions_per_owner: z.number().int().min(1).max(1000).default(5),
        /** Wall-clock limit of one session's turns together. */
        session_timeout_seconds: z.number().int().min(1).max(604_800).default(1800),
        /** Model calls in one turn before it stops with `step_limit`. */
        max_steps: z.number().int().min(1).max(1000).default(50),
        /** Input + output tokens one session may spend. */
        token_budget: z.number().int().min(1000).max(1_000_000_000).default(2_000_000),
        /** Roughly how many tokens of conversation are sent; older tool output is trimmed first. */
        context_budget_tokens: z.number().int().min(1000).max(10_000_000).default(100_000),
        /** An unanswered question or approval request ends this way after the timeout. */
        interaction_timeout_seconds: z.number().int().min(1).max(604_800).default(600),
        interaction_timeout_action: z.enum(["deny", "cancel"]).default("deny"),
        /** A turn that produces no event for this long is cancelled as stuck. */
        stuck_turn_seconds: z.number().int().min(5).max(86_400).default(600),
        /** Time limit of one `bash` tool call. */
        tool_timeout_seconds: z.number().int().min(1).max(86_400).default(120),
      })
      .strict()
      .prefault({}),
    /** Hangar's own MCP server (`/mcp` on the API's listener, and optionally a listener of its own), and the MCP servers agents get. */
    mcp: z
      .object({
        /** A second listener on server.host serving only `/mcp` (Coderunner's layout); none when absent. */
        port: z.number().int().min(0).max(65535).optional(),
        /** MCP sessions one owner may hold; past it the least recently used idle one is closed. */
        max_sessions_per_owner: z.number().int().min(1).max(1000).default(16),
        /** An MCP session with no request (and no open stream) for this long is closed. */
        session_idle_seconds: z.number().int().min(1).max(86_400).default(1800),
        /** MCP servers offered to agents: `[mcp.servers.<name>]` (see `mcp-servers-schema.ts`). */
        servers: mcpServersSchema,
      })
      .strict()
      .prefault({}),
    /** The credential store (`hangar credentials`, `/credentials`): tokens encrypted at rest, see docs. */
    credentials: z
      .object({
        /** sqlite: in hangar.db (default); redis: a shared Redis (`redis_url`, else REDIS_URL). */
        store: z.enum(["sqlite", "redis"], "credentials.store must be sqlite or redis").default("sqlite"),
        /** `redis://[:password@]host:port[/db]` or `rediss://…`; only used with store = "redis". */
        redis_url: z
          .string()
          .regex(/^rediss?:\/\/\S+$/, "credentials.redis_url must be a redis:// or rediss:// URL")
          .optional(),
        /** Prefix of every Redis key the store writes, so it can share a Redis with Coderunner. */
        key_prefix: z
          .string()
          .regex(/^[A-Za-z0-9:._-]{1,64}$/, "credentials.key_prefix must be 1-64 letters, digits, : . _ -")
          .default("hangar:"),
      })
      .strict()
      .refine((credentials) => credentials.store !== "redis" || credentials.redis_url !== undefined, {
        path: ["redis_url"],
        message: 'credentials.store = "redis" needs credentials.redis_url (or REDIS_URL)',
      })
      .prefault({}),
    /** The credential-injecting proxy (`/proxy/github/…`, `/proxy/graph/…`, `/proxy/<credential>/…`). */
    proxy: z
      .object({
        /** Where GitHub credentials are sent; GitHub Enterprise: `https://ghe.example.com/api/v3`. */
        github_api_url: httpUrlSchema("proxy.github_api_url").default("https://api.github.com"),
        /** Where Graph credentials are sent; national clouds: e.g. `https://graph.microsoft.us`. */
        graph_api_url: httpUrlSchema("proxy.graph_api_url").default("https://graph.microsoft.com"),
        /** A larger request body is refused with 413 (streamed: counted as it arrives). */
        max_request_bytes: z
          .number()
          .int()
          .min(0)
          .max(1_073_741_824)
          .default(10 * 1024 * 1024),
        /** A larger upstream answer is cut with an error (refused with 502 when its length is declared). */
        max_response_bytes: z
          .number()
          .int()
          .min(1)
          .max(4_294_967_296)
          .default(50 * 1024 * 1024),
        /** An upstream that sends nothing for this long (before or while answering) is given up on. */
        timeout_seconds: z.number().int().min(1).max(3600).default(30),
        /**
         * Bearer credentials' base URLs are chosen by their owners: by default one that is (or
         * resolves to) a loopback, private or link-local address is refused. Set on single-user hosts.
         */
        allow_private_upstreams: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** MCP servers offered to agents: `[mcp.servers.<name>]` (see `mcp-servers-schema.ts`). */
    /** The terminal UI (`hangar`). */
    /** Chat bridges `hangar serve` starts with the server; a platform is on when its table exists. */
    bridges: z
      .object({ telegram: telegramBridgeSchema.optional(), slack: slackBridgeSchema.optional() })
      .strict()
      .prefault({}),
    tui: z
      .object({
        /** Key bindings over the defaults, e.g. `cancel_turn = "ctrl+g"` or `scroll_down = ["down", "j"]`. */
        keys: tuiKeysSchema.default({}),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
        /** auto: readable lines on a terminal, JSON lines otherwise; json or pretty: always that. */
        format: z.enum(["auto", "json", "pretty"]).default("auto"),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, context) => {
    for (const [name, agent] of Object.entries(config.agents.custom)) {
      if ((agent.package === undefined) !== (agent.version === undefined)) {
        context.addIssue({
          code: "custom",
          path: ["agents", "custom", name, agent.package === undefined ? "package" : "version"],
          message: "package and version go together: Hangar installs exact versions only",
        });
      }
    }
    const providerKeys = Object.values(config.llm.providers).flatMap(
      (provider) => provider.api_key_env ?? [],
    );
    for (const issue of mcpServerIssues(config.mcp.servers, providerKeys)) {
      context.addIssue({ code: "custom", ...issue });
    }
    if (config.runs.default_timeout_ms > config.runs.max_timeout_ms) {
      context.addIssue({
        code: "custom",
        path: ["runs", "default_timeout_ms"],
        message: `must not exceed runs.max_timeout_ms (${config.runs.max_timeout_ms})`,
      });
    }
  });

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
