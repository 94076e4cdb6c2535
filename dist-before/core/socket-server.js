import { chmod, rm } from "node:fs/promises";
/**
 * Serving a unix socket in a sandbox's channel directory, for the model relay and the
 * egress proxy. A stale socket file a crash left is replaced; the socket is made
 * connectable by every uid, since the sandbox's processes run as their own.
 */
export async function listenOnSocket(server, socketPath) {
    await rm(socketPath, { force: true });
    await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(socketPath, () => {
            server.off("error", reject);
            resolve();
        });
    });
    await chmod(socketPath, 0o666);
}
/** Stops serving: open connections are cut and the socket file removed. */
export async function closeSocketServer(server, socketPath) {
    const closed = new Promise((resolve) => server.close(() => resolve()));
    server.closeAllConnections?.();
    await closed;
    await rm(socketPath, { force: true });
}
//# sourceMappingURL=socket-server.js.map