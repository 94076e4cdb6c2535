/**
 * `hangar/client`: Hangar's TypeScript SDK. Everything here speaks only the
 * wire protocol (`protocol/`), so it runs wherever `fetch` does.
 */
export { Hangar, type HangarOptions } from "./hangar.js";
export { HangarClientError } from "../hangar-client-error.js";
export { SessionFollower, type FollowOptions } from "../session-follower.js";
export type { ReconnectOptions } from "../watch-session.js";
export type { RunCodeOptions, RunOptions, ListRunsOptions, WaitOptions } from "./runs-api.js";
export { RunsApi, isPending } from "./runs-api.js";
export type { RunStreamCallbacks } from "./run-stream.js";
export { Notebook, NotebooksApi, type NotebookOptions, type NotebookRunOptions } from "./notebooks-api.js";
export { SandboxesApi, SandboxFilesApi, type EnsureSandboxOptions, type ListSandboxesOptions, } from "./sandboxes-api.js";
export { AgentApi, type StartAgentOptions } from "./agent-api.js";
export type { ApprovalPolicy, EnsureSandboxResponse, FileEntry, FinalStatus, InteractionAnswer, InteractionRequestEvent, LanguageInfo, NotebookInfo, PendingRun, ReplyResponse, RunAccepted, RunFile, RunList, RunResult, RunStatus, RunSummary, Sandbox, SandboxCounts, SandboxFileList, SandboxPage, SessionEvent, SessionEventName, SessionEventPayloads, SessionStatus, SessionView, WrittenFile, } from "../../protocol/index.js";
