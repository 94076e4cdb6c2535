import type { GenEnum, GenFile, GenMessage, GenService } from "@bufbuild/protobuf/codegenv2";
import type { Message } from "@bufbuild/protobuf";
/**
 * Describes the file agent.proto.
 */
export declare const file_agent: GenFile;
/**
 * @generated from message agent.ChatRequest
 */
export type ChatRequest = Message<"agent.ChatRequest"> & {
    /**
     * @generated from field: string project_id = 1;
     */
    projectId: string;
    /**
     * Hangar's session id; the runner keeps one agent process and ACP session per session_id.
     *
     * @generated from field: string session_id = 2;
     */
    sessionId: string;
    /**
     * @generated from field: string prompt = 3;
     */
    prompt: string;
    /**
     * @generated from field: optional agent.ModelProviderConfig model_config = 4;
     */
    modelConfig?: ModelProviderConfig | undefined;
    /**
     * @generated from field: optional string request_id = 6;
     */
    requestId?: string | undefined;
    /**
     * @generated from field: optional string system_prompt = 8;
     */
    systemPrompt?: string | undefined;
    /**
     * @generated from field: optional agent.ChatAgentConfig agent_config = 10;
     */
    agentConfig?: ChatAgentConfig | undefined;
    /**
     * Hangar: the ACP session to continue with session/load or session/resume
     * (the agent restarted); empty for a new one.
     *
     * @generated from field: optional string acp_session_id = 20;
     */
    acpSessionId?: string | undefined;
    /**
     * Hangar: when the agent cannot load acp_session_id, the earlier conversation
     * as text, sent ahead of the prompt in a new ACP session.
     *
     * @generated from field: optional string transcript = 21;
     */
    transcript?: string | undefined;
};
/**
 * Describes the message agent.ChatRequest.
 * Use `create(ChatRequestSchema)` to create a new message.
 */
export declare const ChatRequestSchema: GenMessage<ChatRequest>;
/**
 * @generated from message agent.ChatResponse
 */
export type ChatResponse = Message<"agent.ChatResponse"> & {
    /**
     * @generated from field: string project_id = 1;
     */
    projectId: string;
    /**
     * @generated from field: string session_id = 2;
     */
    sessionId: string;
    /**
     * @generated from field: bool success = 3;
     */
    success: boolean;
    /**
     * @generated from field: optional string error = 4;
     */
    error?: string | undefined;
    /**
     * @generated from field: optional string request_id = 5;
     */
    requestId?: string | undefined;
    /**
     * @generated from field: optional string error_code = 6;
     */
    errorCode?: string | undefined;
    /**
     * @generated from field: optional string agent_version = 10;
     */
    agentVersion?: string | undefined;
    /**
     * Hangar: the ACP session the prompt runs in, and how it was reached:
     * "new", "loaded" (session/load), "resumed" (session/resume), "primed" (new, with the transcript).
     *
     * @generated from field: string acp_session_id = 20;
     */
    acpSessionId: string;
    /**
     * @generated from field: string session_origin = 21;
     */
    sessionOrigin: string;
};
/**
 * Describes the message agent.ChatResponse.
 * Use `create(ChatResponseSchema)` to create a new message.
 */
export declare const ChatResponseSchema: GenMessage<ChatResponse>;
/**
 * @generated from message agent.ProgressRequest
 */
export type ProgressRequest = Message<"agent.ProgressRequest"> & {
    /**
     * @generated from field: string session_id = 1;
     */
    sessionId: string;
    /**
     * Only events with seq > from_seq; 0 = everything the runner still holds.
     *
     * @generated from field: optional uint64 from_seq = 2;
     */
    fromSeq?: bigint | undefined;
};
/**
 * Describes the message agent.ProgressRequest.
 * Use `create(ProgressRequestSchema)` to create a new message.
 */
export declare const ProgressRequestSchema: GenMessage<ProgressRequest>;
/**
 * One thing that happened, with the ACP JSON as it came.
 *
 * @generated from message agent.ProgressEvent
 */
