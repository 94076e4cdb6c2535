import type { InteractionOutcome } from "../events/session-events.js";
import type { InteractionRecord, InteractionRepository, ListPendingInteractionsOptions, NewInteraction } from "../sessions/interaction-repository.js";
import type { Database } from "./open-database.js";
export declare class SqliteInteractionRepository implements InteractionRepository {
    #private;
    constructor(database: Database);
    create(interaction: NewInteraction): Promise<InteractionRecord>;
    get(id: string): Promise<InteractionRecord | undefined>;
    findByToolCall(sessionId: string, toolCallId: string): Promise<InteractionRecord | undefined>;
    listPending(options?: ListPendingInteractionsOptions): Promise<InteractionRecord[]>;
    resolve(id: string, outcome: InteractionOutcome, answer?: string, at?: Date): Promise<boolean>;
}
