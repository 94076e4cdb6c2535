import type { SandboxProvider } from "./sandbox-port.js";
/**
 * Checks, for real, that a sandbox on this host cannot reach the network, read
 * the server's secrets, or escape its limits. `hangar doctor` prints the
 * report; the server refuses to run code when a probe fails, unless told to
 * run without isolation.
 */
export interface IsolationProbeResult {
    name: string;
    ok: boolean;
    detail: string;
}
export interface IsolationReport {
    ok: boolean;
    probes: IsolationProbeResult[];
    enforced: Record<string, boolean>;
}
export declare function probeIsolation(provider: SandboxProvider, options: {
    dataDirectory: string;
}): Promise<IsolationReport>;
