import { Box } from "ink";
import { visibleChatLines, type ChatView } from "../chat-lines.js";
import type { ViewState } from "../view-state.js";
import { StyledLineText } from "./styled-text.js";

/** The conversation's newest lines that fit: prompts, Markdown answers, compact tool lines, diffs. */
export function ChatPane({
  state,
  width,
  height,
  scrolledBack = 0,
  view,
}: {
  state: ViewState;
  width: number;
  height: number;
  scrolledBack?: number;
  /** The selected tool line and the expanded ones (chat focused). */
  view?: ChatView;
}) {
  const lines = visibleChatLines(state, width, height, scrolledBack, view);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.map((line, index) => (
        <StyledLineText key={index} line={line} />
      ))}
    </Box>
  );
}
