import { Text } from "ink";
import type { SegmentStyle, StyledLine } from "../markdown.js";

/** How each segment style looks; one table so every pane agrees. */
const looks: Record<SegmentStyle, { color?: string; bold?: boolean; dimColor?: boolean; inverse?: boolean }> =
  {
    selected: { inverse: true },
    plain: {},
    bold: { bold: true },
    heading: { bold: true, color: "cyan" },
    code: { color: "yellow" },
    "code-keyword": { color: "magenta", bold: true },
    "code-string": { color: "green" },
    "code-comment": { color: "gray" },
    "code-number": { color: "yellow" },
    dim: { dimColor: true },
    added: { color: "green" },
    removed: { color: "red" },
    prompt: { bold: true, color: "blue" },
    tool: { color: "cyan" },
    success: { color: "green" },
    warning: { color: "yellow" },
    error: { color: "red" },
  };

/** One screen line; cut at the pane's edge rather than wrapped by Ink (lines are wrapped before). */
export function StyledLineText({ line }: { line: StyledLine }) {
  return (
    <Text wrap="truncate-end">
      {line.length === 0
        ? " "
        : line.map((segment, index) => (
            <Text key={index} {...looks[segment.style]}>
              {segment.text}
            </Text>
          ))}
    </Text>
  );
}
