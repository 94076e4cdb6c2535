import type { Server } from "node:net";
/**
 * Serving a unix socket in a sandbox's channel directory, for the model relay and the
 * egress proxy. A stale socket file a crash left is replaced; the socket is made
 * connectable by every uid, since the sandbox's processes run as their own.
 */
export declare function listenOnSocket(server: Server, socketPath: string): Promise<void>;
/** Stops serving: open connections are cut and the socket file removed. */
export declare function closeSocketServer(server: Server & {
    closeAllConnections?: () => void;
}, socketPath: string): Promise<void>;