export type ProgressEvent = Message<"agent.ProgressEvent"> & {
    /**
     * SessionPromptStart, AgentSessionUpdate (an ACP session/update), PermissionRequest
     * (an ACP session/request_permission), PermissionResolved, SessionPromptEnd, AgentExited,
     * Error, Heartbeat.
     *
     * @generated from field: string message_type = 1;
     */
    messageType: string;
    /**
     * The ACP update kind (agent_message_chunk, tool_call, plan, …), the stop reason, …
     *
     * @generated from field: string sub_type = 2;
     */
    subType: string;
    /**
     * The ACP message's JSON.
     *
     * @generated from field: string payload = 3;
     */
    payload: string;
    /**
     * @generated from field: optional string request_id = 4;
     */
    requestId?: string | undefined;
    /**
     * 1, 2, 3, … per session with no gaps; 0 for synthetic events that are not kept (Heartbeat).
     *
     * @generated from field: uint64 seq = 5;
     */
    seq: bigint;
    /**
     * Unix milliseconds.
     *
     * @generated from field: int64 timestamp = 11;
     */
    timestamp: bigint;
};
/**
 * Describes the message agent.ProgressEvent.
 * Use `create(ProgressEventSchema)` to create a new message.
 */
export declare const ProgressEventSchema: GenMessage<ProgressEvent>;
/**
 * @generated from message agent.CancelRequest
 */
export type CancelRequest = Message<"agent.CancelRequest"> & {
    /**
     * @generated from field: string session_id = 1;
     */
    sessionId: string;
    /**
     * @generated from field: string reason = 2;
     */
    reason: string;
    /**
     * @generated from field: string project_id = 3;
     */
    projectId: string;
};
/**
 * Describes the message agent.CancelRequest.
 * Use `create(CancelRequestSchema)` to create a new message.
 */
export declare const CancelRequestSchema: GenMessage<CancelRequest>;
/**
 * @generated from message agent.CancelResponse
 */
export type CancelResponse = Message<"agent.CancelResponse"> & {
    /**
     * @generated from field: bool success = 1;
     */
    success: boolean;
    /**
     * @generated from field: agent.CancelResultType result = 2;
     */
    result: CancelResultType;
    /**
     * @generated from field: optional string message = 3;
     */
    message?: string | undefined;
};
/**
 * Describes the message agent.CancelResponse.
 * Use `create(CancelResponseSchema)` to create a new message.
 */
export declare const CancelResponseSchema: GenMessage<CancelResponse>;
/**
 * @generated from message agent.ResolvePermissionRequest
 */
export type ResolvePermissionRequest = Message<"agent.ResolvePermissionRequest"> & {
    /**
     * @generated from field: string session_id = 1;
     */
    sessionId: string;
    /**
     * @generated from field: string tool_call_id = 2;
     */
    toolCallId: string;
    /**
     * @generated from field: optional string option_id = 3;
     */
    optionId?: string | undefined;
    /**
     * @generated from field: bool cancelled = 4;
     */
    cancelled: boolean;
    /**
     * @generated from field: string project_id = 6;
     */
    projectId: string;
};
/**
 * Describes the message agent.ResolvePermissionRequest.
 * Use `create(ResolvePermissionRequestSchema)` to create a new message.
 */
export declare const ResolvePermissionRequestSchema: GenMessage<ResolvePermissionRequest>;
/**
 * @generated from message agent.ResolvePermissionResponse
 */
export type ResolvePermissionResponse = Message<"agent.ResolvePermissionResponse"> & {
    /**
     * @generated from field: bool success = 1;
     */
    success: boolean;
    /**
     * @generated from field: string session_id = 2;
     */
    sessionId: string;
    /**
     * @generated from field: string tool_call_id = 3;
     */
    toolCallId: string;
    /**
     * @generated from field: optional string outcome_json = 4;
     */
    outcomeJson?: string | undefined;
    /**
     * @generated from field: optional string error_code = 6;
     */
    errorCode?: string | undefined;
    /**
     * @generated from field: optional string message = 7;
     */
    message?: string | undefined;
};
/**
 * Describes the message agent.ResolvePermissionResponse.
 * Use `create(ResolvePermissionResponseSchema)` to create a new message.
 */
export declare const ResolvePermissionResponseSchema: GenMessage<ResolvePermissionResponse>;
/**
 * @generated from message agent.GetStatusRequest
 */
