import { type Client } from "@connectrpc/connect";
import { AgentMgmtService, AgentService } from "../../runner-protocol/agent_pb.js";
export interface RunnerClient {
    agent: Client<typeof AgentService>;
    management: Client<typeof AgentMgmtService>;
    /** Closes the connection and every open stream. */
    close(): void;
}
/**
 * Refuses a path that is not a unix socket itself. The sandbox owns the channel
 * directory, so a symlink there could otherwise point the host at one of its own
 * sockets. lstat never follows the last component.
 */
export declare function assertUnixSocket(socketPath: string): void;
export declare function createRunnerClient(socketPath: string): RunnerClient;
