/**
 * The store port for a session's conversation as its agent driver keeps it:
 * messages appended in order, never rewritten, so a step costs one small
 * insert whatever the conversation's length. The store does not look inside a
 * message (for the built-in agent it is an AI SDK `ModelMessage`).
 */
export interface SessionMessage {
    /** 1, 2, 3, … per session, in conversation order. */
    position: number;
    /** The turn that added it; null for messages older than turns being recorded here. */
    turnId: string | null;
    message: unknown;
}
export interface SessionMessageRepository {
    /**
     * Appends messages after the session's last one, in one transaction (all or
     * none). The session must exist (foreign key).
     */
    append(sessionId: string, turnId: string | null, messages: readonly unknown[]): Promise<void>;
    /** The whole conversation, in order. */
    list(sessionId: string): Promise<SessionMessage[]>;
}
