import { Box, Text } from "ink";
import { useActiveInput } from "./use-active-input.js";
import { useReducer, useRef } from "react";
import { sanitizeTerminalText } from "../../core/terminal-text.js";
import type { SessionView } from "../../protocol/index.js";

/**
 * `/sessions`: the caller's sessions, newest first, in the input area.
 * ↑/↓ move, Enter attaches the TUI to the one selected, Esc closes the
 * picker. Until the list arrives it says so; a failed list says why.
 */
export interface SessionPickerProps {
  /** Undefined while the list is on its way. */
  sessions: SessionView[] | undefined;
  error?: string | undefined;
  /** The session on screen, marked in the list. */
  currentSessionId: string | undefined;
  isActive: boolean;
  /** Rows of sessions shown at most; the list scrolls past them. */
  rows: number;
  onChoose: (sessionId: string) => void;
  onClose: () => void;
}

export function SessionPicker({
  sessions,
  error,
  currentSessionId,
  isActive,
  rows,
  onChoose,
  onClose,
}: SessionPickerProps) {
  // A ref: keys typed faster than renders must each move from where the last one left.
  const selected = useRef(0);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const count = sessions?.length ?? 0;

  useActiveInput((_input, key) => {
    if (key.escape) {
      onClose();
      return;
    }
    if (count === 0) return;
    if (key.upArrow || key.downArrow) {
      selected.current = Math.min(count - 1, Math.max(0, selected.current + (key.upArrow ? -1 : 1)));
      rerender();
      return;
    }
    if (key.return) onChoose(sessions![selected.current]!.session_id);
  }, isActive);

  const title = (
    <Text bold color="cyan" wrap="truncate-end">
      Sessions <Text dimColor>↑/↓ move · Enter attach · Esc close</Text>
    </Text>
  );
  if (error !== undefined)
    return (
      <Box flexDirection="column" height={2}>
        {title}
        <Text color="red" wrap="truncate-end">
          could not list the sessions: {error}
        </Text>
      </Box>
    );
  if (sessions === undefined || sessions.length === 0)
    return (
      <Box flexDirection="column" height={2}>
        {title}
        <Text dimColor>{sessions === undefined ? "listing…" : "no sessions yet"}</Text>
      </Box>
    );
  const first = Math.max(0, Math.min(selected.current - rows + 1, count - rows));
  const shown = sessions.slice(first, first + rows);
  return (
    <Box flexDirection="column" height={shown.length + 1}>
      {title}
      {shown.map((session, index) => {
        const isSelected = first + index === selected.current;
        return (
          <Text key={session.session_id} wrap="truncate-end" inverse={isSelected}>
            {isSelected ? "› " : "  "}
            {describeSession(session, session.session_id === currentSessionId)}
          </Text>
        );
      })}
    </Box>
  );
}

/** The lines the picker takes for this list. */
export function sessionPickerHeight(sessions: SessionView[] | undefined, rows: number): number {
  return sessions === undefined || sessions.length === 0 ? 2 : Math.min(sessions.length, rows) + 1;
}

function describeSession(session: SessionView, isCurrent: boolean): string {
  const parts = [
    session.session_id,
    session.project_id,
    session.status,
    session.agent,
    session.model,
    `updated ${session.updated_at.replace("T", " ").slice(0, 16)}`,
  ];
  return sanitizeTerminalText(parts.join("  ")) + (isCurrent ? "  (on screen)" : "");
}
