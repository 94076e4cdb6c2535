import { Box, Text } from "ink";
import { useActiveInput } from "./use-active-input.js";
import { useReducer, useRef } from "react";
import { sanitizeTerminalText } from "../../core/terminal-text.js";
import type { InteractionRequestEvent } from "../../protocol/index.js";
import type { PermissionAnswer } from "../session-controller.js";

/**
 * A permission request or a question, in the input area until it is
 * answered here or anywhere else (the app drops it on `interaction.resolved`).
 * Permission: ↑/↓ and Enter, or y (allow once), a (always for this session),
 * n (deny). Question: ↑/↓ and Enter pick a choice, or type an answer and Enter.
 */
export interface ApprovalPromptProps {
  request: InteractionRequestEvent;
  isActive: boolean;
  onPermission: (answer: PermissionAnswer) => void;
  onAnswer: (text: string) => void;
  /** How many more wait behind this one. */
  waiting?: number;
}

const permissionOptions: Array<{ answer: PermissionAnswer; label: string; key: string }> = [
  { answer: "once", label: "Allow once", key: "y" },
  { answer: "always", label: "Always for this session", key: "a" },
  { answer: "deny", label: "Deny", key: "n" },
];

export function ApprovalPrompt({
  request,
  isActive,
  onPermission,
  onAnswer,
  waiting = 0,
}: ApprovalPromptProps) {
  const isPermission = request.name === "permission.requested";
  const choices = isPermission
    ? permissionOptions.map((option) => option.label)
    : (request.data.choices ?? []);
  const state = useRef({ selected: 0, text: "", isAnswered: false });
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const { selected, text } = state.current;

  const answer = (reply: () => void): void => {
    // One answer per request: a second Enter before the resolution arrives must not post again.
    if (state.current.isAnswered) return;
    state.current.isAnswered = true;
    reply();
    rerender();
  };

  useActiveInput((input, key) => {
    if (key.upArrow || key.downArrow) {
      if (choices.length === 0) return;
      const step = key.upArrow ? -1 : 1;
      state.current.selected = (state.current.selected + step + choices.length) % choices.length;
      rerender();
      return;
    }
    if (isPermission) {
      const byKey = permissionOptions.find((option) => option.key === input.toLowerCase());
      if (byKey !== undefined) answer(() => onPermission(byKey.answer));
      else if (key.return) answer(() => onPermission(permissionOptions[state.current.selected]!.answer));
      return;
    }
    if (key.return) {
      const typed = state.current.text.trim();
      const choice = choices[state.current.selected];
      if (typed !== "") answer(() => onAnswer(typed));
      else if (choice !== undefined) answer(() => onAnswer(choice));
      return;
    }
    if (key.backspace || key.delete) state.current.text = state.current.text.slice(0, -1);
    else if (!key.ctrl && !key.meta && !key.escape && input !== "")
      state.current.text += input.replace(/[\r\n]+/g, " ");
    rerender();
  }, isActive);

  const title = isPermission
    ? `Allow ${sanitizeTerminalText(request.data.summary)}?`
    : sanitizeTerminalText(request.data.question);
  return (
    <Box flexDirection="column">
      <Text color="yellow" bold wrap="truncate-end">
        {isPermission ? "⚠ " : "? "}
        {title.replace(/\s+/g, " ")}
        {waiting > 0 ? <Text dimColor> (+{waiting} more)</Text> : null}
      </Text>
      <Text wrap="truncate-end">
        {choices.map((choice, index) => (
          <Text key={choice} inverse={index === selected} color={index === selected ? "cyan" : undefined}>
            {` ${isPermission ? `[${permissionOptions[index]!.key}] ` : `${index + 1}. `}${sanitizeTerminalText(choice)} `}
          </Text>
        ))}
      </Text>
      {isPermission ? null : (
        <Text wrap="truncate-start">
          <Text color="blue" bold>
            {"› "}
          </Text>
          {text === "" ? (
            <Text dimColor>
              {choices.length > 0 ? "pick with ↑/↓ and Enter, or type an answer" : "type an answer"}
            </Text>
          ) : (
            text
          )}
        </Text>
      )}
      {state.current.isAnswered ? <Text dimColor>sending…</Text> : null}
    </Box>
  );
}

/** The screen lines the prompt takes. */
export function approvalPromptHeight(request: InteractionRequestEvent): number {
  return request.name === "permission.requested" ? 3 : 4;
}
