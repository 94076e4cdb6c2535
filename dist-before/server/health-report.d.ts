/**
 * What the composition root knows about this host's isolation, shown by
 * `GET /status`. The server does not probe anything itself: `app/` runs the
 * probes (egress, secrets, limits) and hands over a function returning the
 * latest report.
 */
export interface IsolationProbe {
    name: string;
    ok: boolean;
    detail: string;
}
export interface IsolationReport {
    /** True when every probe passed. */
    ok: boolean;
    probes: IsolationProbe[];
    /** Which limits are actually enforced on this host, e.g. `{ memory: true, network: true }`. */
    enforced: Record<string, boolean>;
}
export interface HealthReport {
    /** The sandbox provider in use, e.g. `bwrap`. */
    provider: string;
    isolation: IsolationReport;
}
