export { runStatuses } from "../protocol/run-messages.js";
//# sourceMappingURL=run-types.js.map