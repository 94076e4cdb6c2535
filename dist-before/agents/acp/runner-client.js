// The control plane's client of the agent runner: gRPC over HTTP/2 on the unix
// socket the runner creates in a sandbox's channel directory.
import { lstatSync } from "node:fs";
import { connect as connectSocket } from "node:net";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import { AgentMgmtService, AgentService } from "../../runner-protocol/agent_pb.js";
/**
 * Refuses a path that is not a unix socket itself. The sandbox owns the channel
 * directory, so a symlink there could otherwise point the host at one of its own
 * sockets. lstat never follows the last component.
 */
export function assertUnixSocket(socketPath) {
    const stats = lstatSync(socketPath, { throwIfNoEntry: false });
    if (stats === undefined)
        throw new Error(`runner socket ${socketPath} does not exist`);
    if (!stats.isSocket()) {
        const kind = stats.isSymbolicLink() ? "a symlink" : "not a socket";
        throw new Error(`refusing runner socket ${socketPath}: it is ${kind}`);
    }
}
export function createRunnerClient(socketPath) {
    assertUnixSocket(socketPath);
    // The authority is only a name on the wire: every connection goes to socketPath,
    // checked again on each (re)connect because the sandbox can swap it in between.
    const sessionManager = new Http2SessionManager("http://runner.local", { pingIntervalMs: 30_000, pingTimeoutMs: 10_000 }, {
        // Throwing here fails the call that wanted the connection and leaves the
        // manager closed, so the next call checks again.
        createConnection: () => {
            assertUnixSocket(socketPath);
            return connectSocket(socketPath);
        },
    });
    const transport = createGrpcTransport({ baseUrl: "http://runner.local", sessionManager });
    return {
        agent: createClient(AgentService, transport),
        management: createClient(AgentMgmtService, transport),
        close: () => sessionManager.abort(),
    };
}
//# sourceMappingURL=runner-client.js.map