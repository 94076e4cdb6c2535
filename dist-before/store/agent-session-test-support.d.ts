import { type Store } from "./create-store.js";
import { type Database } from "./open-database.js";
import type { AgentSessionRecord, NewAgentSession } from "../sessions/agent-session-repository.js";
/** A real store in a fresh temporary directory, and a way to throw it away. */
export interface TemporaryStore {
    store: Store;
    /** The store's own database, for tests that check raw rows; the store closes it. */
    database: Database;
    directory: string;
    dispose(): void;
}
export declare function temporaryStore(): TemporaryStore;
export declare function newSession(overrides?: Partial<NewAgentSession>): NewAgentSession;
export declare function createSession(store: Store, overrides?: Partial<NewAgentSession>): Promise<AgentSessionRecord>;
/**
 * A fresh store per test with sessions `ses_1` and `ses_2` in it (the rows the
 * other tables hang off), disposed after each test; call at a test file's top.
 */
export declare function useStoreWithTwoSessions(): () => TemporaryStore;
