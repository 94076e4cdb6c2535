/**
 * Coalesces streamed text into fewer, larger events: the first piece goes out
 * at once (a watcher sees the agent start typing), later ones are gathered for
 * `intervalMs`. What is emitted is what is stored, so a replay is exactly what
 * a live watcher saw.
 */
export declare class DeltaBuffer {
    #private;
    private readonly emit;
    private readonly intervalMs;
    constructor(emit: (text: string) => void, intervalMs?: number);
    push(text: string): void;
    flush(): void;
}
