import type { SessionEventPayloads } from "../protocol/index.js";
import { describeToolCall } from "../protocol/tool-summary.js";
import { addItem, findRecent, updateTool } from "./view-items.js";
import type { ChatItem, ViewLimits, ViewState } from "./view-types.js";

/**
 * Tool calls in the view state: a new call's line (and the files it touches),
 * and the bound on their output: the newest few keep theirs, older ones keep
 * an excerpt, so an expanded old line still shows something and a long
 * session's memory stays flat.
 */

export function toolStart(
  state: ViewState,
  data: SessionEventPayloads["tool.start"],
  limits: ViewLimits,
): ViewState {
  const described = describeToolCall(data);
  // A turn resumed after a restart starts a pending tool call again: its line runs again, not twice.
  const again = findRecent(state.items, (item) => item.kind === "tool" && item.id === data.tool_call_id);
  if (again !== -1)
    return updateTool(state, data.tool_call_id, (item) => ({
      ...item,
      status: "running",
      durationMs: undefined,
    }));
  const collapsed = collapseOldTools(state.items, limits.expandedTools - 1, limits);
  const withTool = addItem(
    { ...state, items: collapsed },
    {
      kind: "tool",
      id: data.tool_call_id,
      tool: data.tool,
      target: described.target,
      file: described.file,
      status: "running",
      durationMs: undefined,
      output: "",
      isOutputCollapsed: false,
      diff: described.diff,
    },
    limits,
  );
  if (described.files.length === 0) return withTool;
  const files = [
    ...withTool.filesTouched.filter((file) => !described.files.includes(file)),
    ...described.files,
  ];
  return { ...withTool, filesTouched: files.slice(-limits.maxFiles) };
}

/**
 * Keeps the output of the newest `keep` tool calls; the others are collapsed:
 * they lose their diff and keep only the first lines of their output, what
 * the user sees when expanding an old tool line.
 */
function collapseOldTools(items: ChatItem[], keep: number, limits: ViewLimits): ChatItem[] {
  let seen = 0;
  let result: ChatItem[] | undefined;
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index]!;
    if (item.kind !== "tool") continue;
    seen += 1;
    if (seen <= keep || item.isOutputCollapsed) continue;
    result ??= [...items];
    result[index] = {
      ...item,
      output: outputExcerpt(item.output, limits),
      diff: [],
      isOutputCollapsed: true,
    };
  }
  return result ?? items;
}

/** The first lines of a collapsed call's output, bounded in lines and characters; "…" says more was there. */
export function outputExcerpt(output: string, limits: ViewLimits): string {
  const lines = output.split("\n");
  let excerpt = lines.slice(0, limits.collapsedOutputLines).join("\n");
  if (excerpt.length > limits.maxCollapsedOutput) excerpt = excerpt.slice(0, limits.maxCollapsedOutput - 1);
  return excerpt.length < output.length ? `${excerpt}\n…` : excerpt;
}
