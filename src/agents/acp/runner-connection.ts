import { ConnectError } from "@connectrpc/connect";
import { HangarError } from "../../core/errors.js";
import type { AgentRunnerConnection, RunnerProgress } from "./agent-runner-port.js";
import type { RunnerClient } from "./runner-client.js";

/**
 * The ACP driver's view of a runner (`AgentRunnerConnection`) over the
 * runner's gRPC client: field names of `proto/agent.proto` in, the driver's
 * words out, and a runner that refuses a prompt becomes a HangarError that
 * says why.
 */
export function runnerConnection(client: RunnerClient): AgentRunnerConnection {
  const { agent } = client;
  return {
    chat: async (request) => {
      const answer = await agent.chat({
        projectId: request.projectId,
        sessionId: request.sessionId,
        prompt: request.prompt,
        requestId: request.requestId,
        modelConfig: {
          id: request.launch.model,
          provider: request.launch.agentId,
          model: request.launch.model,
        },
        agentConfig: {
          agentServer: {
            agentId: request.launch.agentId,
            command: request.launch.command,
            args: request.launch.args,
            env: request.launch.env,
            // The control plane answers every permission request by the session's policy.
            agentMode: "ask",
            homeFiles: request.launch.homeFiles,
            capabilities: request.launch.capabilities,
            mcpServers: (request.launch.mcpServers ?? []).map((server) =>
              "command" in server
                ? { name: server.name, command: server.command, args: server.args, env: server.env }
                : { name: server.name, url: server.url, headers: server.headers },
            ),
          },
        },
        ...(request.acpSessionId === undefined ? {} : { acpSessionId: request.acpSessionId }),
        ...(request.transcript === undefined ? {} : { transcript: request.transcript }),
      });
      if (!answer.success) {
        throw new HangarError(
          "AGENT_FAILED",
          `the agent ${request.launch.agentId} could not take the prompt (${answer.errorCode ?? "error"}): ${answer.error ?? "no reason given"}`,
        );
      }
      return { acpSessionId: answer.acpSessionId, sessionOrigin: answer.sessionOrigin };
    },
    subscribe: (sessionId, fromSeq, signal) => progressOf(client, sessionId, fromSeq, signal),
    status: async (sessionId) => {
      const status = await agent.getStatus({ sessionId });
      return {
        found: status.isFound,
        busy: status.status === "busy",
        lastSeq: Number(status.lastSeq),
        acpSessionId: status.acpSessionId,
      };
    },
    cancel: async (sessionId, reason) => {
      await agent.cancelSession({ sessionId, reason });
    },
    resolvePermission: async (sessionId, toolCallId, answer) => {
      await agent.resolvePermission({
        sessionId,
        toolCallId,
        ...("optionId" in answer ? { optionId: answer.optionId } : { cancelled: true }),
      });
    },
    stopAgent: async (sessionId) => {
      await agent.stopAgent({ sessionId, force: true });
    },
  };
}

async function* progressOf(
  client: RunnerClient,
  sessionId: string,
  fromSeq: number,
  signal: AbortSignal,
): AsyncIterable<RunnerProgress> {
  try {
    for await (const event of client.agent.subscribeProgress(
      { sessionId, fromSeq: BigInt(fromSeq) },
      { signal },
    )) {
      if (event.seq === 0n) continue; // heartbeats
      yield {
        messageType: event.messageType,
        subType: event.subType,
        payload: event.payload,
        seq: Number(event.seq),
        ...(event.requestId === undefined || event.requestId === "" ? {} : { requestId: event.requestId }),
      };
    }
  } catch (error) {
    // Aborting our own subscription ends the stream quietly; anything else is the runner going away.
    if (signal.aborted) return;
    throw new HangarError(
      "AGENT_FAILED",
      `lost the agent runner's progress stream: ${error instanceof ConnectError ? error.rawMessage : String(error)}`,
    );
  }
}