export type GetStatusRequest = Message<"agent.GetStatusRequest"> & {
    /**
     * @generated from field: string project_id = 1;
     */
    projectId: string;
    /**
     * @generated from field: string session_id = 2;
     */
    sessionId: string;
};
/**
 * Describes the message agent.GetStatusRequest.
 * Use `create(GetStatusRequestSchema)` to create a new message.
 */
export declare const GetStatusRequestSchema: GenMessage<GetStatusRequest>;
/**
 * @generated from message agent.GetStatusResponse
 */
export type GetStatusResponse = Message<"agent.GetStatusResponse"> & {
    /**
     * "idle", "busy", "error"
     *
     * @generated from field: string status = 1;
     */
    status: string;
    /**
     * @generated from field: bool is_found = 2;
     */
    isFound: boolean;
    /**
     * Hangar: the last seq the session's events reached, and the oldest still held.
     *
     * @generated from field: uint64 last_seq = 20;
     */
    lastSeq: bigint;
    /**
     * @generated from field: uint64 first_held_seq = 21;
     */
    firstHeldSeq: bigint;
    /**
     * @generated from field: string acp_session_id = 22;
     */
    acpSessionId: string;
};
/**
 * Describes the message agent.GetStatusResponse.
 * Use `create(GetStatusResponseSchema)` to create a new message.
 */
export declare const GetStatusResponseSchema: GenMessage<GetStatusResponse>;
/**
 * @generated from message agent.StopAgentRequest
 */
export type StopAgentRequest = Message<"agent.StopAgentRequest"> & {
    /**
     * @generated from field: string project_id = 1;
     */
    projectId: string;
    /**
     * @generated from field: optional string reason = 2;
     */
    reason?: string | undefined;
    /**
     * @generated from field: bool force = 3;
     */
    force: boolean;
    /**
     * Hangar: stop only this session's agent; empty = every agent of the runner.
     *
     * @generated from field: string session_id = 20;
     */
    sessionId: string;
};
/**
 * Describes the message agent.StopAgentRequest.
 * Use `create(StopAgentRequestSchema)` to create a new message.
 */
export declare const StopAgentRequestSchema: GenMessage<StopAgentRequest>;
/**
 * @generated from message agent.StopAgentResponse
 */
export type StopAgentResponse = Message<"agent.StopAgentResponse"> & {
    /**
     * @generated from field: bool success = 1;
     */
    success: boolean;
    /**
     * stopped, not_found, already_stopped, error
     *
     * @generated from field: string result = 2;
     */
    result: string;
    /**
     * @generated from field: optional string message = 3;
     */
    message?: string | undefined;
    /**
     * @generated from field: string project_id = 4;
     */
    projectId: string;
};
/**
 * Describes the message agent.StopAgentResponse.
 * Use `create(StopAgentResponseSchema)` to create a new message.
 */
export declare const StopAgentResponseSchema: GenMessage<StopAgentResponse>;
/**
 * @generated from message agent.ModelProviderConfig
 */
export type ModelProviderConfig = Message<"agent.ModelProviderConfig"> & {
    /**
     * @generated from field: string id = 1;
     */
    id: string;
    /**
     * anthropic, openai, gemini, …
     *
     * @generated from field: string provider = 2;
     */
    provider: string;
    /**
     * @generated from field: string model = 3;
     */
    model: string;
    /**
     * Never a real key: the session's relay token.
     *
     * @generated from field: optional string api_key = 4;
     */
    apiKey?: string | undefined;
    /**
     * The runner's relay address on the sandbox's loopback.
     *
     * @generated from field: optional string api_base = 5;
     */
    apiBase?: string | undefined;
    /**
     * anthropic, openai, gemini
     *
     * @generated from field: optional string api_protocol = 7;
     */
    apiProtocol?: string | undefined;
    /**
     * "chat" (Chat Completions) or "response" (Responses API)
     *
     * @generated from field: optional string wire_api = 8;
     */
    wireApi?: string | undefined;
};
/**
 * Describes the message agent.ModelProviderConfig.
 * Use `create(ModelProviderConfigSchema)` to create a new message.
 */
export declare const ModelProviderConfigSchema: GenMessage<ModelProviderConfig>;
/**
 * @generated from message agent.ChatAgentConfig
 */
