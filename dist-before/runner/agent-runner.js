// The agent runner: runs inside a sandbox, spawns ACP agents and serves the gRPC
// AgentService and AgentMgmtService to the control plane on DIR/runner.sock.
import { chmodSync, lstatSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http2";
import { join } from "node:path";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { AgentMgmtService, AgentService } from "../runner-protocol/agent_pb.js";
import { agentManagementService } from "./agent-catalog.js";
import { AgentSessions, agentService } from "./agent-service.js";
import { parseRunnerOptions, usage } from "./runner-options.js";
import { runnerVersion } from "./runner-version.js";
import { listenPipe } from "./socket-pipes.js";
const cancelGraceMs = 2_000;
/** A stale socket from an earlier runner is replaced; anything else in its place is an error. */
function clearSocketPath(path) {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (stats === undefined)
        return;
    if (!stats.isSocket())
        throw new Error(`${path} exists and is not a socket`);
    unlinkSync(path);
}
async function serveGrpc(path, sessions, options) {
    clearSocketPath(path);
    const server = createServer(connectNodeAdapter({
        routes: (router) => {
            router.service(AgentService, agentService(sessions));
            router.service(AgentMgmtService, agentManagementService(options.agents));
        },
    }));
    await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(path, () => resolve());
    });
    chmodSync(path, 0o600);
    return server;
}
function writeReady(channel, ready) {
    const line = JSON.stringify(ready);
    const target = join(channel, "runner.json");
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, `${line}\n`, { mode: 0o644 });
    renameSync(temporary, target);
    process.stdout.write(`${line}\n`);
}
async function main() {
    // The runner outlives a Hangar that crashed: a write to the pipes that led to it then fails
    // (EPIPE), which must not end the runner and the agents it keeps working.
    for (const stream of [process.stdout, process.stderr])
        stream.on("error", () => undefined);
    let options;
    try {
        options = parseRunnerOptions(process.argv.slice(2));
    }
    catch (error) {
        process.stderr.write(`${error.message}\n${usage}\n`);
        process.exit(2);
    }
    mkdirSync(options.channel, { recursive: true, mode: 0o700 });
    mkdirSync(options.homeRoot, { recursive: true, mode: 0o700 });
    const sessions = new AgentSessions({
        homeRoot: options.homeRoot,
        workspace: options.workspace,
        bufferEvents: options.bufferEvents,
        startTimeoutMs: options.startTimeoutMs,
        cancelGraceMs,
        heartbeatMs: options.heartbeatMs,
    });
    const grpc = await serveGrpc(join(options.channel, "runner.sock"), sessions, options);
    const relay = await listenPipe(options.relayPort, join(options.channel, "relay.sock"));
    const proxy = await listenPipe(options.proxyPort, join(options.channel, "egress.sock"));
    let stopping = false;
    const shutdown = async (code) => {
        if (stopping)
            return;
        stopping = true;
        await sessions.stopAll();
        relay.server.close();
        proxy.server.close();
        // Open SubscribeProgress streams would keep close() waiting; the process exits anyway.
        grpc.close();
        process.exit(code);
    };
    process.on("SIGTERM", () => void shutdown(0));
    process.on("SIGINT", () => void shutdown(0));
    if (options.exitOnStdinClose) {
        process.stdin.on("end", () => void shutdown(0));
        process.stdin.resume();
    }
    writeReady(options.channel, {
        ready: true,
        pid: process.pid,
        relay_port: relay.port,
        proxy_port: proxy.port,
        version: runnerVersion,
    });
}
main().catch((error) => {
    process.stderr.write(`agent-runner: ${error.stack ?? String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=agent-runner.js.map