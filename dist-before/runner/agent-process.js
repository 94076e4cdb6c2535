// One agent process and the ACP connection to it: the runner is the ACP client.
// stdout is split into JSON-RPC lines here (not by the SDK's ndJsonStream) so a
// line that is not JSON-RPC becomes an event instead of a silent drop.
import { spawn } from "node:child_process";
import { client, RequestError, } from "@agentclientprotocol/sdk";
import { killProcessGroup } from "./process-group.js";
import { Terminals } from "./terminals.js";
import { readTextFile, writeTextFile } from "./workspace-files.js";
import { OutsideWorkspaceError } from "./workspace-paths.js";
const stderrTailBytes = 4096;
export class AgentProcess {
    connection;
    exited;
    exit;
    child;
    terminals;
    stderrTail = Buffer.alloc(0);
    constructor(launch, events) {
        this.terminals = new Terminals(launch.workspace, launch.env);
        this.child = spawn(launch.command, launch.args, {
            cwd: launch.workspace,
            env: launch.env,
            detached: true,
            stdio: ["pipe", "pipe", "pipe"],
        });
        this.child.stderr.on("data", (chunk) => {
            this.stderrTail = Buffer.concat([this.stderrTail, chunk]).subarray(-stderrTailBytes);
        });
        // A write after the agent died must not crash the runner; the exit is reported instead.
        this.child.stdin.on("error", () => { });
        this.exited = new Promise((resolve) => {
            const finish = (exit) => {
                if (this.exit !== undefined)
                    return;
                this.exit = { ...exit, stderr: this.stderrTail.toString("utf8") };
                this.terminals.releaseAll();
                this.connection.close(new Error(describeExit(this.exit)));
                events.exited(this.exit);
                resolve(this.exit);
            };
            this.child.on("error", (error) => finish({ exitCode: null, signal: null, spawnError: error.message }));
            // "close", not "exit": the stderr tail is complete only once the pipes closed.
            this.child.on("close", (code, signal) => finish({ exitCode: code, signal }));
        });
        this.connection = this.acpClient(launch.workspace, events).connect({
            readable: this.messagesFromStdout(events),
            writable: new WritableStream({
                write: (message) => {
                    this.child.stdin.write(`${JSON.stringify(message)}\n`);
                },
            }),
        });
    }
    get pid() {
        return this.child.pid;
    }
    /** Ends the agent: SIGTERM to its group, SIGKILL after graceMs (at once when graceMs is 0). */
    async stop(graceMs) {
        if (this.exit !== undefined)
            return this.exit;
        killProcessGroup(this.child, graceMs === 0 ? "SIGKILL" : "SIGTERM");
        const timer = setTimeout(() => killProcessGroup(this.child), graceMs);
        const exit = await this.exited;
        clearTimeout(timer);
        // Whatever the agent left running in its group goes too.
        killProcessGroup(this.child);
        return exit;
    }
    messagesFromStdout(events) {
        const stdout = this.child.stdout;
        let pending = "";
        return new ReadableStream({
            start: (controller) => {
                stdout.setEncoding("utf8");
                stdout.on("data", (chunk) => {
                    pending += chunk;
                    let newline = pending.indexOf("\n");
                    while (newline !== -1) {
                        const line = pending.slice(0, newline).trim();
                        pending = pending.slice(newline + 1);
                        if (line !== "") {
                            const message = parseMessage(line);
                            if (message === undefined)
                                events.garbage(line);
                            else
                                controller.enqueue(message);
                        }
                        newline = pending.indexOf("\n");
                    }
                });
                stdout.on("close", () => {
                    if (pending.trim() !== "")
                        events.garbage(pending.trim());
                    // The SDK may have cancelled the stream already when the connection closed.
                    try {
                        controller.close();
                    }
                    catch {
                        // Already closed.
                    }
                });
            },
        });
    }
    acpClient(workspace, events) {
        const refuseOutside = async (work) => {
            try {
                return await work();
            }
            catch (error) {
                if (error instanceof OutsideWorkspaceError)
                    throw RequestError.invalidParams(undefined, error.message);
                // ACP's "Resource not found": agents tell a missing file from a failure by it
                // (Gemini CLI's write_file reads the file first and gives up on any other error).
                if (error.code === "ENOENT") {
                    throw RequestError.resourceNotFound(error.path);
                }
                throw error;
            }
        };
        return client({ name: "hangar-agent-runner" })
            .onNotification("session/update", ({ params }) => events.update(params))
            .onRequest("session/request_permission", ({ params }) => events.requestPermission(params))
            .onRequest("fs/read_text_file", ({ params }) => refuseOutside(() => readTextFile(workspace, params)))
            .onRequest("fs/write_text_file", ({ params }) => refuseOutside(() => writeTextFile(workspace, params)))
            .onRequest("terminal/create", ({ params }) => refuseOutside(async () => ({ terminalId: this.terminals.create(params) })))
            .onRequest("terminal/output", ({ params }) => this.terminals.output(params.terminalId))
            .onRequest("terminal/wait_for_exit", ({ params }) => this.terminals.waitForExit(params.terminalId))
            .onRequest("terminal/kill", ({ params }) => this.terminals.kill(params.terminalId))
            .onRequest("terminal/release", ({ params }) => this.terminals.release(params.terminalId));
    }
}
function parseMessage(line) {
    try {
        const value = JSON.parse(line);
        if (typeof value === "object" && value !== null && value.jsonrpc === "2.0") {
            return value;
        }
    }
    catch {
        // Not JSON: reported as garbage by the caller.
    }
    return undefined;
}
export function describeExit(exit) {
    if (exit.spawnError !== undefined)
        return `the agent could not be started: ${exit.spawnError}`;
    const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
    const stderr = exit.stderr.trim();
    return stderr === "" ? `the agent ${how}` : `the agent ${how}: ${stderr.slice(-500)}`;
}
//# sourceMappingURL=agent-process.js.map