export type ChatAgentConfig = Message<"agent.ChatAgentConfig"> & {
    /**
     * @generated from field: optional agent.ChatAgentServerConfig agent_server = 1;
     */
    agentServer?: ChatAgentServerConfig | undefined;
};
/**
 * Describes the message agent.ChatAgentConfig.
 * Use `create(ChatAgentConfigSchema)` to create a new message.
 */
export declare const ChatAgentConfigSchema: GenMessage<ChatAgentConfig>;
/**
 * @generated from message agent.ChatAgentServerConfig
 */
export type ChatAgentServerConfig = Message<"agent.ChatAgentServerConfig"> & {
    /**
     * @generated from field: optional string agent_id = 1;
     */
    agentId?: string | undefined;
    /**
     * @generated from field: optional string command = 2;
     */
    command?: string | undefined;
    /**
     * @generated from field: repeated string args = 3;
     */
    args: string[];
    /**
     * @generated from field: map<string, string> env = 4;
     */
    env: {
        [key: string]: string;
    };
    /**
     * @generated from field: map<string, string> metadata = 5;
     */
    metadata: {
        [key: string]: string;
    };
    /**
     * "ask" (permission requests reach the control plane) or "yolo"
     *
     * @generated from field: optional string agent_mode = 7;
     */
    agentMode?: string | undefined;
    /**
     * @generated from field: optional string version = 9;
     */
    version?: string | undefined;
    /**
     * Hangar: files written into the agent's private home before it starts (path relative to it → content).
     *
     * @generated from field: map<string, string> home_files = 20;
     */
    homeFiles: {
        [key: string]: string;
    };
    /**
     * Hangar: what the agent can do (from the catalog): "load_session", "resume_session".
     *
     * @generated from field: repeated string capabilities = 21;
     */
    capabilities: string[];
};
/**
 * Describes the message agent.ChatAgentServerConfig.
 * Use `create(ChatAgentServerConfigSchema)` to create a new message.
 */
export declare const ChatAgentServerConfigSchema: GenMessage<ChatAgentServerConfig>;
/**
 * @generated from message agent.GetContainerStatusRequest
 */
export type GetContainerStatusRequest = Message<"agent.GetContainerStatusRequest"> & {
    /**
     * @generated from field: string user_id = 1;
     */
    userId: string;
    /**
     * @generated from field: string project_id = 2;
     */
    projectId: string;
};
/**
 * Describes the message agent.GetContainerStatusRequest.
 * Use `create(GetContainerStatusRequestSchema)` to create a new message.
 */
export declare const GetContainerStatusRequestSchema: GenMessage<GetContainerStatusRequest>;
/**
 * @generated from message agent.GetContainerStatusResponse
 */
export type GetContainerStatusResponse = Message<"agent.GetContainerStatusResponse"> & {
    /**
     * @generated from field: bool is_active = 1;
     */
    isActive: boolean;
    /**
     * @generated from field: int32 active_tasks = 2;
     */
    activeTasks: number;
    /**
     * @generated from field: int64 uptime_seconds = 3;
     */
    uptimeSeconds: bigint;
    /**
     * Active, Idle, Processing
     *
     * @generated from field: string status = 4;
     */
    status: string;
    /**
     * @generated from field: optional double cpu_percent = 5;
     */
    cpuPercent?: number | undefined;
    /**
     * @generated from field: optional int64 memory_mb = 6;
     */
    memoryMb?: bigint | undefined;
};
/**
 * Describes the message agent.GetContainerStatusResponse.
 * Use `create(GetContainerStatusResponseSchema)` to create a new message.
 */
export declare const GetContainerStatusResponseSchema: GenMessage<GetContainerStatusResponse>;
/**
 * @generated from message agent.GetVncStatusRequest
 */
export type GetVncStatusRequest = Message<"agent.GetVncStatusRequest"> & {
    /**
     * @generated from field: optional string user_id = 1;
     */
    userId?: string | undefined;
    /**
     * @generated from field: optional string project_id = 2;
     */
    projectId?: string | undefined;
};
/**
 * Describes the message agent.GetVncStatusRequest.
 * Use `create(GetVncStatusRequestSchema)` to create a new message.
 */
export declare const GetVncStatusRequestSchema: GenMessage<GetVncStatusRequest>;
/**
 * @generated from message agent.GetVncStatusResponse
 */
