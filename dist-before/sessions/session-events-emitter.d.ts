import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../events/session-events.js";
/**
 * Appends one event to a session's log; resolves once it is stored and sent to watchers.
 * `origin`: where a driver's event came from in its own source (`LoggedOrigin`).
 */
export type EmitSessionEvent = <Name extends SessionEventName>(sessionId: string, name: Name, data: SessionEventPayloads[Name], origin?: number) => Promise<SessionEvent<Name>>;
