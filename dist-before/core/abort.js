/** Small helpers around AbortSignal and timers, so call sites stay readable. */
export function delay(milliseconds, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, milliseconds);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}
export function deferred() {
    let resolve;
    let reject;
    const promise = new Promise((onResolve, onReject) => {
        resolve = onResolve;
        reject = onReject;
    });
    return { promise, resolve, reject };
}
/** A controller that aborts with `parent`; `dispose()` detaches it once the step is over. */
export function linkedAbortController(parent) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(parent.reason);
    if (parent.aborted)
        onAbort();
    else
        parent.addEventListener("abort", onAbort, { once: true });
    return { signal: controller.signal, dispose: () => parent.removeEventListener("abort", onAbort) };
}
//# sourceMappingURL=abort.js.map