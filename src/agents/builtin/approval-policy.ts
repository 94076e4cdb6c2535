import type { ToolKind } from "./tools/agent-tool.js";

/**
 * What a session lets its agent do without asking. Everything runs inside the
 * project's sandbox either way; the policy is about the user's project, not
 * the host.
 */
export type ApprovalPolicy = "auto" | "ask" | "read-only";

export const approvalPolicies: readonly ApprovalPolicy[] = ["auto", "ask", "read-only"];

export type ApprovalDecision = "run" | "ask" | "refuse";

/** `ask_user` is never gated: asking is how the agent reaches the user. */
export function decideApproval(policy: ApprovalPolicy, kind: ToolKind): ApprovalDecision {
  if (kind === "read" || kind === "ask") return "run";
  if (policy === "auto") return "run";
  if (policy === "ask") return "ask";
  return "refuse";
}
