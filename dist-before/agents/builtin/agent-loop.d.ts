import type { LanguageModel } from "ai";
import type { AgentEvent, AgentInteractions } from "../agent-driver.js";
import { type ApprovalPolicy } from "./approval-policy.js";
import type { Conversation } from "./conversation.js";
import type { AgentTool, ToolContext } from "./tools/agent-tool.js";
/**
 * The built-in agent's loop for one turn: call the model (`model-step.ts`,
 * straight to the provider's `doStream`), stream its text,
 * run the tools it asks for (after approval where the policy says so), feed
 * the results back, until it answers without a tool call.
 *
 * Every model step's messages and every tool result are appended to the
 * conversation (and the store) as they happen, so a turn interrupted by a
 * crash resumes from its last completed step: tool calls that already have a
 * result are never run again.
 */
export interface AgentTurn {
    turnId: string;
    model: LanguageModel;
    /** Already ending with this turn's prompt (or mid-turn after a restart). */
    conversation: Conversation;
    emit(event: AgentEvent): void;
    tools: readonly AgentTool[];
    /** The sandbox-bound part of a tool's context; the loop adds the call's signal and output stream. */
    toolContext(emitOutput: ToolContext["emitOutput"], signal: AbortSignal): ToolContext;
    approval: ApprovalPolicy;
    interactions: AgentInteractions;
    /** Adds a step's tokens to the session; rejects when the session's budget is spent. */
    recordUsage(inputTokens: number, outputTokens: number): Promise<void>;
    maxSteps: number;
    contextBudgetTokens: number;
    maxRetries: number;
    /** A model call that sends nothing for this long is abandoned (the turn fails with the reason). */
    requestTimeoutMs: number;
    signal: AbortSignal;
}
export declare function runAgentTurn(turn: AgentTurn): Promise<void>;
