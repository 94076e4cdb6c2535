/**
 * Why a running turn was aborted: the abort reason carried by its signal, so
 * the code that sees the abort knows what to record.
 */
export class TurnStop extends Error {
    outcome;
    constructor(
    /** `interrupted`: Hangar is shutting down; the turn stays running in the store and resumes on start. */
    outcome, message) {
        super(message);
        this.outcome = outcome;
        this.name = "TurnStop";
    }
}
export function turnStopOf(signal) {
    return signal.aborted && signal.reason instanceof TurnStop ? signal.reason : undefined;
}
//# sourceMappingURL=turn-stop.js.map