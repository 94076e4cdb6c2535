import type { SessionEventPayloads } from "../protocol/index.js";
import { addItem, updateTool } from "./view-items.js";
import type { ViewLimits, ViewState } from "./view-types.js";

/** Permission requests and questions in the view state: remembered when asked, said when resolved. */

export function resolved(
  state: ViewState,
  data: SessionEventPayloads["interaction.resolved"],
  limits: ViewLimits,
): ViewState {
  const pending = state.pending.filter((request) => request.data.interaction_id !== data.interaction_id);
  const asked = state.asked.find((request) => request.interactionId === data.interaction_id);
  let next: ViewState = {
    ...state,
    pending,
    asked: state.asked.filter((request) => request.interactionId !== data.interaction_id),
  };
  if (data.kind === "permission" && asked !== undefined) {
    // The tool line waiting for this approval runs now, or never.
    next = updateTool(next, asked.toolCallId, (tool) => ({
      ...tool,
      status: data.outcome === "approved" ? "running" : "denied",
    }));
  }
  const what = asked?.text ?? data.kind;
  const text =
    data.outcome === "answered" ? `answered ${what}: ${data.answer ?? ""}` : `${data.outcome} ${what}`;
  const tone = data.outcome === "approved" || data.outcome === "answered" ? "success" : "warning";
  return addItem(next, { kind: "notice", id: `resolved-${data.interaction_id}`, text, tone }, limits);
}

/** Requests are few at a time; the bound only guards against a session that never answers. */
export function remember(
  state: ViewState,
  data: SessionEventPayloads["permission.requested"] | SessionEventPayloads["question.asked"],
): ViewState {
  const text = "summary" in data ? data.summary : data.question;
  const request = { interactionId: data.interaction_id, text, toolCallId: data.tool_call_id };
  return { ...state, asked: [...state.asked, request].slice(-50) };
}
