/**
 * One pino JSON line as a person reads it on a terminal:
 * `20:49:01.123 INFO  listening on http://127.0.0.1:8087  provider=bwrap`.
 * A few lines of our own instead of pino-pretty and its dependencies; a line
 * that is not pino's JSON passes through unchanged.
 */
const levelNames = {
    10: "TRACE",
    20: "DEBUG",
    30: "INFO",
    40: "WARN",
    50: "ERROR",
    60: "FATAL",
};
const levelColours = { 40: "\u001b[33m", 50: "\u001b[31m", 60: "\u001b[41m" };
const dim = "\u001b[2m";
const reset = "\u001b[0m";
/** Fields every line has, shown in the prefix or not at all. */
const omitted = new Set(["level", "time", "msg", "pid", "hostname", "name", "v"]);
export function prettyLogLine(line, options) {
    let record;
    try {
        record = JSON.parse(line);
    }
    catch {
        return line;
    }
    if (typeof record !== "object" || record === null || typeof record.level !== "number")
        return line;
    const time = typeof record.time === "number" ? localTime(new Date(record.time)) : "";
    const level = (levelNames[record.level] ?? String(record.level)).padEnd(5);
    const message = typeof record.msg === "string" ? record.msg : "";
    const fields = Object.entries(record)
        .filter(([key]) => !omitted.has(key))
        .map(([key, value]) => formatField(key, value));
    const colour = options.color ? (levelColours[record.level] ?? "") : "";
    const prefix = options.color
        ? `${dim}${time}${reset} ${colour}${level}${colour ? reset : ""}`
        : `${time} ${level}`;
    const rest = fields.length === 0
        ? ""
        : options.color
            ? `  ${dim}${fields.join(" ")}${reset}`
            : `  ${fields.join(" ")}`;
    return `${prefix} ${message}${rest}\n`;
}
function formatField(key, value) {
    if (key === "err" && typeof value === "object" && value !== null) {
        const error = value;
        return `err=${JSON.stringify(error.message ?? "")}${typeof error.stack === "string" ? `\n${error.stack}` : ""}`;
    }
    if (typeof value === "string")
        return /^[^\s"=]+$/.test(value) ? `${key}=${value}` : `${key}=${JSON.stringify(value)}`;
    return `${key}=${JSON.stringify(value)}`;
}
/** `20:49:01.123` in the terminal's own time zone. */
function localTime(date) {
    const twoDigits = (value) => String(value).padStart(2, "0");
    const milliseconds = String(date.getMilliseconds()).padStart(3, "0");
    return `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}.${milliseconds}`;
}
//# sourceMappingURL=pretty-log.js.map