export type GetVncStatusResponse = Message<"agent.GetVncStatusResponse"> & {
    /**
     * @generated from field: bool vnc_ready = 1;
     */
    vncReady: boolean;
    /**
     * @generated from field: bool novnc_ready = 2;
     */
    novncReady: boolean;
    /**
     * @generated from field: string message = 3;
     */
    message: string;
    /**
     * @generated from field: int64 uptime_seconds = 4;
     */
    uptimeSeconds: bigint;
};
/**
 * Describes the message agent.GetVncStatusResponse.
 * Use `create(GetVncStatusResponseSchema)` to create a new message.
 */
export declare const GetVncStatusResponseSchema: GenMessage<GetVncStatusResponse>;
/**
 * @generated from message agent.SystemInfo
 */
export type SystemInfo = Message<"agent.SystemInfo"> & {
    /**
     * @generated from field: string os = 1;
     */
    os: string;
    /**
     * @generated from field: string arch = 2;
     */
    arch: string;
    /**
     * @generated from field: string platform = 3;
     */
    platform: string;
};
/**
 * Describes the message agent.SystemInfo.
 * Use `create(SystemInfoSchema)` to create a new message.
 */
export declare const SystemInfoSchema: GenMessage<SystemInfo>;
/**
 * @generated from message agent.AgentInfo
 */
export type AgentInfo = Message<"agent.AgentInfo"> & {
    /**
     * @generated from field: string agent_id = 1;
     */
    agentId: string;
    /**
     * @generated from field: agent.InstallType install_type = 2;
     */
    installType: InstallType;
    /**
     * @generated from field: agent.AgentInstallStatus status = 3;
     */
    status: AgentInstallStatus;
    /**
     * @generated from field: optional string version = 4;
     */
    version?: string | undefined;
    /**
     * @generated from field: optional string binary_path = 5;
     */
    binaryPath?: string | undefined;
    /**
     * @generated from field: optional int64 installed_at = 6;
     */
    installedAt?: bigint | undefined;
};
/**
 * Describes the message agent.AgentInfo.
 * Use `create(AgentInfoSchema)` to create a new message.
 */
export declare const AgentInfoSchema: GenMessage<AgentInfo>;
/**
 * @generated from message agent.StaticCheckResult
 */
export type StaticCheckResult = Message<"agent.StaticCheckResult"> & {
    /**
     * @generated from field: bool file_exists = 1;
     */
    fileExists: boolean;
    /**
     * @generated from field: bool executable = 2;
     */
    executable: boolean;
    /**
     * @generated from field: bool in_path = 3;
     */
    inPath: boolean;
};
/**
 * Describes the message agent.StaticCheckResult.
 * Use `create(StaticCheckResultSchema)` to create a new message.
 */
export declare const StaticCheckResultSchema: GenMessage<StaticCheckResult>;
/**
 * @generated from message agent.AgentDetailInfo
 */
export type AgentDetailInfo = Message<"agent.AgentDetailInfo"> & {
    /**
     * @generated from field: string agent_id = 1;
     */
    agentId: string;
    /**
     * @generated from field: agent.InstallType install_type = 2;
     */
    installType: InstallType;
    /**
     * @generated from field: bool installed = 3;
     */
    installed: boolean;
    /**
     * @generated from field: agent.AgentInstallStatus status = 4;
     */
    status: AgentInstallStatus;
    /**
     * @generated from field: optional string version = 5;
     */
    version?: string | undefined;
    /**
     * @generated from field: bool version_check_supported = 6;
     */
    versionCheckSupported: boolean;
    /**
     * @generated from field: agent.StaticCheckResult static_checks = 7;
     */
    staticChecks?: StaticCheckResult | undefined;
};
/**
 * Describes the message agent.AgentDetailInfo.
 * Use `create(AgentDetailInfoSchema)` to create a new message.
 */
export declare const AgentDetailInfoSchema: GenMessage<AgentDetailInfo>;
/**
 * @generated from message agent.ListAgentsRequest
 */
export type ListAgentsRequest = Message<"agent.ListAgentsRequest"> & {};
/**
 * Describes the message agent.ListAgentsRequest.
 * Use `create(ListAgentsRequestSchema)` to create a new message.
 */
