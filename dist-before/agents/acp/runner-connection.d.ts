import type { AgentRunnerConnection } from "./agent-runner-port.js";
import type { RunnerClient } from "./runner-client.js";
/**
 * The ACP driver's view of a runner (`AgentRunnerConnection`) over the
 * runner's gRPC client: field names of `proto/agent.proto` in, the driver's
 * words out, and a runner that refuses a prompt becomes a HangarError that
 * says why.
 */
export declare function runnerConnection(client: RunnerClient): AgentRunnerConnection;
