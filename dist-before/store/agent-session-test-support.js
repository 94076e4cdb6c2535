import { afterEach, beforeEach } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStore, databaseFileName } from "./create-store.js";
import { openDatabase } from "./open-database.js";
export function temporaryStore() {
    const directory = mkdtempSync(join(tmpdir(), "hangar-agent-store-"));
    const database = openDatabase(join(directory, databaseFileName));
    const store = createSqliteStore(database);
    return {
        store,
        database,
        directory,
        dispose() {
            store.close();
            rmSync(directory, { recursive: true, force: true });
        },
    };
}
export function newSession(overrides = {}) {
    return {
        id: "ses_1",
        owner: "alice",
        projectId: "proj_1",
        model: "openai:gpt-test",
        approval: "ask",
        createdAt: new Date("2026-01-01T00:00:00.000Z"),
        ...overrides,
    };
}
export function createSession(store, overrides = {}) {
    return store.agentSessions.create(newSession(overrides));
}
/**
 * A fresh store per test with sessions `ses_1` and `ses_2` in it (the rows the
 * other tables hang off), disposed after each test; call at a test file's top.
 */
export function useStoreWithTwoSessions() {
    let temporary;
    beforeEach(async () => {
        temporary = temporaryStore();
        await createSession(temporary.store, { id: "ses_1" });
        await createSession(temporary.store, { id: "ses_2" });
    });
    afterEach(() => temporary?.dispose());
    return () => {
        if (temporary === undefined)
            throw new Error("useStoreWithTwoSessions: used outside a test");
        return temporary;
    };
}
//# sourceMappingURL=agent-session-test-support.js.map