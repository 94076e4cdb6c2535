// The text layer a relay uses for one platform: Markdown split into parts the
// platform accepts once rendered (the renderer is the adapter's own), compact
// tool lines, and the summary that ends a turn.

import type { RelayText } from "./session-relay.js";
import { splitMarkdown } from "./text/message-splitter.js";
import { toolLine } from "./text/tool-line.js";
import { turnSummary } from "./text/turn-summary.js";

export function relayText(render: (markdown: string) => string): RelayText {
  return {
    split: (markdown, limit) => splitMarkdown(markdown, { limit, render }).map((part) => part.markdown),
    toolLine,
    summary: turnSummary,
  };
}
