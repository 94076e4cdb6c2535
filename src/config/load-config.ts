import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseToml } from "smol-toml";
import type { z } from "zod";
import { didYouMean } from "../core/closest-name.js";
import { HangarError, errorMessage } from "../core/errors.js";
import { configSchema, type Config } from "./config-schema.js";
import { keysAt } from "./schema-keys.js";

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
type Origins = Map<string, { name: string; value: unknown }>;

/** Environment variables and the config key each one sets. */
const environmentKeys: Record<string, { path: string[]; parse: (value: string) => unknown }> = {
  PORT: { path: ["server", "port"], parse: parseNumber },
  HANGAR_PORT: { path: ["server", "port"], parse: parseNumber },
  HANGAR_HOST: { path: ["server", "host"], parse: String },
  HANGAR_DATA_DIR: { path: ["data_dir"], parse: String },
  HANGAR_PROJECTS_DIR: { path: ["projects_dir"], parse: String },
  HANGAR_PROVIDER: { path: ["sandbox", "provider"], parse: String },
  HANGAR_POOL_SIZE: { path: ["sandbox", "pool_size"], parse: parseNumber },
  HANGAR_DOCKER_IMAGE: { path: ["sandbox", "docker", "image"], parse: String },
  HANGAR_MODEL: { path: ["llm", "default_model"], parse: String },
  HANGAR_APPROVAL: { path: ["agents", "default_approval"], parse: String },
  HANGAR_LOG_LEVEL: { path: ["log", "level"], parse: String },
  HANGAR_LOG_FORMAT: { path: ["log", "format"], parse: String },
  HANGAR_API_KEYS: { path: ["server", "api_keys"], parse: parseApiKeys },
  HANGAR_CORS_ORIGINS: { path: ["server", "cors_origins"], parse: parseList },
  HANGAR_UNSAFE_NO_ISOLATION: { path: ["server", "unsafe_no_isolation"], parse: parseBoolean },
  REDIS_URL: { path: ["credentials", "redis_url"], parse: String },
};

/** The environment variables that set the config key at `path` (`server.port`: PORT, HANGAR_PORT). */
export function variablesSetting(path: readonly string[]): string[] {
  const key = path.join(".");
  return Object.entries(environmentKeys)
    .filter(([, entry]) => entry.path.join(".") === key)
    .map(([name]) => name);
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const environment = options.environment ?? process.env;
  const workingDirectory = options.workingDirectory ?? process.cwd();
  const fromFile = readConfigFile(options.configPath, workingDirectory);
  const origins: Origins = new Map();
  const fromEnvironment = readEnvironment(environment, origins);
  for (const [key, name] of Object.entries(options.flagNames ?? {})) {
    const value = valueAt(options.flags ?? {}, key.split("."));
    // A later layer wins, and so does the name of what set it.
    if (value !== undefined) origins.set(key, { name, value });
  }
  const merged = mergeTrees(mergeTrees(fromFile, fromEnvironment), options.flags ?? {});
  return parseConfig(merged, origins);
}

export function parseConfig(input: unknown, origins: Origins = new Map()): Config {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw configError(parsed.error, origins);
  return parsed.data;
}

/**
 * One line per problem, naming what the user wrote: the environment variable or
 * flag when one set the key (`HANGAR_PORT=99999: …`), else the key as in hangar.toml,
 * with "did you mean" for an unknown key near a known one.
 */
function configError(error: z.ZodError, origins: Origins): HangarError {
  const sources: string[] = [];
  const problems = error.issues.map((issue) => {
    const path = issue.path.map(String);
    const origin = originOf(origins, path);
    const key = path.join(".") || "(root)";
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(configSchema, path) ?? [];
      sources.push(key);
      const where = key === "(root)" ? "" : ` in [${key}]`;
      return issue.keys.map((name) => `unknown key "${name}"${where}${didYouMean(name, known)}`).join("\n  ");
    }
    if (origin === undefined) {
      sources.push(key);
      return `${key}: ${issue.message}`;
    }
    sources.push(origin.name);
    return `${origin.name}=${JSON.stringify(origin.value)}: ${issue.message}`;
  });
  const field = sources[0];
  return new HangarError("CONFIG_INVALID", `invalid configuration\n  ${problems.join("\n  ")}`, {
    ...(field ? { field } : {}),
  });
}

