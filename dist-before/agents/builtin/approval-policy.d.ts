import type { ApprovalPolicy } from "../../protocol/agent-requests.js";
import type { ToolKind } from "./tools/agent-tool.js";
export { approvalPolicies, type ApprovalPolicy } from "../../protocol/agent-requests.js";
export type ApprovalDecision = "run" | "ask" | "refuse";
/** `ask_user` is never gated: asking is how the agent reaches the user. */
export declare function decideApproval(policy: ApprovalPolicy, kind: ToolKind): ApprovalDecision;
