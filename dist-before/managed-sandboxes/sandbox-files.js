import { HangarError } from "../core/errors.js";
import { validateRelativePath } from "../core/paths.js";
import { existsInside } from "../sandbox/sandbox-file-commands.js";
/**
 * The files of a managed sandbox. Every operation goes through the Sandbox
 * port, whose file methods act inside the sandbox: a symlink planted in the
 * workspace resolves in the sandbox's own view and can never reach a host file.
 * Paths are validated relative paths, so `..`, absolute paths and NUL never get there.
 */
export class SandboxFiles {
    options;
    constructor(options) {
        this.options = options;
    }
    /** Everything below `path` (the workspace when absent, empty or `.`), up to 16 levels deep. */
    async list(owner, id, path) {
        const directory = path === undefined || path === "" || path === "." ? "" : validateRelativePath(path, "path");
        const sandbox = await this.options.resolve(owner, id);
        await this.options.touch(id);
        return sandbox.listFiles(directory);
    }
    async read(owner, id, path) {
        const file = validateRelativePath(path, "path");
        const sandbox = await this.options.resolve(owner, id);
        await this.options.touch(id);
        const content = await sandbox.readFile(file, this.options.maxFileBytes);
        if (content === undefined) {
            // The port answers undefined for anything but a regular file; say which it was. The
            // look is only for a better message: where it cannot be had, "no file" stands.
            if (await existsInside(sandbox, file).catch(() => false)) {
                throw new HangarError("CONFLICT", `'${file}' in sandbox ${id} is not a regular file`, {
                    field: "path",
                });
            }
            throw new HangarError("NOT_FOUND", `no file '${file}' in sandbox ${id}`, { field: "path" });
        }
        return content;
    }
    async write(owner, id, path, content) {
        const file = validateRelativePath(path, "path");
        if (content.byteLength > this.options.maxFileBytes) {
            throw new HangarError("PAYLOAD_TOO_LARGE", `the file is ${content.byteLength} bytes; at most ${this.options.maxFileBytes} can be written`, { field: "body" });
        }
        const sandbox = await this.options.resolve(owner, id);
        await this.options.touch(id);
        await sandbox.writeFile(file, content);
    }
}
//# sourceMappingURL=sandbox-files.js.map