import type { Config } from "../config/config-schema.js";
import type { CommonOptions } from "./common-options.js";
/** A config key a command sets: its path, the value, and the flag that set it (none: the command's own choice). */
export type FlagSetting = [path: string[], value: unknown, flag?: string];
/** Turns parsed flags into the config's flag layer (highest precedence) and loads the config. */
export declare function configFromFlags(options: CommonOptions, flags?: FlagSetting[]): Config;
