// One session's progress events, numbered 1, 2, 3, … with no gaps and kept in a
// bounded buffer, so a control plane that reconnects can ask for what it missed.
export interface ProgressRecord {
  messageType: string;
  subType: string;
  payload: string;
  requestId?: string;
  seq: bigint;
  timestamp: bigint;
}

type Listener = (record: ProgressRecord) => void;

export class ProgressLog {
  private readonly held: ProgressRecord[] = [];
  private readonly listeners = new Set<Listener>();
  private lastSeq = 0n;

  constructor(private readonly capacity: number) {}

  append(messageType: string, subType: string, payload: string, requestId?: string): ProgressRecord {
    this.lastSeq += 1n;
    const record: ProgressRecord = {
      messageType,
      subType,
      payload,
      seq: this.lastSeq,
      timestamp: BigInt(Date.now()),
      ...(requestId === undefined ? {} : { requestId }),
    };
    this.held.push(record);
    // Oldest first out; a reader that fell this far behind sees the gap in first_held_seq.
    if (this.held.length > this.capacity) this.held.shift();
    for (const listener of this.listeners) listener(record);
    return record;
  }

  get last(): bigint {
    return this.lastSeq;
  }

  get firstHeld(): bigint {
    return this.held[0]?.seq ?? this.lastSeq + 1n;
  }

  /** Held events after fromSeq, then live ones until signal aborts. */
  async *follow(fromSeq: bigint, signal: AbortSignal, heartbeatMs: number): AsyncGenerator<ProgressRecord> {
    const queue: ProgressRecord[] = this.held.filter((record) => record.seq > fromSeq);
    let wake: (() => void) | undefined;
    const listener: Listener = (record) => {
      queue.push(record);
      wake?.();
    };
    this.listeners.add(listener);
    const onAbort = () => wake?.();
    signal.addEventListener("abort", onAbort);
    try {
      while (!signal.aborted) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), heartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = undefined;
        if (timedOut && !signal.aborted) yield heartbeat();
      }
    } finally {
      this.listeners.delete(listener);
      signal.removeEventListener("abort", onAbort);
    }
  }
}

function heartbeat(): ProgressRecord {
  return { messageType: "Heartbeat", subType: "", payload: "{}", seq: 0n, timestamp: BigInt(Date.now()) };
}
