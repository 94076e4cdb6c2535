import { type Config } from "./config-schema.js";
/**
 * Loads the effective configuration. Sources, lowest first: the schema's
 * defaults, `hangar.toml` (or the file given with --config), the environment,
 * then command-line flags. This module is the only reader of `process.env`.
 */
export interface LoadConfigOptions {
    /** Explicit config file; it must exist. Without it `./hangar.toml` is read when present. */
    configPath?: string;
    /** Overrides from flags, as a partial config tree in toml key names. */
    flags?: Record<string, unknown>;
    /** The flag that set each key in `flags` (`server.port` → `--port`), so errors name it. */
    flagNames?: Record<string, string>;
    environment?: NodeJS.ProcessEnv;
    workingDirectory?: string;
}
type Tree = Record<string, unknown>;
/** What the user typed that set a config key: an environment variable or a flag, and its value. */
type Origins = Map<string, {
    name: string;
    value: unknown;
}>;
export declare function loadConfig(options?: LoadConfigOptions): Config;
export declare function parseConfig(input: unknown, origins?: Origins): Config;
/**
 * Reads one variable of the control plane's environment: the LLM providers'
 * keys and addresses (`OPENAI_API_KEY`, `OLLAMA_HOST`, an `api_key_env`). They
 * are not config keys, so `hangar config` never prints them.
 */
export declare function environmentVariable(name: string, environment?: NodeJS.ProcessEnv): string | undefined;
export declare function setPath(tree: Tree, path: string[], value: unknown): void;
/** The effective config with every secret replaced, for `hangar config` and logs. */
export declare function maskSecrets(value: unknown): unknown;
export {};
