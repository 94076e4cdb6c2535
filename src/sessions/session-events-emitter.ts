import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../events/session-events.js";

/** Appends one event to a session's log (stored, then sent to watchers). */
export type EmitSessionEvent = <Name extends SessionEventName>(
  sessionId: string,
  name: Name,
  data: SessionEventPayloads[Name],
) => SessionEvent<Name>;
