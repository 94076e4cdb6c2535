/** Small helpers around AbortSignal and timers, so call sites stay readable. */
export declare function delay(milliseconds: number, signal?: AbortSignal): Promise<void>;
/** A deferred promise: resolve or reject it from outside. */
export interface Deferred<T> {
    promise: Promise<T>;
    resolve(value: T): void;
    reject(error: unknown): void;
}
export declare function deferred<T>(): Deferred<T>;
/** A controller that aborts with `parent`; `dispose()` detaches it once the step is over. */
export declare function linkedAbortController(parent: AbortSignal): {
    signal: AbortSignal;
    dispose(): void;
};