export declare const ListAgentsRequestSchema: GenMessage<ListAgentsRequest>;
/**
 * @generated from message agent.ListAgentsResponse
 */
export type ListAgentsResponse = Message<"agent.ListAgentsResponse"> & {
    /**
     * @generated from field: agent.SystemInfo system_info = 1;
     */
    systemInfo?: SystemInfo | undefined;
    /**
     * @generated from field: repeated agent.AgentInfo agents = 2;
     */
    agents: AgentInfo[];
    /**
     * @generated from field: int32 total = 3;
     */
    total: number;
    /**
     * @generated from field: string install_dir = 4;
     */
    installDir: string;
};
/**
 * Describes the message agent.ListAgentsResponse.
 * Use `create(ListAgentsResponseSchema)` to create a new message.
 */
export declare const ListAgentsResponseSchema: GenMessage<ListAgentsResponse>;
/**
 * @generated from message agent.CheckAgentRequest
 */
export type CheckAgentRequest = Message<"agent.CheckAgentRequest"> & {
    /**
     * @generated from field: string agent_id = 1;
     */
    agentId: string;
    /**
     * @generated from field: optional string version = 2;
     */
    version?: string | undefined;
};
/**
 * Describes the message agent.CheckAgentRequest.
 * Use `create(CheckAgentRequestSchema)` to create a new message.
 */
export declare const CheckAgentRequestSchema: GenMessage<CheckAgentRequest>;
/**
 * @generated from message agent.CheckAgentResponse
 */
export type CheckAgentResponse = Message<"agent.CheckAgentResponse"> & {
    /**
     * @generated from field: agent.SystemInfo system_info = 1;
     */
    systemInfo?: SystemInfo | undefined;
    /**
     * @generated from field: agent.AgentDetailInfo agent = 2;
     */
    agent?: AgentDetailInfo | undefined;
};
/**
 * Describes the message agent.CheckAgentResponse.
 * Use `create(CheckAgentResponseSchema)` to create a new message.
 */
export declare const CheckAgentResponseSchema: GenMessage<CheckAgentResponse>;
/**
 * @generated from message agent.UninstallAgentRequest
 */
export type UninstallAgentRequest = Message<"agent.UninstallAgentRequest"> & {
    /**
     * @generated from field: string agent_id = 1;
     */
    agentId: string;
    /**
     * @generated from field: optional string version = 4;
     */
    version?: string | undefined;
};
/**
 * Describes the message agent.UninstallAgentRequest.
 * Use `create(UninstallAgentRequestSchema)` to create a new message.
 */
export declare const UninstallAgentRequestSchema: GenMessage<UninstallAgentRequest>;
/**
 * @generated from message agent.UninstallAgentResponse
 */
export type UninstallAgentResponse = Message<"agent.UninstallAgentResponse"> & {
    /**
     * @generated from field: bool uninstalled = 1;
     */
    uninstalled: boolean;
    /**
     * @generated from field: agent.InstallType install_type = 2;
     */
    installType: InstallType;
    /**
     * @generated from field: string agent_id = 3;
     */
    agentId: string;
    /**
     * @generated from field: repeated string removed_versions = 5;
     */
    removedVersions: string[];
};
/**
 * Describes the message agent.UninstallAgentResponse.
 * Use `create(UninstallAgentResponseSchema)` to create a new message.
 */
export declare const UninstallAgentResponseSchema: GenMessage<UninstallAgentResponse>;
/**
 * @generated from message agent.InstallAgentRequest
 */
export type InstallAgentRequest = Message<"agent.InstallAgentRequest"> & {
    /**
     * @generated from field: agent.InstallAgentRequest.Metadata metadata = 1;
     */
    metadata?: InstallAgentRequest_Metadata | undefined;
    /**
     * @generated from field: bytes data = 2;
     */
    data: Uint8Array;
};
/**
 * Describes the message agent.InstallAgentRequest.
 * Use `create(InstallAgentRequestSchema)` to create a new message.
 */
export declare const InstallAgentRequestSchema: GenMessage<InstallAgentRequest>;
/**
 * @generated from message agent.InstallAgentRequest.Metadata
 */
