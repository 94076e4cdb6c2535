/**
 * Why a running turn was aborted: the abort reason carried by its signal, so
 * the code that sees the abort knows what to record.
 */
export class TurnStop extends Error {
  constructor(
    /** `interrupted`: Hangar is shutting down; the turn stays running in the store and resumes on start. */
    readonly outcome: "cancelled" | "failed" | "interrupted",
    message: string,
  ) {
    super(message);
    this.name = "TurnStop";
  }
}

export function turnStopOf(signal: AbortSignal): TurnStop | undefined {
  return signal.aborted && signal.reason instanceof TurnStop ? signal.reason : undefined;
}
