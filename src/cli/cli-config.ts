import type { Config } from "../config/config-schema.js";
import { loadConfig, setPath } from "../config/load-config.js";
import type { CommonOptions } from "./common-options.js";

/** A config key a command sets: its path, the value, and the flag that set it (none: the command's own choice). */
export type FlagSetting = [path: string[], value: unknown, flag?: string];

/** Turns parsed flags into the config's flag layer (highest precedence) and loads the config. */
export function configFromFlags(options: CommonOptions, flags: FlagSetting[] = []): Config {
  const tree: Record<string, unknown> = {};
  const flagNames: Record<string, string> = {};
  const all: FlagSetting[] = [
    [["data_dir"], options.dataDir, "--data-dir"],
    [["log", "level"], options.logLevel, "--log-level"],
    [["log", "format"], options.logFormat, "--log-format"],
    ...flags,
  ];
  for (const [path, value, flag] of all) {
    if (value === undefined) continue;
    setPath(tree, path, value);
    if (flag !== undefined) flagNames[path.join(".")] = flag;
  }
  return loadConfig({
    ...(options.config === undefined ? {} : { configPath: options.config }),
    flags: tree,
    flagNames,
  });
}
