/**
 * A conversation as rows: each message is inserted once, its position computed
 * inside the insert (like an event's seq), so appending costs the same at the
 * 5th message and the 500th, and a crash can lose at most the append in flight.
 */
export class SqliteSessionMessageRepository {
    #append;
    #list;
    constructor(database) {
        const insert = database.prepare(`INSERT INTO session_messages (session_id, position, turn_id, message)
       SELECT ?, coalesce(max(position), 0) + 1, ?, ? FROM session_messages WHERE session_id = ?`);
        this.#append = database.transaction((sessionId, turnId, messages) => {
            for (const message of messages)
                insert.run(sessionId, turnId, JSON.stringify(message), sessionId);
        });
        this.#list = database.prepare("SELECT position, turn_id, message FROM session_messages WHERE session_id = ? ORDER BY position");
    }
    async append(sessionId, turnId, messages) {
        if (messages.length > 0)
            this.#append(sessionId, turnId, messages);
    }
    async list(sessionId) {
        return this.#list.all(sessionId).map((row) => ({
            position: row.position,
            turnId: row.turn_id,
            message: JSON.parse(row.message),
        }));
    }
}
//# sourceMappingURL=sqlite-session-message-repository.js.map