export type InstallAgentRequest_Metadata = Message<"agent.InstallAgentRequest.Metadata"> & {
    /**
     * @generated from field: optional string agent_id = 1;
     */
    agentId?: string | undefined;
    /**
     * @generated from field: optional string command = 2;
     */
    command?: string | undefined;
    /**
     * @generated from field: repeated string args = 3;
     */
    args: string[];
    /**
     * @generated from field: optional string sha256 = 4;
     */
    sha256?: string | undefined;
    /**
     * @generated from field: optional agent.InstallType install_type = 5;
     */
    installType?: InstallType | undefined;
    /**
     * @generated from field: optional string source_url = 6;
     */
    sourceUrl?: string | undefined;
    /**
     * @generated from field: optional string npm_package = 7;
     */
    npmPackage?: string | undefined;
    /**
     * @generated from field: optional string version = 8;
     */
    version?: string | undefined;
};
/**
 * Describes the message agent.InstallAgentRequest.Metadata.
 * Use `create(InstallAgentRequest_MetadataSchema)` to create a new message.
 */
export declare const InstallAgentRequest_MetadataSchema: GenMessage<InstallAgentRequest_Metadata>;
/**
 * @generated from message agent.InstallAgentResponse
 */
export type InstallAgentResponse = Message<"agent.InstallAgentResponse"> & {
    /**
     * @generated from field: string agent_id = 1;
     */
    agentId: string;
    /**
     * @generated from field: agent.AgentInstallStatus status = 2;
     */
    status: AgentInstallStatus;
    /**
     * @generated from field: string binary_path = 3;
     */
    binaryPath: string;
    /**
     * @generated from field: optional string version = 7;
     */
    version?: string | undefined;
    /**
     * "installed", "skipped", "refused"
     *
     * @generated from field: string action = 20;
     */
    action: string;
    /**
     * @generated from field: bool installed = 21;
     */
    installed: boolean;
    /**
     * Hangar: why it was refused (installs happen on the control plane).
     *
     * @generated from field: string message = 24;
     */
    message: string;
};
/**
 * Describes the message agent.InstallAgentResponse.
 * Use `create(InstallAgentResponseSchema)` to create a new message.
 */
export declare const InstallAgentResponseSchema: GenMessage<InstallAgentResponse>;
/**
 * @generated from enum agent.CancelResultType
 */
export declare enum CancelResultType {
    /**
     * @generated from enum value: CANCEL_RESULT_UNSPECIFIED = 0;
     */
    CANCEL_RESULT_UNSPECIFIED = 0,
    /**
     * @generated from enum value: CANCEL_RESULT_SUCCESS = 1;
     */
    CANCEL_RESULT_SUCCESS = 1,
    /**
     * @generated from enum value: CANCEL_RESULT_FAILED = 2;
     */
    CANCEL_RESULT_FAILED = 2,
    /**
     * @generated from enum value: CANCEL_RESULT_TIMEOUT = 3;
     */
    CANCEL_RESULT_TIMEOUT = 3
}
/**
 * Describes the enum agent.CancelResultType.
 */
export declare const CancelResultTypeSchema: GenEnum<CancelResultType>;
/**
 * @generated from enum agent.InstallType
 */
export declare enum InstallType {
    /**
     * @generated from enum value: INSTALL_TYPE_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * @generated from enum value: INSTALL_TYPE_BUILTIN = 1;
     */
    BUILTIN = 1,
    /**
     * @generated from enum value: INSTALL_TYPE_BINARY = 2;
     */
    BINARY = 2,
    /**
     * @generated from enum value: INSTALL_TYPE_NPM = 3;
     */
    NPM = 3,
    /**
     * @generated from enum value: INSTALL_TYPE_URL = 4;
     */
    URL = 4
}
/**
 * Describes the enum agent.InstallType.
 */
export declare const InstallTypeSchema: GenEnum<InstallType>;
/**
 * @generated from enum agent.AgentInstallStatus
 */
