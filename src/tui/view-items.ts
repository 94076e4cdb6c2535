import type { ChatItem, ViewLimits, ViewState } from "./view-types.js";

/**
 * The chat items' bookkeeping that every part of the reducer shares: find a
 * recent item, update it or add one, drop the oldest past the bound.
 */

/** Looks for the item among the newest few (streams touch recent items), else adds it. */
export function updateOrAdd(
  state: ViewState,
  matches: (item: ChatItem) => boolean,
  update: (item: ChatItem) => ChatItem,
  created: ChatItem,
  limits: ViewLimits,
): ViewState {
  const index = findRecent(state.items, matches);
  if (index === -1) return addItem(state, created, limits);
  const items = [...state.items];
  items[index] = update(items[index]!);
  return { ...state, items };
}

export type ToolItem = Extract<ChatItem, { kind: "tool" }>;

export function updateTool(
  state: ViewState,
  toolCallId: string,
  update: (item: ToolItem) => ToolItem,
): ViewState {
  const index = findRecent(state.items, (item) => item.kind === "tool" && item.id === toolCallId);
  if (index === -1) return state;
  const items = [...state.items];
  items[index] = update(items[index] as ToolItem);
  return { ...state, items };
}

/** Searches from the newest item back, at most 64 deep, so a long chat does not cost a scan per delta. */
export function findRecent(items: ChatItem[], matches: (item: ChatItem) => boolean): number {
  const stop = Math.max(0, items.length - 64);
  for (let index = items.length - 1; index >= stop; index -= 1) if (matches(items[index]!)) return index;
  return -1;
}

export function addItem(state: ViewState, item: ChatItem, limits: ViewLimits): ViewState {
  const items = [...state.items, item];
  const excess = items.length - limits.maxItems;
  if (excess <= 0) return { ...state, items };
  return { ...state, items: items.slice(excess), droppedItems: state.droppedItems + excess };
}

export function tail(text: string, limit: number): string {
  return text.length <= limit ? text : `…${text.slice(text.length - limit + 1)}`;
}
