import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseToml } from "smol-toml";
import type { z } from "zod";
import { HangarError, errorMessage } from "../core/errors.js";
import { configSchema, type Config } from "./config-schema.js";

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
  environment?: NodeJS.ProcessEnv;
  workingDirectory?: string;
}

type Tree = Record<string, unknown>;

/** Environment variables and the config key each one sets. */
const environmentKeys: Record<string, { path: string[]; parse: (value: string) => unknown }> = {
  PORT: { path: ["server", "port"], parse: Number },
  HANGAR_PORT: { path: ["server", "port"], parse: Number },
  HANGAR_HOST: { path: ["server", "host"], parse: String },
  HANGAR_DATA_DIR: { path: ["data_dir"], parse: String },
  HANGAR_PROJECTS_DIR: { path: ["projects_dir"], parse: String },
  HANGAR_PROVIDER: { path: ["sandbox", "provider"], parse: String },
  HANGAR_POOL_SIZE: { path: ["sandbox", "pool_size"], parse: Number },
  HANGAR_DOCKER_IMAGE: { path: ["sandbox", "docker", "image"], parse: String },
  HANGAR_MODEL: { path: ["llm", "default_model"], parse: String },
  HANGAR_APPROVAL: { path: ["agents", "default_approval"], parse: String },
  HANGAR_LOG_LEVEL: { path: ["log", "level"], parse: String },
  HANGAR_API_KEYS: { path: ["server", "api_keys"], parse: parseApiKeys },
  HANGAR_UNSAFE_NO_ISOLATION: { path: ["server", "unsafe_no_isolation"], parse: parseBoolean },
};

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const environment = options.environment ?? process.env;
  const workingDirectory = options.workingDirectory ?? process.cwd();
  const fromFile = readConfigFile(options.configPath, workingDirectory);
  const fromEnvironment = readEnvironment(environment);
  const merged = mergeTrees(mergeTrees(fromFile, fromEnvironment), options.flags ?? {});
  return parseConfig(merged);
}

export function parseConfig(input: unknown): Config {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw configError(parsed.error);
  return parsed.data;
}

function configError(error: z.ZodError): HangarError {
  const problems = error.issues.map((issue) => {
    const key = issue.path.join(".") || "(root)";
    const message =
      issue.code === "unrecognized_keys" ? `unknown key(s): ${issue.keys.join(", ")}` : issue.message;
    return `${key}: ${message}`;
  });
  const field = error.issues[0]?.path.join(".");
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

function readEnvironment(environment: NodeJS.ProcessEnv): Tree {
  const tree: Tree = {};
  for (const [name, { path, parse }] of Object.entries(environmentKeys)) {
    const value = environment[name];
    if (value === undefined || value === "") continue;
    setPath(tree, path, parse(value));
  }
  return tree;
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

const secretKeys = new Set(["key", "api_key", "token", "password", "secret"]);

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
