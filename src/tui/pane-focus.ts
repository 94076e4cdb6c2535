import type { ChatItem } from "./view-state.js";

/**
 * Where the keys go besides the global ones: the prompt, the files pane, or
 * the chat's tool lines. Tab (`focus_next_pane`) walks them in this order,
 * skipping a pane that is hidden or has nothing to select. Pure, for tests.
 */
export type FocusedPane = "prompt" | "tree" | "chat";

const order: readonly FocusedPane[] = ["prompt", "tree", "chat"];

export function nextPane(
  current: FocusedPane,
  available: { isTreeShown: boolean; hasToolLines: boolean },
): FocusedPane {
  const isAvailable = (pane: FocusedPane): boolean =>
    pane === "prompt" || (pane === "tree" ? available.isTreeShown : available.hasToolLines);
  for (let step = 1; step <= order.length; step += 1) {
    const pane = order[(order.indexOf(current) + step) % order.length]!;
    if (isAvailable(pane)) return pane;
  }
  return "prompt";
}

/** Whether the chat has a tool line to select. */
export function hasToolLines(items: readonly ChatItem[]): boolean {
  return items.some((item) => item.kind === "tool");
}

/**
 * The tool line `delta` tool lines from the selected one (negative: older),
 * clamped; the newest when nothing is selected or the selection was dropped.
 */
export function moveToolSelection(
  items: readonly ChatItem[],
  selected: string | undefined,
  delta: number,
): string | undefined {
  const ids = items.filter((item) => item.kind === "tool").map((item) => item.id);
  if (ids.length === 0) return undefined;
  const index = selected === undefined ? -1 : ids.indexOf(selected);
  if (index === -1) return ids.at(-1);
  return ids[Math.min(ids.length - 1, Math.max(0, index + delta))];
}

/** Toggles an id in a set kept to `limit` entries (the oldest toggled go first), so it cannot grow without end. */
export function toggleBounded(ids: ReadonlySet<string>, id: string, limit = 50): Set<string> {
  const next = new Set(ids);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  while (next.size > limit) next.delete(next.values().next().value!);
  return next;
}
