/**
 * `hangar/client`: Hangar's TypeScript SDK. Everything here speaks only the
 * wire protocol (`protocol/`), so it runs wherever `fetch` does.
 */
export { Hangar } from "./hangar.js";
export { HangarClientError } from "../hangar-client-error.js";
export { SessionFollower } from "../session-follower.js";
export { RunsApi, isPending } from "./runs-api.js";
export { Notebook, NotebooksApi } from "./notebooks-api.js";
export { SandboxesApi, SandboxFilesApi, } from "./sandboxes-api.js";
export { AgentApi } from "./agent-api.js";
//# sourceMappingURL=index.js.map