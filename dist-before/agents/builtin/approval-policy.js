export { approvalPolicies } from "../../protocol/agent-requests.js";
/** `ask_user` is never gated: asking is how the agent reaches the user. */
export function decideApproval(policy, kind) {
    if (kind === "read" || kind === "ask")
        return "run";
    if (policy === "auto")
        return "run";
    if (policy === "ask")
        return "ask";
    return "refuse";
}
//# sourceMappingURL=approval-policy.js.map