function readConfigFile(configPath: string | undefined, workingDirectory: string): Tree {
  const path = resolve(workingDirectory, configPath ?? "hangar.toml");
  if (!existsSync(path)) {
    if (configPath !== undefined) {
      throw new HangarError("CONFIG_INVALID", `config file ${path} does not exist`, { field: "config" });
    }
    return {};
  }
  try {
    return parseToml(readFileSync(path, "utf8"));
  } catch (error) {
    throw new HangarError("CONFIG_INVALID", `cannot read ${path}: ${errorMessage(error)}`, {
      field: "config",
    });
  }
}

/**
 * Reads one variable of the control plane's environment: the LLM providers'
 * keys and addresses (`OPENAI_API_KEY`, `OLLAMA_HOST`, an `api_key_env`). They
 * are not config keys, so `hangar config` never prints them.
 */
export function environmentVariable(
  name: string,
  environment: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const value = environment[name];
  return value === undefined || value === "" ? undefined : value;
}

function readEnvironment(environment: NodeJS.ProcessEnv, origins: Origins): Tree {
  const tree: Tree = {};
  for (const [name, { path, parse }] of Object.entries(environmentKeys)) {
    const value = environment[name];
    if (value === undefined || value === "") continue;
    setPath(tree, path, parse(value));
    origins.set(path.join("."), { name, value });
  }
  return tree;
}

/** The origin of the key at `path` or of the nearest key above it (`server.cors_origins` for `server.cors_origins.0`). */
function originOf(origins: Origins, path: string[]): { name: string; value: unknown } | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const origin = origins.get(path.slice(0, length).join("."));
    if (origin !== undefined) return origin;
  }
  return undefined;
}

function valueAt(tree: Tree, path: string[]): unknown {
  let node: unknown = tree;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Tree)[key];
  }
  return node;
}

/**
 * `HANGAR_API_KEYS=key1:alice,key2:bob:admin`. A key without an owner maps to the
 * owner `default`; a third part `admin` makes it an admin key.
 */
function parseApiKeys(value: string): unknown {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const parts = entry.split(":");
      if (parts.length >= 3 && parts.at(-1) === "admin") {
        return { key: parts.slice(0, -2).join(":"), owner: parts.at(-2), admin: true };
      }
      const separator = entry.lastIndexOf(":");
      return separator > 0
        ? { key: entry.slice(0, separator), owner: entry.slice(separator + 1) }
        : { key: entry, owner: "default" };
    });
}

/** `HANGAR_CORS_ORIGINS=https://a.example,https://b.example`. */
function parseList(value: string): unknown {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** A number, or the text itself for the schema to refuse (`Number("abc")` would be NaN, a message nobody reads well). */
function parseNumber(value: string): unknown {
  const number = Number(value);
  return value.trim() === "" || Number.isNaN(number) ? value : number;
}

function parseBoolean(value: string): unknown {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value; // let the schema name the key and reject it
}

export function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (typeof child !== "object" || child === null || Array.isArray(child)) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1]!] = value;
}

function mergeTrees(base: Tree, override: Tree): Tree {
  const result: Tree = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const existing = result[key];
    const bothObjects =
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      typeof existing === "object" &&
      existing !== null &&
      !Array.isArray(existing);
    result[key] = bothObjects ? mergeTrees(existing as Tree, value as Tree) : value;
  }
  return result;
}

const secretKeys = new Set(["key", "api_key", "token", "password", "secret", "redis_url"]);

/** The effective config with every secret replaced, for `hangar config` and logs. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      secretKeys.has(key) && typeof child === "string" ? mask(child) : maskSecrets(child),
    ]),
  );
}

function mask(secret: string): string {
  return secret.length <= 8 ? "****" : `${secret.slice(0, 4)}****`;
}
