import type { SessionEvent } from "../events/session-events.js";

/**
 * One line per session event, for progress notifications: a client shows it
 * as it comes; the full event is in agent_events.
 */
export function describeEvent(event: SessionEvent): string {
  const prefix = `#${event.seq} ${event.name}`;
  switch (event.name) {
    case "session.status":
      return `${prefix}: ${event.data.status}${event.data.reason === undefined ? "" : ` (${event.data.reason})`}`;
    case "message.delta":
    case "message.end":
    case "reasoning.delta":
      return `${prefix}: ${event.data.text}`;
    case "tool.start":
      return `${prefix}: ${event.data.title ?? event.data.tool}`;
    case "tool.delta":
      return `${prefix} (${event.data.stream}): ${event.data.text}`;
    case "tool.end":
      return `${prefix}: ${event.data.tool}${event.data.is_error ? " failed" : ""}`;
    case "permission.requested":
      return `${prefix}: ${event.data.summary} (interaction ${event.data.interaction_id})`;
    case "question.asked":
      return `${prefix}: ${event.data.question} (interaction ${event.data.interaction_id})`;
    case "error":
      return `${prefix}: ${event.data.code}: ${event.data.message}`;
    case "session.ended":
      return `${prefix}: ${event.data.status}`;
    default:
      return prefix;
  }
}