export declare enum AgentInstallStatus {
    /**
     * @generated from enum value: AGENT_INSTALL_STATUS_UNSPECIFIED = 0;
     */
    UNSPECIFIED = 0,
    /**
     * @generated from enum value: AGENT_INSTALL_STATUS_AVAILABLE = 1;
     */
    AVAILABLE = 1,
    /**
     * @generated from enum value: AGENT_INSTALL_STATUS_BROKEN = 2;
     */
    BROKEN = 2,
    /**
     * @generated from enum value: AGENT_INSTALL_STATUS_NOT_INSTALLED = 3;
     */
    NOT_INSTALLED = 3
}
/**
 * Describes the enum agent.AgentInstallStatus.
 */
export declare const AgentInstallStatusSchema: GenEnum<AgentInstallStatus>;
/**
 * @generated from service agent.AgentService
 */
export declare const AgentService: GenService<{
    /**
     * Sends a prompt. Starts the agent (and its ACP session) first when needed.
     * Answers once the prompt is accepted; its progress arrives on SubscribeProgress.
     *
     * @generated from rpc agent.AgentService.Chat
     */
    chat: {
        methodKind: "unary";
        input: typeof ChatRequestSchema;
        output: typeof ChatResponseSchema;
    };
    /**
     * Every progress event of a session with seq > from_seq, then live ones.
     *
     * @generated from rpc agent.AgentService.SubscribeProgress
     */
    subscribeProgress: {
        methodKind: "server_streaming";
        input: typeof ProgressRequestSchema;
        output: typeof ProgressEventSchema;
    };
    /**
     * ACP session/cancel; the agent is killed if the prompt has not ended within 2 s.
     *
     * @generated from rpc agent.AgentService.CancelSession
     */
    cancelSession: {
        methodKind: "unary";
        input: typeof CancelRequestSchema;
        output: typeof CancelResponseSchema;
    };
    /**
     * Answers a pending ACP session/request_permission with one of its options.
     *
     * @generated from rpc agent.AgentService.ResolvePermission
     */
    resolvePermission: {
        methodKind: "unary";
        input: typeof ResolvePermissionRequestSchema;
        output: typeof ResolvePermissionResponseSchema;
    };
    /**
     * @generated from rpc agent.AgentService.GetStatus
     */
    getStatus: {
        methodKind: "unary";
        input: typeof GetStatusRequestSchema;
        output: typeof GetStatusResponseSchema;
    };
    /**
     * Stops the agent process (the runner stays).
     *
     * @generated from rpc agent.AgentService.StopAgent
     */
    stopAgent: {
        methodKind: "unary";
        input: typeof StopAgentRequestSchema;
        output: typeof StopAgentResponseSchema;
    };
    /**
     * @generated from rpc agent.AgentService.GetContainerStatus
     */
    getContainerStatus: {
        methodKind: "unary";
        input: typeof GetContainerStatusRequestSchema;
        output: typeof GetContainerStatusResponseSchema;
    };
    /**
     * "Not ready" until a sandbox desktop exists.
     *
     * @generated from rpc agent.AgentService.GetVncStatus
     */
    getVncStatus: {
        methodKind: "unary";
        input: typeof GetVncStatusRequestSchema;
        output: typeof GetVncStatusResponseSchema;
    };
}>;
/**
 * Agents are installed by the control plane (`hangar agents install`) and
 * mounted read-only into the sandbox; the runner lists and checks them but
 * never downloads (the sandbox has no network).
 *
 * @generated from service agent.AgentMgmtService
 */
export declare const AgentMgmtService: GenService<{
    /**
     * @generated from rpc agent.AgentMgmtService.ListAgents
     */
    listAgents: {
        methodKind: "unary";
        input: typeof ListAgentsRequestSchema;
        output: typeof ListAgentsResponseSchema;
    };
    /**
     * @generated from rpc agent.AgentMgmtService.InstallAgent
     */
    installAgent: {
        methodKind: "client_streaming";
        input: typeof InstallAgentRequestSchema;
        output: typeof InstallAgentResponseSchema;
    };
    /**
     * @generated from rpc agent.AgentMgmtService.UninstallAgent
     */
    uninstallAgent: {
        methodKind: "unary";
        input: typeof UninstallAgentRequestSchema;
        output: typeof UninstallAgentResponseSchema;
    };
    /**
     * @generated from rpc agent.AgentMgmtService.CheckAgent
     */
    checkAgent: {
        methodKind: "unary";
        input: typeof CheckAgentRequestSchema;
        output: typeof CheckAgentResponseSchema;
    };
}>;
