import { HangarError } from "../core/errors.js";
import { shellQuote } from "../core/paths.js";
/** Where every provider mounts the sandbox's workspace. */
export const workspaceMountPoint = "/workspace";
/** The fixed environment inside every sandbox: nothing from the host leaks in. */
export function sandboxEnvironment(extra = {}) {
    return {
        PATH: "/usr/local/bin:/usr/bin:/bin",
        HOME: workspaceMountPoint,
        TMPDIR: "/tmp",
        LANG: "C.UTF-8",
        LC_ALL: "C.UTF-8",
        USER: "sandbox",
        // No display in a sandbox, and Debian's matplotlibrc asks for TkAgg, which fails without one.
        MPLBACKEND: "Agg",
        ...extra,
    };
}
/** Exit status of the launch script when the sandbox could not be set up as asked. */
export const launchFailedExitCode = 125;
/** Starts the launch script's message for a staged file whose target exists and is not a regular file. */
export const notRegularFileMarker = "hangar: not a regular file: ";
const environmentName = /^[A-Za-z_][A-Za-z0-9_]*$/;
export function buildLaunchScript(input) {
    const parts = [];
    const line = (text) => {
        parts.push(Buffer.from(`${text}\n`));
    };
    const fail = ` || exit ${launchFailedExitCode}`;
    line(`ulimit -c 0${fail}`);
    line(`ulimit -n ${input.limits.openFiles}${fail}`);
    if (input.limits.fileSizeBytes !== undefined) {
        line(`ulimit -f ${Math.ceil(input.limits.fileSizeBytes / 512)}${fail}`);
    }
    if (input.limits.processes !== undefined)
        line(`ulimit -p ${input.limits.processes}${fail}`);
    line(`cd ${workspaceMountPoint}${fail}`);
    for (const file of input.files)
        parts.push(writeFileCommand(file));
    for (const [name, value] of Object.entries(input.command.env ?? {})) {
        if (!environmentName.test(name)) {
            throw new HangarError("BAD_REQUEST", `environment variable name ${JSON.stringify(name)} is invalid`, {
                field: "env",
            });
        }
        line(`export ${name}=${shellQuote(value)}`);
    }
    if (input.command.cwd !== undefined)
        line(`cd ${shellQuote(input.command.cwd)}${fail}`);
    // The CPU limit comes last so the script's own work never counts against it.
    if (input.limits.cpuTimeSeconds !== undefined) {
        line(`ulimit -t ${Math.max(1, Math.ceil(input.limits.cpuTimeSeconds))}${fail}`);
    }
    if (input.command.argv.length === 0)
        throw new HangarError("BAD_REQUEST", "empty command", { field: "argv" });
    line(`exec ${input.command.argv.map(shellQuote).join(" ")}`);
    return Buffer.concat(parts);
}
function writeFileCommand(file) {
    const data = typeof file.data === "string" ? Buffer.from(file.data) : Buffer.from(file.data);
    const target = shellQuote(file.path);
    const slash = file.path.lastIndexOf("/");
    const makeParent = slash > 0 ? `mkdir -p ${shellQuote(file.path.slice(0, slash))} && ` : "";
    // printf is a built-in: no process per file. Single quotes carry any byte but NUL;
    // data with NUL goes through octal escapes in the format string instead.
    const body = data.includes(0)
        ? Buffer.from(`'${octalEscape(data)}'`)
        : Buffer.concat([Buffer.from("'%s' '"), escapeSingleQuotes(data), Buffer.from("'")]);
    // Opening a FIFO with no reader blocks, and a socket, device or directory is no
    // file to write: refuse any existing target that is not a regular file (after
    // following links, all inside the sandbox). Code in the sandbox could swap the
    // target between the test and the write, but that race can only stall this
    // sandbox's own write until its timeout; it reaches nothing outside.
    const regularOrAbsent = `{ [ ! -e ${target} ] || [ -f ${target} ]; } || { printf '%s\\n' ${shellQuote(`${notRegularFileMarker}${file.path}`)} >&2; exit ${launchFailedExitCode}; }\n`;
    return Buffer.concat([
        Buffer.from(regularOrAbsent),
        Buffer.from(`${makeParent}printf `),
        body,
        Buffer.from(` > ${target} || exit ${launchFailedExitCode}\n`),
    ]);
}
function escapeSingleQuotes(data) {
    if (!data.includes(0x27))
        return data;
    const pieces = [];
    let start = 0;
    for (let index = data.indexOf(0x27); index !== -1; index = data.indexOf(0x27, start)) {
        pieces.push(data.subarray(start, index), Buffer.from(`'\\''`));
        start = index + 1;
    }
    pieces.push(data.subarray(start));
    return Buffer.concat(pieces);
}
function octalEscape(data) {
    let text = "";
    for (const byte of data)
        text += `\\${byte.toString(8).padStart(3, "0")}`;
    return text;
}
//# sourceMappingURL=launch-script.js.map