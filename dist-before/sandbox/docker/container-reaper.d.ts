/**
 * Starts the dead-man switch of `container-reaper.cjs` for one instance: when
 * this process dies (even by SIGKILL), the instance's non-durable containers
 * are removed within moments instead of running until the next start.
 */
export interface ContainerReaper {
    /** A graceful stop: the provider removes its own containers, the reaper must not act later. */
    stop(): void;
}
export declare function startContainerReaper(endpoint: string, instance: string): ContainerReaper;
