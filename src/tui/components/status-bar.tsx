import { Text } from "ink";
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

/** One line: who works (agent, model, policy), how it goes (status, tokens), and whether we see it live. */
export function StatusBar({ status }: { status: StatusLine }) {
  const tokens = status.inputTokens + status.outputTokens;
  const parts = [
    status.agent ?? "default agent",
    status.model ?? "default model",
    `approval ${status.approval ?? "default"}`,
    tokens > 0
      ? `${formatTokens(status.inputTokens)}↑ ${formatTokens(status.outputTokens)}↓ tokens`
      : undefined,
    status.queuedTurns > 0 ? `${status.queuedTurns} queued on server` : undefined,
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

export function formatTokens(count: number): string {
  return count < 1000 ? String(count) : `${(count / 1000).toFixed(1)}k`;
}
