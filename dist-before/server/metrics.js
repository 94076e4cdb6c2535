import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
/**
 * Prometheus metrics of one server. Each server has its own Registry rather than
 * prom-client's global one, so several servers in one process (tests, or an
 * embedded server next to a worker) never share or clash over counters.
 */
export class ServerMetrics {
    registry = new Registry();
    runsTotal;
    runDuration;
    runsRejected;
    constructor(runService) {
        const registers = [this.registry];
        this.runsTotal = new Counter({
            name: "hangar_runs_total",
            help: "Finished code runs by status and language",
            labelNames: ["status", "language"],
            registers,
        });
        this.runDuration = new Histogram({
            name: "hangar_run_duration_seconds",
            help: "Wall time of finished code runs",
            labelNames: ["language"],
            buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
            registers,
        });
        this.runsRejected = new Counter({
            name: "hangar_runs_rejected_total",
            help: "Run requests that failed before producing a result, by error code",
            labelNames: ["code"],
            registers,
        });
        // The gauges read RunService at scrape time, so they can never drift from the truth.
        const gauge = (name, help, read) => {
            new Gauge({
                name,
                help,
                registers,
                collect() {
                    this.set(read());
                },
            });
        };
        gauge("hangar_sandboxes_active", "Sandboxes currently alive", () => runService.stats().sandboxesActive);
        gauge("hangar_runs_queued", "Runs waiting for a free slot", () => runService.stats().queued);
        gauge("hangar_runs_running", "Runs executing now", () => runService.stats().running);
        collectDefaultMetrics({ register: this.registry });
    }
    recordRun(result) {
        this.runsTotal.inc({ status: result.status, language: result.language });
        this.runDuration.observe({ language: result.language }, result.durationMs / 1000);
    }
    recordRejection(code) {
        this.runsRejected.inc({ code });
    }
    get contentType() {
        return this.registry.contentType;
    }
    render() {
        return this.registry.metrics();
    }
}
//# sourceMappingURL=metrics.js.map