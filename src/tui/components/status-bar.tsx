import { costOf, formatUsd, type ModelPrices } from "../../core/model-price.js";
import { Text } from "ink";
import { useEffect, useState } from "react";
import { describeElapsed, isSessionActive } from "../elapsed.js";
import type { StatusLine } from "../view-state.js";

const sessionWords: Record<StatusLine["session"], string> = {
  new: "new session",
  pending: "queued",
  starting: "starting",
  running: "running",
  waiting: "waiting for you",
  completed: "completed",
  failed: "failed",
  cancelled: "cancelled",
};

const connectionColors = {
  connecting: "yellow",
  live: "green",
  reconnecting: "red",
  replaying: "yellow",
  offline: "red",
} as const;

/**
 * One line: whether we see it live, how it goes (status, elapsed, tokens),
 * who works (agent, model, policy) and where (the sandbox provider), and what
 * `/model`, `/agent`, `/approval` set for the next session. `now` is fixed in
 * tests; otherwise a clock ticks each second while the session works.
 */
export function StatusBar({
  status,
  now,
  prices = {},
}: {
  status: StatusLine;
  now?: number;
  /** `[llm.prices]`: the session's cost shows when its model has a price. */
  prices?: ModelPrices;
}) {
  const clock = useClock(now === undefined && isSessionActive(status));
  const tokens = status.inputTokens + status.outputTokens;
  const cost = costOf(prices, status.model, status.inputTokens, status.outputTokens);
  const parts = [
    describeElapsed(status, now ?? clock),
    status.agent ?? "default agent",
    status.model ?? "default model",
    `approval ${status.approval ?? "default"}`,
    status.provider === undefined ? undefined : `sandbox ${status.provider}`,
    tokens > 0
      ? `${formatTokens(status.inputTokens)}↑ ${formatTokens(status.outputTokens)}↓ tokens${cost === undefined ? "" : ` ${formatUsd(cost)}`}`
      : undefined,
    status.queuedTurns > 0 ? `${status.queuedTurns} queued on server` : undefined,
    describeNext(status),
  ].filter((part): part is string => part !== undefined);
  return (
    <Text wrap="truncate-end">
      <Text color={connectionColors[status.connection]}>● {status.connection}</Text>
      <Text> │ </Text>
      <Text bold color={status.session === "waiting" ? "yellow" : undefined}>
        {sessionWords[status.session]}
      </Text>
      <Text dimColor> │ {parts.join(" │ ")}</Text>
    </Text>
  );
}

/** "next: model x, approval auto": what was set for the next session and differs from this one's. */
function describeNext(status: StatusLine): string | undefined {
  const { next } = status;
  const set = [
    next.agent === undefined || next.agent === status.agent ? undefined : `agent ${next.agent}`,
    next.model === undefined || next.model === status.model ? undefined : `model ${next.model}`,
    next.approval === undefined || next.approval === status.approval
      ? undefined
      : `approval ${next.approval}`,
  ].filter((part): part is string => part !== undefined);
  return set.length === 0 ? undefined : `next: ${set.join(", ")}`;
}

function useClock(isTicking: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!isTicking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isTicking]);
  return now;
}

export function formatTokens(count: number): string {
  return count < 1000 ? String(count) : `${(count / 1000).toFixed(1)}k`;
}
