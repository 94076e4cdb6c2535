import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../events/session-events.js";

/** Appends one event to a session's log; resolves once it is stored and sent to watchers. */
export type EmitSessionEvent = <Name extends SessionEventName>(
  sessionId: string,
  name: Name,
  data: SessionEventPayloads[Name],
) => Promise<SessionEvent<Name>>;
