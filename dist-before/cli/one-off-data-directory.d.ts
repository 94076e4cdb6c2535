import { type Config } from "../config/config-schema.js";
/**
 * A one-off command (`hangar run`, `hangar doctor`) must not leave `.hangar/` in
 * whatever directory it was started from. It uses the data directory when one
 * exists or the user chose one (--data-dir, HANGAR_DATA_DIR, hangar.toml), and
 * otherwise a temporary one, removed when the command ends.
 */
export declare function withOneOffDataDirectory<Result>(config: Config, work: (config: Config) => Promise<Result>): Promise<Result>;
