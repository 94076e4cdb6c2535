// The gRPC AgentService the control plane calls: one AgentSession per session_id.
import { Code, ConnectError } from "@connectrpc/connect";
import { AgentService, CancelResultType } from "../runner-protocol/agent_pb.js";
import { LaunchError } from "./agent-launch.js";
import { AgentSession } from "./agent-session.js";
export class AgentSessions {
    settings;
    sessions = new Map();
    startedAt = Date.now();
    constructor(settings) {
        this.settings = settings;
    }
    /** Sessions exist from the first Chat or SubscribeProgress, so a subscriber can wait for a prompt. */
    get(sessionId) {
        if (sessionId === "")
            throw new ConnectError("session_id is required", Code.InvalidArgument);
        let session = this.sessions.get(sessionId);
        if (session === undefined) {
            session = new AgentSession(sessionId, this.settings);
            this.sessions.set(sessionId, session);
        }
        return session;
    }
    find(sessionId) {
        return this.sessions.get(sessionId);
    }
    all() {
        return [...this.sessions.values()];
    }
    get uptimeSeconds() {
        return BigInt(Math.floor((Date.now() - this.startedAt) / 1000));
    }
    async stopAll() {
        await Promise.all(this.all().map((session) => session.stopAgent(false)));
    }
}
export function agentService(sessions) {
    return {
        async chat(request) {
            const base = {
                projectId: request.projectId,
                sessionId: request.sessionId,
                requestId: request.requestId,
            };
            try {
                const outcome = await sessions.get(request.sessionId).chat(request);
                return {
                    ...base,
                    success: true,
                    acpSessionId: outcome.acpSessionId,
                    sessionOrigin: outcome.origin,
                    agentVersion: outcome.agentVersion,
                };
            }
            catch (error) {
                if (!(error instanceof LaunchError))
                    throw error;
                return { ...base, success: false, errorCode: error.code, error: error.message };
            }
        },
        async *subscribeProgress(request, context) {
            const log = sessions.get(request.sessionId).log;
            for await (const record of log.follow(request.fromSeq ?? 0n, context.signal, sessions.settings.heartbeatMs)) {
                yield record;
            }
        },
        async cancelSession(request) {
            const session = sessions.find(request.sessionId);
            if (session === undefined) {
                return { success: false, result: CancelResultType.CANCEL_RESULT_FAILED, message: "no such session" };
            }
            const how = await session.cancel();
            if (how === "killed") {
                return {
                    success: true,
                    result: CancelResultType.CANCEL_RESULT_TIMEOUT,
                    message: `the prompt did not stop within ${sessions.settings.cancelGraceMs} ms; the agent was killed`,
                };
            }
            return {
                success: true,
                result: CancelResultType.CANCEL_RESULT_SUCCESS,
                message: how === "idle" ? "no prompt was running" : "the prompt stopped",
            };
        },
        async resolvePermission(request) {
            const base = { sessionId: request.sessionId, toolCallId: request.toolCallId };
            const session = sessions.find(request.sessionId);
            if (session === undefined)
                return { ...base, success: false, errorCode: "NOT_FOUND", message: "no such session" };
            if (!request.cancelled && (request.optionId ?? "") === "") {
                return {
                    ...base,
                    success: false,
                    errorCode: "INVALID_ARGUMENT",
                    message: "option_id or cancelled is required",
                };
            }
            try {
                const outcome = session.resolvePermission(request.toolCallId, request.cancelled ? undefined : request.optionId);
                return { ...base, success: true, outcomeJson: JSON.stringify(outcome) };
            }
            catch (error) {
                if (!(error instanceof LaunchError))
                    throw error;
                return { ...base, success: false, errorCode: error.code, message: error.message };
            }
        },
        async getStatus(request) {
            const session = sessions.find(request.sessionId);
            if (session === undefined)
                return { status: "idle", isFound: false };
            return {
                status: session.busy ? "busy" : "idle",
                isFound: true,
                lastSeq: session.log.last,
                firstHeldSeq: session.log.firstHeld,
                acpSessionId: session.currentAcpSessionId,
            };
        },
        async stopAgent(request) {
            const chosen = request.sessionId === "" ? sessions.all() : [sessions.find(request.sessionId)];
            const results = await Promise.all(chosen.map(async (session) => session === undefined ? "not_found" : session.stopAgent(request.force)));
            const result = results.includes("stopped") ? "stopped" : (results[0] ?? "already_stopped");
            return { success: result !== "not_found", result, projectId: request.projectId };
        },
        async getContainerStatus() {
            const activeTasks = sessions.all().filter((session) => session.busy).length;
            return {
                isActive: true,
                activeTasks,
                uptimeSeconds: sessions.uptimeSeconds,
                status: activeTasks > 0 ? "Processing" : "Idle",
                memoryMb: BigInt(Math.round(process.memoryUsage().rss / (1024 * 1024))),
            };
        },
        async getVncStatus() {
            return {
                vncReady: false,
                novncReady: false,
                message: "no desktop in this sandbox",
                uptimeSeconds: sessions.uptimeSeconds,
            };
        },
    };
}
//# sourceMappingURL=agent-service.js.map