import { type Logger } from "pino";
import type { Config } from "../config/config-schema.js";
/** Where the logger writes; stdout, whose being a terminal decides the `auto` format. */
export interface LogOutput {
    write(text: string): unknown;
    isTTY?: boolean;
}
/**
 * Hangar's logger: JSON lines for machines (log shippers, `| jq`), readable lines
 * on a terminal. `log.format` (--log-format, HANGAR_LOG_FORMAT): `auto` (readable
 * on a TTY, JSON otherwise), `json` or `pretty`.
 */
export declare function createLogger(config: Config, output?: LogOutput): Logger;
