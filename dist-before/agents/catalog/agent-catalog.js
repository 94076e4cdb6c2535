/**
 * The external ACP agents Hangar knows, as data: how each one is installed (npm package,
 * pinned version), started (command and arguments), and told its model endpoint, key and
 * model (environment variables and files in its private home), which model wire formats it
 * sends, and which ACP session capabilities it has. Every entry was run end to end against
 * a local scripted model with no network (initialize → session/new → session/prompt);
 * `hangar agents install` installs these versions, nothing newer.
 *
 * Templates may use the placeholders of `AgentSessionValues` (see agent-launch.ts):
 * `{{relay_url}}` is the model relay's root inside the sandbox (`http://127.0.0.1:<port>`),
 * whose routes are `/openai/v1/…`, `/anthropic/v1/…` and `/gemini/v1beta/…`; `{{api_key}}`
 * is the session's relay token (never a real key); `{{model}}` the model name;
 * `{{proxy_url}}` the egress proxy (an env entry that uses it is left out when the session
 * has none). A command path may use `{{arch}}` for agents that ship one native binary per
 * platform.
 */
/** The model APIs an agent may call; the relay must forward each one it uses. */
export const wireFormats = [
    "openai-chat-completions",
    "openai-responses",
    "anthropic-messages",
    "gemini-generate-content",
];
// Every agent is asked not to phone home: the sandbox has no network, and an agent that
// waits on a blocked update check or telemetry upload only starts slower.
const claudeCode = {
    id: "claude-code",
    title: "Claude Code",
    package: { name: "@zed-industries/claude-code-acp", version: "0.16.2" },
    command: { path: "node_modules/@zed-industries/claude-code-acp/dist/index.js", node: true },
    args: [],
    wireFormats: ["anthropic-messages"],
    env: {
        // The Anthropic SDK appends /v1/messages itself.
        ANTHROPIC_BASE_URL: "{{relay_url}}/anthropic",
        ANTHROPIC_API_KEY: "{{api_key}}",
        ANTHROPIC_MODEL: "{{model}}",
        // Its background calls (titles, summaries) use the "small fast" model: pin every alias,
        // or it asks the relay for a Claude model the session may not allow.
        ANTHROPIC_SMALL_FAST_MODEL: "{{model}}",
        ANTHROPIC_DEFAULT_HAIKU_MODEL: "{{model}}",
        ANTHROPIC_DEFAULT_SONNET_MODEL: "{{model}}",
        ANTHROPIC_DEFAULT_OPUS_MODEL: "{{model}}",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_TELEMETRY: "1",
        DISABLE_AUTOUPDATER: "1",
        DISABLE_ERROR_REPORTING: "1",
    },
    homeFiles: {},
    capabilities: { loadSession: true, resumeSession: true },
    origin: "catalog",
};
const codex = {
    id: "codex",
    title: "Codex",
    package: { name: "@zed-industries/codex-acp", version: "0.16.0" },
    // The package's bin is a node launcher that picks this binary; starting it directly saves a process.
    command: { path: "node_modules/@zed-industries/codex-acp-linux-{{arch}}/bin/codex-acp", node: false },
    args: [],
    // Codex no longer speaks chat completions (`wire_api = "chat"` is refused).
    wireFormats: ["openai-responses"],
    env: { HANGAR_RELAY_TOKEN: "{{api_key}}" },
    homeFiles: {
        ".codex/config.toml": [
            'model = "{{model}}"',
            'model_provider = "hangar"',
            "check_for_update_on_startup = false",
            // Hangar's sandbox is the sandbox: Codex's own (bubblewrap in a user namespace) cannot start
            // inside it (user namespaces are off), so every sandboxed command failed with ENOSPC and
            // nothing asked. No inner sandbox, and every command that is not known to be read-only asks:
            // a `session/request_permission` Hangar answers by its approval policy (the runner approves
            // at once under `auto`).
            'sandbox_mode = "danger-full-access"',
            'approval_policy = "untrusted"',
            "",
            "[model_providers.hangar]",
            'name = "Hangar relay"',
            'base_url = "{{relay_url}}/openai/v1"',
            'env_key = "HANGAR_RELAY_TOKEN"',
            'wire_api = "responses"',
            "",
            "[analytics]",
            "enabled = false",
            "",
            "[feedback]",
            "enabled = false",
            "",
        ].join("\n"),
    },
    capabilities: { loadSession: true, resumeSession: true },
    origin: "catalog",
};
const gemini = {
    id: "gemini",
    title: "Gemini CLI",
    package: { name: "@google/gemini-cli", version: "0.61.0" },
    command: { path: "node_modules/@google/gemini-cli/bundle/gemini.js", node: true },
    args: ["--acp"],
    wireFormats: ["gemini-generate-content"],
    env: {
        // The Gemini SDK appends /v1beta/models/<model>:… itself.
        GOOGLE_GEMINI_BASE_URL: "{{relay_url}}/gemini",
        GEMINI_API_KEY: "{{api_key}}",
        GEMINI_MODEL: "{{model}}",
    },
    homeFiles: {
        // Without a selected auth type the agent asks the client to `authenticate` first.
        ".gemini/settings.json": settingsJson({
            security: { auth: { selectedType: "gemini-api-key" } },
            privacy: { usageStatisticsEnabled: false },
            telemetry: { enabled: false },
            general: { disableAutoUpdate: true, disableUpdateNag: true },
            model: { name: "{{model}}" },
        }),
    },
    // Offered ACP's fs/*, Gemini CLI's write_file takes the "resource not found" answer for a
    // missing file as a failure (it tests `instanceof Error` on a JSON-RPC error object) and
    // never writes a new file; it reads and writes the workspace itself instead.
    capabilities: { loadSession: true, resumeSession: false, localFiles: true },
    origin: "catalog",
};
const qwen = {
    id: "qwen",
    title: "Qwen Code",
    package: { name: "@qwen-code/qwen-code", version: "0.24.4" },
    command: { path: "node_modules/@qwen-code/qwen-code/cli.js", node: true },
    args: ["--acp"],
    wireFormats: ["openai-chat-completions"],
    env: {
        OPENAI_BASE_URL: "{{relay_url}}/openai/v1",
        OPENAI_API_KEY: "{{api_key}}",
        OPENAI_MODEL: "{{model}}",
    },
    homeFiles: {
        ".qwen/settings.json": settingsJson({
            security: { auth: { selectedType: "openai" } },
            privacy: { usageStatisticsEnabled: false },
            telemetry: { enabled: false },
            general: { enableAutoUpdate: false, disableAutoUpdate: true },
            model: { name: "{{model}}" },
            // Its default mode (`auto`) writes and runs shell commands without asking, even under
            // Hangar's `ask`; `default` asks (session/request_permission) before edits and shell, and
            // the runner approves at once under `auto`.
            tools: { approvalMode: "default" },
        }),
    },
    capabilities: { loadSession: true, resumeSession: true },
    origin: "catalog",
};
const opencode = {
    id: "opencode",
    title: "opencode",
    package: { name: "opencode-ai", version: "1.18.33" },
    // The platform package's binary: the launcher in opencode-ai is only linked to it by an
    // install script, and Hangar installs without running any (it would be code run on the host).
    // npm also installs the `-baseline` build for CPUs without AVX2; this one needs AVX2.
    command: { path: "node_modules/opencode-linux-{{arch}}/bin/opencode", node: false },
    args: ["acp"],
    wireFormats: ["openai-chat-completions"],
    env: {
        HANGAR_RELAY_TOKEN: "{{api_key}}",
        OPENCODE_DISABLE_AUTOUPDATE: "1",
        OPENCODE_DISABLE_MODELS_FETCH: "1",
        OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
        OPENCODE_DISABLE_SHARE: "1",
        OPENCODE_DISABLE_DEFAULT_PLUGINS: "1",
        OPENCODE_DISABLE_CLAUDE_CODE: "1",
    },
    homeFiles: {
        ".config/opencode/opencode.json": settingsJson({
            provider: {
                hangar: {
                    npm: "@ai-sdk/openai-compatible",
                    name: "Hangar relay",
                    options: { baseURL: "{{relay_url}}/openai/v1", apiKey: "{env:HANGAR_RELAY_TOKEN}" },
                    models: { "{{model}}": { name: "{{model}}" } },
                },
            },
            model: "hangar/{{model}}",
            small_model: "hangar/{{model}}",
            autoupdate: false,
            share: "disabled",
            // opencode allows edits and shell by default, so it wrote without asking even under
            // Hangar's `ask`; `ask` makes each one a session/request_permission (the runner approves
            // at once under `auto`).
            permission: { edit: "ask", bash: "ask", webfetch: "ask" },
        }),
    },
    capabilities: { loadSession: true, resumeSession: true },
    origin: "catalog",
};
const goose = {
    id: "goose",
    title: "goose",
    package: { name: "@aaif/goose-acp", version: "1.50.0" },
    // The package's bin is a node launcher that picks this binary; starting it directly saves a process.
    command: { path: "node_modules/@aaif/goose-binary-linux-{{arch}}/bin/goose", node: false },
    args: ["acp"],
    wireFormats: ["openai-chat-completions"],
    env: {
        GOOSE_PROVIDER: "openai",
        GOOSE_MODEL: "{{model}}",
        // goose joins host and base path itself, and lists models at {host}/v1/models.
        OPENAI_HOST: "{{relay_url}}/openai",
        OPENAI_BASE_PATH: "v1/chat/completions",
        OPENAI_API_KEY: "{{api_key}}",
        // Otherwise it looks for the key in the OS keyring first.
        GOOSE_DISABLE_KEYRING: "1",
        // Its default mode (`auto`) runs every tool without asking, even under Hangar's `ask`;
        // `approve` asks (session/request_permission) before each tool call, and the runner
        // approves at once under `auto`.
        GOOSE_MODE: "approve",
        GOOSE_TELEMETRY_OFF: "1",
        GOOSE_TELEMETRY_ENABLED: "false",
    },
    homeFiles: {},
    capabilities: { loadSession: true, resumeSession: false },
    origin: "catalog",
};
/** The built-in catalog, in the order `hangar agents ls` shows it. */
export const agentCatalog = [claudeCode, codex, gemini, qwen, opencode, goose];
/** The agent that is Hangar's own loop, not an external one: never in the catalog. */
export const builtinAgentId = "builtin";
/** Pretty JSON for a settings file; template strings stay as they are, filled at expansion. */
function settingsJson(value) {
    return `${JSON.stringify(value, null, 2)}\n`;
}
//# sourceMappingURL=agent-catalog.js.map