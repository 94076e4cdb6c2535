import { pino } from "pino";
import { environmentVariable } from "../config/load-config.js";
import { prettyLogLine } from "./pretty-log.js";
/**
 * Hangar's logger: JSON lines for machines (log shippers, `| jq`), readable lines
 * on a terminal. `log.format` (--log-format, HANGAR_LOG_FORMAT): `auto` (readable
 * on a TTY, JSON otherwise), `json` or `pretty`.
 */
export function createLogger(config, output = process.stdout) {
    const options = { level: config.log.level, name: "hangar" };
    const format = config.log.format === "auto" ? (output.isTTY === true ? "pretty" : "json") : config.log.format;
    if (format === "json") {
        return output === process.stdout
            ? pino(options)
            : pino(options, { write: (line) => output.write(line) });
    }
    // https://no-color.org: any value turns colours off.
    const color = output.isTTY === true && environmentVariable("NO_COLOR") === undefined;
    return pino(options, { write: (line) => output.write(prettyLogLine(line, { color })) });
}
//# sourceMappingURL=create-logger.js.map