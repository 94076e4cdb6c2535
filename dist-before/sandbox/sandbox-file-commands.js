import { HangarError } from "../core/errors.js";
import { notRegularFileMarker } from "./launch-script.js";
/**
 * File reads and listings done by a command inside the sandbox, so paths
 * resolve in the sandbox's own view of the filesystem: a planted symlink can
 * point only at something the sandbox could read anyway. Any provider can use
 * these; paths must already be validated relative paths.
 */
const fileTimeoutMs = 10_000;
export async function readFileInside(sandbox, path, maxBytes) {
    const process = await sandbox.spawn(
    // Anything but a regular file (a FIFO would block `cat`) answers "no file" at once.
    // Code in the sandbox could swap the file in between, but that can only stall this
    // read until its timeout, never reach the host.
    { argv: ["/bin/sh", "-c", '[ -f "$1" ] || exit 3; exec cat -- "$1"', "sh", path] }, { timeoutMs: fileTimeoutMs, maxOutputBytes: maxBytes + 1 });
    process.stdin.end();
    const [stdout, exit] = await Promise.all([collect(process.stdout), process.exited]);
    // The limit lets maxBytes + 1 bytes through without tripping: one byte over must fail too.
    if (exit.reason === "output_limit" || stdout.length > maxBytes) {
        throw new HangarError("PAYLOAD_TOO_LARGE", `${path} is larger than ${maxBytes} bytes`, { field: "path" });
    }
    if (exit.exitCode === 3)
        return undefined;
    if (exit.reason !== "exited" || exit.exitCode !== 0) {
        throw new HangarError("SANDBOX_ERROR", `cannot read ${path} (exit ${exit.exitCode ?? exit.reason})`);
    }
    return stdout;
}
/** Whether anything (a file, directory, FIFO, socket, device or link) exists at `path` in the sandbox. */
export async function existsInside(sandbox, path) {
    const process = await sandbox.spawn({ argv: ["/bin/sh", "-c", '[ -e "$1" ] || [ -L "$1" ]', "sh", path] }, { timeoutMs: fileTimeoutMs, maxOutputBytes: 1024 });
    process.stdin.end();
    const [exit] = await Promise.all([process.exited, collect(process.stdout), collect(process.stderr)]);
    if (exit.reason !== "exited") {
        throw new HangarError("SANDBOX_ERROR", `cannot look at ${path} (${exit.reason})`);
    }
    return exit.exitCode === 0;
}
export async function listFilesInside(sandbox, path, maxEntries = 10_000) {
    const process = await sandbox.spawn({
        argv: [
            "/bin/sh",
            "-c",
            '[ -d "$1" ] || exit 3; exec find "$1" -mindepth 1 -maxdepth 16 -printf "%y\\t%s\\t%P\\0"',
            "sh",
            path,
        ],
    }, { timeoutMs: fileTimeoutMs, maxOutputBytes: maxEntries * 300 });
    process.stdin.end();
    const [stdout, exit] = await Promise.all([collect(process.stdout), process.exited]);
    if (exit.exitCode === 3) {
        throw new HangarError("NOT_FOUND", `${path} is not a directory in the sandbox`, { field: "path" });
    }
    const entries = [];
    for (const record of Buffer.from(stdout).toString("utf8").split("\0")) {
        const [type, size, name] = record.split("\t");
        if (!name)
            continue;
        entries.push({ path: name, type: fileType(type), size: Number(size) || 0 });
        if (entries.length >= maxEntries)
            break;
    }
    return entries;
}
function fileType(code) {
    if (code === "f")
        return "file";
    if (code === "d")
        return "directory";
    if (code === "l")
        return "symlink";
    return "other";
}
export async function collect(stream) {
    const chunks = [];
    for await (const chunk of stream)
        chunks.push(chunk);
    return Buffer.concat(chunks);
}
/**
 * Runs `/bin/true` so the provider's launch script writes every staged file
 * from inside the sandbox, and says which file failed and why when one does.
 * `shellPrefix` strips the provider's own shell prefix from the message
 * ("/.hangar/launch: 3: cannot create leak: Read-only file system").
 */
export async function writeStagedFiles(sandbox, shellPrefix) {
    const process = await sandbox.spawn({ argv: ["/bin/true"] }, { timeoutMs: 30_000, maxOutputBytes: 65536 });
    process.stdin.end();
    const [stderr, exit] = await Promise.all([
        collect(process.stderr),
        process.exited,
        collect(process.stdout),
    ]);
    if (exit.reason === "exited" && exit.exitCode === 0)
        return;
    const why = Buffer.from(stderr).toString("utf8").trim().replace(shellPrefix, "");
    const refused = why.split("\n").find((line) => line.startsWith(notRegularFileMarker));
    if (refused !== undefined) {
        const path = refused.slice(notRegularFileMarker.length);
        throw new HangarError("CONFLICT", `cannot write ${path}: it exists and is not a regular file`, {
            field: "path",
        });
    }
    throw new HangarError("SANDBOX_ERROR", `cannot write files into the sandbox: ${why || exit.reason}`, {
        details: { reason: exit.reason, exitCode: exit.exitCode },
    });
}
//# sourceMappingURL=sandbox-file-commands.js.map