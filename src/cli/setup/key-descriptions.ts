/**
 * One line per hangar.toml key and table, written as a comment above it by `hangar setup`.
 * Patterns are dotted key paths; `*` stands for one entry of a table of named entries
 * (`llm.providers.<name>`); entries of an array of tables (`[[server.api_keys]]`) use the
 * array's own path. Kept beside the wizard rather than in the schema: zod keeps no
 * comments at run time, and the schema's own comments speak to programmers.
 */
const descriptions: Record<string, string> = {
  data_dir: "Where Hangar keeps its database and state.",
  projects_dir: "Where agent sessions' project workspaces live on the host.",
  server: "The HTTP API server (hangar serve).",
  "server.host": "The address the server listens on; anything but loopback needs API keys.",
  "server.port": "The TCP port of the HTTP API.",
  "server.body_limit_bytes": "The largest request body accepted, in bytes.",
  "server.api_keys":
    "API keys: clients send one as `Authorization: Bearer <key>`; with none, only loopback clients may call.",
  "server.api_keys.key": "The secret itself (at least 16 characters); keep this file private.",
  "server.api_keys.owner": "Who the key belongs to; runs, sessions and sandboxes are kept per owner.",
  "server.api_keys.admin": "An admin key sees the whole server's load (/status runs, /metrics).",
  "server.request_timeout_seconds": "A request's headers and body must arrive within this many seconds.",
  "server.max_connections_per_client": "Open connections one client address may hold.",
  "server.cors_origins": "Web origins whose pages may call the API from a browser (CORS); none by default.",
  "server.unsafe_no_isolation": "Run code even where the isolation probes fail (never in production).",
  sandbox: "Where and how code runs.",
  "sandbox.provider": "The sandbox provider: bwrap (bubblewrap on this host) or docker (DOCKER_HOST).",
  "sandbox.docker": "The Docker provider.",
  "sandbox.docker.image": "The sandbox image, built locally with `hangar image build`.",
  "sandbox.pool_size": "Pre-created one-shot sandboxes kept ready; 0 disables the pool.",
  "sandbox.max_memory_share": "The share of the host's RAM live persistent sandboxes may hold together.",
  "sandbox.limits": "Each sandbox's limits.",
  "sandbox.limits.memory_mb": "Memory limit in MiB.",
  "sandbox.limits.pids": "Most processes and threads at once.",
  "sandbox.limits.cpu_cores": "CPU cores' worth of time.",
  "sandbox.limits.workspace_mb": "Size of the workspace in MiB.",
  "sandbox.limits.tmp_mb": "Size of /tmp in MiB.",
  runs: "Code runs (POST /run, hangar run).",
  "runs.default_timeout_ms": "A run's time limit when the request names none, in milliseconds.",
  "runs.max_timeout_ms": "The longest time limit a request may ask for, in milliseconds.",
  "runs.max_output_bytes": "Output a run may print before it is stopped, in bytes.",
  "runs.max_code_bytes": "The largest program accepted, in bytes.",
  "runs.max_concurrent": "Runs executing at once.",
  "runs.max_queue": "Runs waiting for a slot; past it requests are refused.",
  "runs.max_running_per_owner": "Runs one owner may have executing at once.",
  "runs.max_queued_per_owner": "Runs one owner may have waiting.",
  "runs.session_idle_ttl_seconds": "A stateful run session unused for this long is ended.",
  "runs.max_sessions_per_owner": "Stateful run sessions one owner may hold.",
  "runs.session_cpu_seconds": "CPU seconds one run session's sandbox may use in all.",
  "runs.result_retention_seconds": "How long a run's result is kept for GET /runs.",
  sandboxes: "Managed, long-lived sandboxes (/sandboxes, hangar sandbox).",
  "sandboxes.idle_ttl_seconds": "A sandbox unused for this long is removed.",
  "sandboxes.max_per_owner": "Sandboxes one owner may hold.",
  "sandboxes.max_total": "Sandboxes on this server in all.",
  "sandboxes.reaper_interval_seconds": "How often idle sandboxes are looked for, in seconds.",
  "sandboxes.egress": "What a sandbox may reach through the egress proxy; nothing by default.",
  "sandboxes.egress.allow": "Host names (api.github.com) and wildcards (*.example.com) sandboxes may reach.",
  "sandboxes.egress.allow_loopback_for_tests": "TEST ONLY: lets an allowed name reach a loopback address.",
  llm: "Models for agent sessions.",
  "llm.default_model": "The model agent sessions use: provider:model (openai:gpt-4.1, ollama:qwen2.5-coder).",
  "llm.max_retries": "Retries of a model call on 429 and 5xx answers.",
  "llm.request_timeout_ms": "A model call that sends nothing for this long is abandoned, in milliseconds.",
  "llm.providers": "OpenAI-compatible model servers, by name.",
  "llm.providers.*": "An OpenAI-compatible model server; its models are named <name>:<model>.",
  "llm.providers.*.base_url": "The server's API root (e.g. http://127.0.0.1:8000/v1).",
  "llm.providers.*.api_key_env":
    "The environment variable holding its key (the key never goes in this file).",
  "llm.prices":
    "What models cost (US dollars per million tokens), for the cost the TUI and chat bridges show.",
  "llm.prices.*": "One model's price: provider:model = { input_per_million, output_per_million }.",
  "llm.prices.*.input_per_million": "US dollars per million input tokens.",
  "llm.prices.*.output_per_million": "US dollars per million output tokens.",
  agents: "Agent sessions (POST /chat, hangar task).",
  "agents.default_agent":
    "The agent a session runs when none is named: builtin or an ACP agent (hangar agents ls).",
  "agents.directory": "Where `hangar agents install` puts external agents.",
  "agents.custom": "ACP agents the catalog does not know, by name.",
  "agents.custom.*": "A custom ACP agent.",
  "agents.custom.*.title": "Its display name.",
  "agents.custom.*.command":
    "Its command: a path in its install directory, or an absolute path in the sandbox.",
  "agents.custom.*.node": "Run the command with the sandbox's node.",
  "agents.custom.*.args": "Its arguments.",
  "agents.custom.*.env":
    "Its environment; values may use {{relay_url}}, {{api_key}}, {{model}}, {{proxy_url}}.",
  "agents.custom.*.env.*": "One variable of its environment.",
  "agents.custom.*.home_files": "Files written into its home before it starts: path → content.",
  "agents.custom.*.home_files.*": "One file of its home.",
  "agents.custom.*.wire_formats": "The model APIs it calls.",
  "agents.custom.*.package": "The npm package `hangar agents install` installs (with version).",
  "agents.custom.*.version": "The exact version of its package.",
  "agents.custom.*.load_session": "It can load an earlier session (ACP session/load).",
  "agents.custom.*.resume_session": "It can resume an earlier session (ACP session/resume).",
  "agents.default_approval":
    "auto: everything inside the sandbox runs; ask: shell, writes and commits wait for approval.",
  "agents.max_concurrent_sessions": "Sessions running a turn at once; further ones wait.",
  "agents.max_concurrent_sessions_per_owner": "Sessions of one owner running a turn at once.",
  "agents.session_timeout_seconds": "Wall-clock limit of one session's turns together, in seconds.",
  "agents.max_steps": "Model calls in one turn before it stops.",
  "agents.token_budget": "Input and output tokens one session may spend.",
  "agents.context_budget_tokens": "Roughly how many tokens of conversation are sent to the model.",
  "agents.interaction_timeout_seconds": "How long a question or approval request waits for an answer.",
  "agents.interaction_timeout_action": "What an unanswered question or approval becomes: deny or cancel.",
  "agents.stuck_turn_seconds": "A turn that produces no event for this long is cancelled as stuck.",
  "agents.tool_timeout_seconds": "Time limit of one bash tool call, in seconds.",
  bridges: "Chat bridges hangar serve starts with the server (hangar bridges status shows them).",
  "bridges.telegram": "The Telegram bot: /task in a chat runs an agent session there.",
  "bridges.telegram.token_env":
    "The environment variable holding the bot token from @BotFather (the token never goes in this file).",
  "bridges.telegram.api_root": "A self-hosted Bot API server's URL; Telegram's own when absent.",
  "bridges.telegram.allowed_users":
    "Telegram user ids (numbers) who may start tasks and press buttons; nobody when empty.",
  "bridges.telegram.owners": "Telegram user id → the Hangar owner (of server.api_keys) that user acts as.",
  "bridges.telegram.owners.*": "The Hangar owner this Telegram user acts as.",
  "bridges.telegram.default_project": "The project a chat works in until /project binds it to another.",
  "bridges.telegram.debounce_ms": "How long streamed text gathers before the chat message is edited, in ms.",
  "bridges.slack": "The Slack app (Socket Mode): /task, a mention or a DM runs an agent session in a thread.",
  "bridges.slack.bot_token_env":
    "The environment variable holding the bot token (xoxb-…; the token never goes in this file).",
  "bridges.slack.app_token_env":
    "The environment variable holding the app-level Socket Mode token (xapp-…); no public URL needed.",
  "bridges.slack.api_url": "The Web API base for Enterprise Grid / GovSlack setups; Slack's own when absent.",
  "bridges.slack.allowed_users":
    "Slack user ids (U012ABC) who may start tasks and press buttons; nobody when empty.",
  "bridges.slack.owners": "Slack user id → the Hangar owner (of server.api_keys) that user acts as.",
  "bridges.slack.owners.*": "The Hangar owner this Slack user acts as.",
  "bridges.slack.default_project": "The project a channel works in until /project binds it to another.",
  "bridges.slack.debounce_ms": "How long streamed text gathers before the Slack message is edited, in ms.",
  log: "Logging.",
  "log.level": "fatal, error, warn, info, debug, trace or silent.",
  "log.format": "auto (readable on a terminal, JSON otherwise), json or pretty.",
};

const patterns = Object.entries(descriptions).map(([pattern, text]) => ({
  segments: pattern.split("."),
  text,
}));

/** The comment for the key at `path` (array indexes left out); a generic one for a key this table does not know. */
export function describeKey(path: readonly string[]): string {
  const match = patterns.find(
    ({ segments }) =>
      segments.length === path.length &&
      segments.every((segment, index) => segment === "*" || segment === path[index]),
  );
  return match?.text ?? `${path.join(".")}: see the configuration reference.`;
}
