import type { PendingInteraction, SessionView } from "../protocol/session-view.js";
import type { AgentSessionRecord } from "./agent-session-repository.js";
export type { SessionView } from "../protocol/session-view.js";
export declare function presentSession(session: AgentSessionRecord, extra: {
    queuedTurns: number;
    lastSeq: number;
    pendingInteractions: PendingInteraction[];
}): SessionView;
