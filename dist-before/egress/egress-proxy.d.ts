import { type Socket } from "node:net";
import type { SessionEventPayloads } from "../protocol/session-events.js";
/**
 * The egress proxy: a sandbox's only way out. The agent runner sets
 * HTTP_PROXY/HTTPS_PROXY to its own loopback port and pipes each connection to
 * `<channel>/egress.sock`, where this proxy serves `CONNECT host:port` tunnels
 * and absolute-URI plain HTTP requests. A host passes only when it is on the
 * sandbox's allow list (empty by default: nothing passes); the proxy then
 * resolves it itself, refuses it if any address is loopback, private,
 * link-local, multicast or otherwise special, and connects to the address it
 * checked, so no second lookup can rebind the name. Every decision is an event.
 */
export interface EgressPolicy {
    /** Exact host names and `*.example.com` wildcards; empty denies everything. */
    allow: readonly string[];
    onEvent: (event: EgressEvent) => void;
}
export type EgressEvent = {
    name: "egress.allowed";
    data: SessionEventPayloads["egress.allowed"];
} | {
    name: "egress.denied";
    data: SessionEventPayloads["egress.denied"];
};
export interface ResolvedAddress {
    address: string;
    family: number;
}
export interface EgressProxyOptions {
    /** Every address of a name; default dns.lookup with `all: true`. */
    resolve?: (host: string) => Promise<ResolvedAddress[]>;
    /** Opens the TCP connection to a checked address; default net.connect. */
    connect?: (address: string, port: number) => Socket;
    /** TEST ONLY (`sandboxes.egress.allow_loopback_for_tests`): lets an allowed name reach a loopback address. */
    allowLoopbackForTests?: boolean;
}
export declare class EgressProxy {
    #private;
    constructor(options?: EgressProxyOptions);
    /** Serves the egress socket of one sandbox under `policy` (a stale socket file is replaced). */
    listen(socketPath: string, policy: EgressPolicy): Promise<void>;
    /** Stops serving a socket; open tunnels and requests are cut. */
    close(socketPath: string): Promise<void>;
    closeAll(): Promise<void>;
}
