import { z } from "zod";
export declare const apiKeySchema: z.ZodObject<{
    key: z.ZodString;
    owner: z.ZodString;
    admin: z.ZodDefault<z.ZodBoolean>;
}, z.core.$strip>;
/**
 * `[agents.custom.<name>]`: an ACP agent the catalog does not know. Values of `env` and
 * `home_files` are templates with the catalog's placeholders (`{{relay_url}}`, `{{api_key}}`,
 * `{{model}}`, `{{proxy_url}}`); agents/catalog checks them and the command's shape.
 */
declare const customAgentSchema: z.ZodObject<{
    title: z.ZodOptional<z.ZodString>;
    command: z.ZodString;
    node: z.ZodDefault<z.ZodBoolean>;
    args: z.ZodDefault<z.ZodArray<z.ZodString>>;
    env: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodString>>;
    home_files: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodString>>;
    wire_formats: z.ZodArray<z.ZodEnum<{
        "openai-chat-completions": "openai-chat-completions";
        "openai-responses": "openai-responses";
        "anthropic-messages": "anthropic-messages";
        "gemini-generate-content": "gemini-generate-content";
    }>>;
    package: z.ZodOptional<z.ZodString>;
    version: z.ZodOptional<z.ZodString>;
    load_session: z.ZodDefault<z.ZodBoolean>;
    resume_session: z.ZodDefault<z.ZodBoolean>;
}, z.core.$strict>;
export type CustomAgentConfig = z.infer<typeof customAgentSchema>;
export declare const configSchema: z.ZodObject<{
    data_dir: z.ZodDefault<z.ZodString>;
    projects_dir: z.ZodOptional<z.ZodString>;
    server: z.ZodPrefault<z.ZodObject<{
        host: z.ZodDefault<z.ZodString>;
        port: z.ZodDefault<z.ZodNumber>;
        body_limit_bytes: z.ZodDefault<z.ZodNumber>;
        api_keys: z.ZodDefault<z.ZodArray<z.ZodObject<{
            key: z.ZodString;
            owner: z.ZodString;
            admin: z.ZodDefault<z.ZodBoolean>;
        }, z.core.$strip>>>;
        request_timeout_seconds: z.ZodDefault<z.ZodNumber>;
        max_connections_per_client: z.ZodDefault<z.ZodNumber>;
        cors_origins: z.ZodDefault<z.ZodArray<z.ZodString>>;
        unsafe_no_isolation: z.ZodDefault<z.ZodBoolean>;
    }, z.core.$strict>>;
    sandbox: z.ZodPrefault<z.ZodObject<{
        provider: z.ZodDefault<z.ZodString>;
        docker: z.ZodPrefault<z.ZodObject<{
            image: z.ZodDefault<z.ZodString>;
        }, z.core.$strict>>;
        pool_size: z.ZodDefault<z.ZodNumber>;
        max_memory_share: z.ZodDefault<z.ZodNumber>;
        limits: z.ZodPrefault<z.ZodObject<{
            memory_mb: z.ZodDefault<z.ZodNumber>;
            pids: z.ZodDefault<z.ZodNumber>;
            cpu_cores: z.ZodDefault<z.ZodNumber>;
            workspace_mb: z.ZodDefault<z.ZodNumber>;
            tmp_mb: z.ZodDefault<z.ZodNumber>;
        }, z.core.$strict>>;
    }, z.core.$strict>>;
    runs: z.ZodPrefault<z.ZodObject<{
        default_timeout_ms: z.ZodDefault<z.ZodNumber>;
        max_timeout_ms: z.ZodDefault<z.ZodNumber>;
        max_output_bytes: z.ZodDefault<z.ZodNumber>;
        max_code_bytes: z.ZodDefault<z.ZodNumber>;
        max_concurrent: z.ZodDefault<z.ZodNumber>;
        max_queue: z.ZodDefault<z.ZodNumber>;
        max_running_per_owner: z.ZodDefault<z.ZodNumber>;
        max_queued_per_owner: z.ZodDefault<z.ZodNumber>;
        session_idle_ttl_seconds: z.ZodDefault<z.ZodNumber>;
        max_sessions_per_owner: z.ZodDefault<z.ZodNumber>;
        session_cpu_seconds: z.ZodDefault<z.ZodNumber>;
        result_retention_seconds: z.ZodDefault<z.ZodNumber>;
    }, z.core.$strict>>;
    sandboxes: z.ZodPrefault<z.ZodObject<{
        idle_ttl_seconds: z.ZodDefault<z.ZodNumber>;
        max_per_owner: z.ZodDefault<z.ZodNumber>;
        max_total: z.ZodDefault<z.ZodNumber>;
        reaper_interval_seconds: z.ZodDefault<z.ZodNumber>;
        egress: z.ZodPrefault<z.ZodObject<{
            allow: z.ZodDefault<z.ZodArray<z.ZodString>>;
            allow_loopback_for_tests: z.ZodDefault<z.ZodBoolean>;
        }, z.core.$strict>>;
    }, z.core.$strict>>;
    llm: z.ZodPrefault<z.ZodObject<{
        default_model: z.ZodDefault<z.ZodString>;
        max_retries: z.ZodDefault<z.ZodNumber>;
        request_timeout_ms: z.ZodDefault<z.ZodNumber>;
        providers: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodObject<{
            base_url: z.ZodURL;
            api_key_env: z.ZodOptional<z.ZodString>;
        }, z.core.$strict>>>;
    }, z.core.$strict>>;
    agents: z.ZodPrefault<z.ZodObject<{
        default_agent: z.ZodDefault<z.ZodString>;
        directory: z.ZodOptional<z.ZodString>;
        custom: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodObject<{
            title: z.ZodOptional<z.ZodString>;
            command: z.ZodString;
            node: z.ZodDefault<z.ZodBoolean>;
            args: z.ZodDefault<z.ZodArray<z.ZodString>>;
            env: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodString>>;
            home_files: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodString>>;
            wire_formats: z.ZodArray<z.ZodEnum<{
                "openai-chat-completions": "openai-chat-completions";
                "openai-responses": "openai-responses";
                "anthropic-messages": "anthropic-messages";
                "gemini-generate-content": "gemini-generate-content";
            }>>;
            package: z.ZodOptional<z.ZodString>;
            version: z.ZodOptional<z.ZodString>;
            load_session: z.ZodDefault<z.ZodBoolean>;
            resume_session: z.ZodDefault<z.ZodBoolean>;
        }, z.core.$strict>>>;
        default_approval: z.ZodDefault<z.ZodEnum<{
            auto: "auto";
            ask: "ask";
            "read-only": "read-only";
        }>>;
        max_concurrent_sessions: z.ZodDefault<z.ZodNumber>;
        max_concurrent_sessions_per_owner: z.ZodDefault<z.ZodNumber>;
        session_timeout_seconds: z.ZodDefault<z.ZodNumber>;
        max_steps: z.ZodDefault<z.ZodNumber>;
        token_budget: z.ZodDefault<z.ZodNumber>;
        context_budget_tokens: z.ZodDefault<z.ZodNumber>;
        interaction_timeout_seconds: z.ZodDefault<z.ZodNumber>;
        interaction_timeout_action: z.ZodDefault<z.ZodEnum<{
            deny: "deny";
            cancel: "cancel";
        }>>;
        stuck_turn_seconds: z.ZodDefault<z.ZodNumber>;
        tool_timeout_seconds: z.ZodDefault<z.ZodNumber>;
    }, z.core.$strict>>;
    log: z.ZodPrefault<z.ZodObject<{
        level: z.ZodDefault<z.ZodEnum<{
            error: "error";
            fatal: "fatal";
            warn: "warn";
            info: "info";
            debug: "debug";
            trace: "trace";
            silent: "silent";
        }>>;
        format: z.ZodDefault<z.ZodEnum<{
            auto: "auto";
            json: "json";
            pretty: "pretty";
        }>>;
    }, z.core.$strict>>;
}, z.core.$strict>;
export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export {};
