// The runner's command line.
import { parseArgs } from "node:util";
export const usage = `usage: agent-runner --channel DIR --home-root DIR [--workspace DIR] [--agents DIR]
  [--relay-port N] [--proxy-port N] [--buffer-events N] [--start-timeout-ms N] [--heartbeat-ms N] [--exit-on-stdin-close]`;
function integer(name, text, minimum) {
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum)
        throw new Error(`--${name} must be an integer ≥ ${minimum}, not ${text}`);
    return value;
}
export function parseRunnerOptions(argv) {
    const { values } = parseArgs({
        args: argv,
        options: {
            channel: { type: "string" },
            "home-root": { type: "string" },
            workspace: { type: "string", default: "/workspace" },
            agents: { type: "string", default: "/opt/hangar/agents" },
            "relay-port": { type: "string", default: "4480" },
            "proxy-port": { type: "string", default: "4481" },
            "buffer-events": { type: "string", default: "10000" },
            "start-timeout-ms": { type: "string", default: "30000" },
            "heartbeat-ms": { type: "string", default: "15000" },
            "exit-on-stdin-close": { type: "boolean", default: false },
        },
        strict: true,
    });
    if (values.channel === undefined)
        throw new Error("--channel is required");
    if (values["home-root"] === undefined)
        throw new Error("--home-root is required");
    return {
        channel: values.channel,
        homeRoot: values["home-root"],
        workspace: values.workspace,
        agents: values.agents,
        // 0 picks a free port (tests); the ready line says which.
        relayPort: integer("relay-port", values["relay-port"], 0),
        proxyPort: integer("proxy-port", values["proxy-port"], 0),
        bufferEvents: integer("buffer-events", values["buffer-events"], 1),
        startTimeoutMs: integer("start-timeout-ms", values["start-timeout-ms"], 1),
        heartbeatMs: integer("heartbeat-ms", values["heartbeat-ms"], 1),
        exitOnStdinClose: values["exit-on-stdin-close"],
    };
}
//# sourceMappingURL=runner-options.js.map