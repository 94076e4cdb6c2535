import { Registry } from "prom-client";
import type { RunResult, RunService } from "../runs/run-types.js";
/**
 * Prometheus metrics of one server. Each server has its own Registry rather than
 * prom-client's global one, so several servers in one process (tests, or an
 * embedded server next to a worker) never share or clash over counters.
 */
export declare class ServerMetrics {
    readonly registry: Registry<"text/plain; version=0.0.4; charset=utf-8">;
    private readonly runsTotal;
    private readonly runDuration;
    private readonly runsRejected;
    constructor(runService: Pick<RunService, "stats">);
    recordRun(result: RunResult): void;
    recordRejection(code: string): void;
    get contentType(): string;
    render(): Promise<string>;
}
