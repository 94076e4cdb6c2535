import type { FinalStatus, SessionEventPayloads } from "../../protocol/session-events.js";
import { formatUsd } from "../../core/model-price.js";
import { escapeMarkdown } from "./markdown-syntax.js";
import { formatToolDuration } from "./tool-line.js";

/**
 * The last message of a turn in a chat: how it ended (completed, failed and
 * why, cancelled), how long it took, and what it used — tokens in and out
 * from the turn's `usage` events, and the cost when the bridge knows it.
 * `✅ Completed in 1m05s · 12.3k tokens in / 1.2k out · $0.04`.
 */
export interface TurnUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** In US dollars, when the model's price is known. */
  readonly costUsd?: number;
}

export interface TurnSummaryInput {
  readonly outcome: FinalStatus;
  /** Why a turn failed or was cancelled (`turn.end`'s `reason`). */
  readonly reason?: string;
  readonly durationMs?: number;
  readonly usage?: TurnUsage;
}

/** A reason is one line of at most this many characters: the chat is no log viewer. */
const maxReasonLength = 300;

export function turnSummary(input: TurnSummaryInput): string {
  const reason = input.reason === undefined ? "" : oneLine(input.reason);
  const words = [headline(input.outcome, reason)];
  if (input.durationMs !== undefined) words[0] += ` in ${formatToolDuration(input.durationMs)}`;
  const usage = input.usage;
  if (usage !== undefined && (usage.inputTokens > 0 || usage.outputTokens > 0)) {
    words.push(`${formatTokens(usage.inputTokens)} tokens in / ${formatTokens(usage.outputTokens)} out`);
  }
  if (usage?.costUsd !== undefined) words.push(formatUsd(usage.costUsd));
  return words.join(" · ");
}

function headline(outcome: FinalStatus, reason: string): string {
  const because = reason === "" ? "" : `: ${escapeMarkdown(reason)}`;
  switch (outcome) {
    case "completed":
      return "✅ Completed";
    case "failed":
      return `❌ Failed${because}`;
    case "cancelled":
      return `⏹️ Cancelled${because}`;
  }
}

/** The turn's usage with one more `usage` event (each counts one model call). */
export function addUsage(usage: TurnUsage | undefined, event: SessionEventPayloads["usage"]): TurnUsage {
  return {
    inputTokens: (usage?.inputTokens ?? 0) + event.input_tokens,
    outputTokens: (usage?.outputTokens ?? 0) + event.output_tokens,
    ...(usage?.costUsd === undefined ? {} : { costUsd: usage.costUsd }),
  };
}

/** 850, 12.3k, 1.2M. */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 999_950) return `${trimZero((count / 1000).toFixed(1))}k`;
  return `${trimZero((count / 1_000_000).toFixed(1))}M`;
}

/** $0.0042 below a cent (so a cheap turn does not read as free), $0.04, $12.50. */
function trimZero(decimal: string): string {
  return decimal.endsWith(".0") ? decimal.slice(0, -2) : decimal;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const characters = [...line];
  return characters.length <= maxReasonLength
    ? line
    : `${characters.slice(0, maxReasonLength - 1).join("")}…`;
}
