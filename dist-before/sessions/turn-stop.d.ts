/**
 * Why a running turn was aborted: the abort reason carried by its signal, so
 * the code that sees the abort knows what to record.
 */
export declare class TurnStop extends Error {
    /** `interrupted`: Hangar is shutting down; the turn stays running in the store and resumes on start. */
    readonly outcome: "cancelled" | "failed" | "interrupted";
    constructor(
    /** `interrupted`: Hangar is shutting down; the turn stays running in the store and resumes on start. */
    outcome: "cancelled" | "failed" | "interrupted", message: string);
}
export declare function turnStopOf(signal: AbortSignal): TurnStop | undefined;
