import { approvalPolicies } from "../protocol/agent-requests.js";
export const approvalModes = approvalPolicies;
//# sourceMappingURL=agent-session-repository.js.map