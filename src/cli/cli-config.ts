import type { Config } from "../config/config-schema.js";
import { loadConfig, setPath } from "../config/load-config.js";
import type { CommonOptions } from "./common-options.js";

/** Turns parsed flags into the config's flag layer (highest precedence) and loads the config. */
export function configFromFlags(options: CommonOptions, flags: Array<[string[], unknown]> = []): Config {
  const tree: Record<string, unknown> = {};
  const all: Array<[string[], unknown]> = [
    [["data_dir"], options.dataDir],
    [["log", "level"], options.logLevel],
    ...flags,
  ];
  for (const [path, value] of all) if (value !== undefined) setPath(tree, path, value);
  return loadConfig({ ...(options.config === undefined ? {} : { configPath: options.config }), flags: tree });
}
