import type { LanguageModel } from "ai";
import type { Sandbox } from "../../sandbox/sandbox-port.js";
import type { SessionMessageRepository } from "../session-message-repository.js";
import type { StartAgentDriver } from "../agent-driver.js";
import type { AgentTool, RunCodeRequest, RunCodeResult } from "./tools/agent-tool.js";
/**
 * Hangar's own agent behind the driver port: the loop of
 * `agent-loop.ts` over a conversation appended to the store message by
 * message. A session's conversation stays in memory for a while after its
 * driver closes (the next prompt usually follows soon), so it is neither read
 * back nor converted for the provider again.
 */
export interface BuiltinDriverOptions {
    messages: SessionMessageRepository;
    /** `provider:model` → an AI SDK model; throws UNKNOWN_MODEL or MISSING_API_KEY. */
    resolveModel(name: string): LanguageModel;
    tools: readonly AgentTool[];
    runCode(sandbox: Sandbox): (request: RunCodeRequest, signal: AbortSignal) => Promise<RunCodeResult>;
    limits: {
        maxSteps: number;
        contextBudgetTokens: number;
        maxRetries: number;
        requestTimeoutMs: number;
        commandTimeoutMs: number;
        maxToolOutputChars: number;
    };
    /** Conversations of idle sessions kept in memory; default 16. */
    keptConversations?: number;
}
export declare function builtinAgentDriver(options: BuiltinDriverOptions): StartAgentDriver;
