import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { HangarError, errorMessage } from "../../core/errors.js";
import { createRunnerClient } from "./runner-client.js";
import { runnerConnection } from "./runner-connection.js";
/**
 * Starts the agent runner in a sandbox on first use and keeps one per
 * sandbox. The runner is an ordinary sandbox process (every limit of the
 * sandbox covers it and the agents it starts); the control plane reaches it
 * only through the unix socket it creates in the sandbox's channel directory.
 * A runner found alive there (it outlived an earlier Hangar process) is used
 * as it is, so an agent that kept working is followed, not restarted.
 */
/** Where the runner's pieces are inside every sandbox (the provider mounts them). */
export const runnerPaths = {
    node: "/opt/hangar/agents/bin/node",
    runner: "/opt/hangar/runner/agent-runner.mjs",
    agents: "/opt/hangar/agents",
    channel: "/.hangar/channel",
    homeRoot: "/workspace/.hangar/home",
};
/** A runner lives as long as its sandbox (its agents are its children); this bounds a runaway one's output. */
const runnerOutputBytes = 256 * 1024 * 1024;
// As long as a timer can wait (about 24 days).
const runnerLifetimeMs = 2 ** 31 - 1;
export class SandboxRunners {
    #options;
    #live = new Map();
    constructor(options) {
        this.#options = options;
    }
    open(sandbox, signal) {
        let live = this.#live.get(sandbox.id);
        if (live === undefined) {
            live = this.#start(sandbox, signal);
            this.#live.set(sandbox.id, live);
            live.catch(() => this.#live.delete(sandbox.id));
        }
        return live.then((runner) => runner.connection);
    }
    /** Ends every runner this process started (their agents go with them). */
    async stop() {
        const runners = await Promise.allSettled(this.#live.values());
        this.#live.clear();
        for (const runner of runners) {
            if (runner.status !== "fulfilled")
                continue;
            runner.value.client.close();
            runner.value.process?.kill();
        }
    }
    async #start(sandbox, signal) {
        const channel = sandbox.channelDirectory;
        if (channel === undefined) {
            throw new HangarError("SANDBOX_ERROR", "this sandbox has no channel directory, so an external agent cannot run in it");
        }
        await this.#options.prepareChannel(sandbox, channel);
        const socketPath = join(channel, "runner.sock");
        const survivor = await this.#reattach(socketPath);
        if (survivor !== undefined)
            return survivor;
        const process = await sandbox.spawn({
            argv: [
                runnerPaths.node,
                runnerPaths.runner,
                "--channel",
                runnerPaths.channel,
                "--home-root",
                runnerPaths.homeRoot,
                "--agents",
                runnerPaths.agents,
                "--workspace",
                sandbox.workspacePath,
            ],
        }, {
            timeoutMs: runnerLifetimeMs,
            maxOutputBytes: runnerOutputBytes,
            signal: undefined,
            // In a durable sandbox the runner and its agents keep working through a crash of
            // Hangar; the restarted one finds the runner's socket alive and reattaches (`#reattach`).
            survivesRestart: true,
        });
        try {
            await this.#ready(sandbox, process, signal);
        }
        catch (error) {
            process.kill();
            throw error;
        }
        const client = createRunnerClient(socketPath);
        const live = { client, connection: runnerConnection(client), process };
        void process.exited.then(async () => {
            client.close();
            if ((await this.#live.get(sandbox.id)?.catch(() => undefined)) === live)
                this.#live.delete(sandbox.id);
            await this.#options.releaseChannel?.(sandbox, channel).catch(() => undefined);
        });
        return live;
    }
    /** A runner an earlier Hangar process started, if it still answers. */
    async #reattach(socketPath) {
        if (!existsSync(socketPath))
            return undefined;
        let client;
        try {
            client = createRunnerClient(socketPath);
            await client.agent.getStatus({ sessionId: "" }, { timeoutMs: 2000 });
            return { client, connection: runnerConnection(client) };
        }
        catch {
            client?.close();
            return undefined;
        }
    }
    /** Waits for the runner's ready line; its stderr is kept to say why it did not start. */
    async #ready(sandbox, process, signal) {
        let stderr = "";
        process.stderr.setEncoding("utf8");
        process.stderr.on("data", (text) => {
            stderr = (stderr + text).slice(-4096);
            for (const line of text.split("\n"))
                if (line.trim() !== "")
                    this.#options.log?.(sandbox.id, line);
        });
        const lines = createInterface({ input: process.stdout, crlfDelay: Infinity });
        const timeoutMs = this.#options.startTimeoutMs ?? 20_000;
        const failure = (reason) => new HangarError("AGENT_FAILED", `the agent runner did not start: ${reason}${stderr ? `: ${stderr.trim()}` : ""}`);
        await new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(failure(`no ready line within ${timeoutMs / 1000} s`)), timeoutMs);
            const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
            signal.addEventListener("abort", onAbort, { once: true });
            const settle = () => {
                clearTimeout(timer);
                signal.removeEventListener("abort", onAbort);
            };
            lines.on("line", (line) => {
                if (!line.includes('"ready":true'))
                    return;
                settle();
                resolve();
            });
            void process.exited.then((exit) => {
                settle();
                reject(failure(`it exited (${exit.reason}, code ${String(exit.exitCode)})`));
            });
        }).catch((error) => {
            lines.close();
            throw error instanceof HangarError ? error : failure(errorMessage(error));
        });
        // Keep reading so the runner never blocks on a full pipe.
        lines.on("line", (line) => this.#options.log?.(sandbox.id, line));
    }
}
//# sourceMappingURL=sandbox-runners.js.map