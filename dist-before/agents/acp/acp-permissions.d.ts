import type { AgentInteractions } from "../agent-driver.js";
import type { ApprovalPolicy } from "../builtin/approval-policy.js";
/**
 * Answers an ACP agent's `session/request_permission` by the session's
 * approval policy: `auto` allows, `read-only` allows only steps that change
 * nothing (ACP tool kinds read, search, think, fetch) and rejects the rest,
 * `ask` stores an interaction whose choices are the agent's options, and a
 * front end's answer picks one (or approve/deny picks the agent's allow/reject
 * option). The answer goes back to the agent as the chosen option.
 */
/** The parts of ACP's `RequestPermissionRequest` params used here. */
export interface AcpPermissionRequest {
    toolCall?: {
        toolCallId?: string;
        title?: string | null;
        kind?: string | null;
        rawInput?: unknown;
    };
    options?: {
        optionId?: string;
        name?: string;
        kind?: string;
    }[];
}
export type PermissionAnswer = {
    optionId: string;
} | {
    cancelled: true;
};
export declare function answerPermission(request: AcpPermissionRequest, policy: ApprovalPolicy, interactions: AgentInteractions, signal: AbortSignal): Promise<PermissionAnswer>;
