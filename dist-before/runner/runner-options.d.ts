export interface RunnerOptions {
    channel: string;
    homeRoot: string;
    workspace: string;
    agents: string;
    relayPort: number;
    proxyPort: number;
    bufferEvents: number;
    startTimeoutMs: number;
    heartbeatMs: number;
    exitOnStdinClose: boolean;
}
export declare const usage = "usage: agent-runner --channel DIR --home-root DIR [--workspace DIR] [--agents DIR]\n  [--relay-port N] [--proxy-port N] [--buffer-events N] [--start-timeout-ms N] [--heartbeat-ms N] [--exit-on-stdin-close]";
export declare function parseRunnerOptions(argv: string[]): RunnerOptions;
