// The agent's terminal/* requests: commands run inside the sandbox with plain
// child_process, each in its own process group so kill reaches its children.
import { spawn } from "node:child_process";
import { insideWorkspace } from "./workspace-paths.js";
import { killProcessGroup } from "./process-group.js";
// A command that sets no limit still cannot grow the runner without bound.
const defaultOutputLimit = 1024 * 1024;
class Terminal {
    child;
    limit;
    output = Buffer.alloc(0);
    truncated = false;
    exitStatus;
    exited;
    constructor(child, limit) {
        this.child = child;
        this.limit = limit;
        const collect = (chunk) => this.collect(chunk);
        child.stdout?.on("data", collect);
        child.stderr?.on("data", collect);
        this.exited = new Promise((resolve) => {
            child.on("error", (error) => {
                this.collect(Buffer.from(`${error.message}\n`));
                this.exitStatus ??= { exitCode: 127, signal: null };
                resolve(this.exitStatus);
            });
            child.on("close", (code, signal) => {
                this.exitStatus ??= { exitCode: code, signal };
                resolve(this.exitStatus);
            });
        });
    }
    collect(chunk) {
        this.output = Buffer.concat([this.output, chunk]);
        if (this.output.length <= this.limit)
            return;
        // ACP keeps the end of the output; cut on a character boundary.
        let start = this.output.length - this.limit;
        while (start < this.output.length && (this.output[start] & 0xc0) === 0x80)
            start += 1;
        this.output = this.output.subarray(start);
        this.truncated = true;
    }
    snapshot() {
        return {
            output: this.output.toString("utf8"),
            truncated: this.truncated,
            exitStatus: this.exitStatus ?? null,
        };
    }
}
export class Terminals {
    workspace;
    environment;
    running = new Map();
    nextId = 1;
    constructor(workspace, environment) {
        this.workspace = workspace;
        this.environment = environment;
    }
    create(request) {
        const cwd = insideWorkspace(this.workspace, request.cwd ?? this.workspace);
        const env = { ...this.environment };
        for (const variable of request.env ?? [])
            env[variable.name] = variable.value;
        const child = spawn(request.command, request.args ?? [], {
            cwd,
            env,
            detached: true,
            stdio: ["ignore", "pipe", "pipe"],
        });
        const id = `term_${this.nextId++}`;
        this.running.set(id, new Terminal(child, request.outputByteLimit ?? defaultOutputLimit));
        return id;
    }
    output(id) {
        return this.get(id).snapshot();
    }
    async waitForExit(id) {
        return this.get(id).exited;
    }
    kill(id) {
        const terminal = this.get(id);
        if (terminal.exitStatus === undefined)
            killProcessGroup(terminal.child);
    }
    release(id) {
        this.kill(id);
        this.running.delete(id);
    }
    releaseAll() {
        for (const id of [...this.running.keys()])
            this.release(id);
    }
    get(id) {
        const terminal = this.running.get(id);
        if (terminal === undefined)
            throw new Error(`unknown terminal ${id}`);
        return terminal;
    }
}
//# sourceMappingURL=terminals.js.map