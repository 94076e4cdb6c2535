import { chmod, rm } from "node:fs/promises";
import type { Server } from "node:net";

/**
 * Serving a unix socket in a sandbox's channel directory, for the model relay and the
 * egress proxy. A stale socket file a crash left is replaced; the socket is made
 * connectable by every uid, since the sandbox's processes run as their own.
 */
export async function listenOnSocket(server: Server, socketPath: string): Promise<void> {
  await rm(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  await chmod(socketPath, 0o666);
}

/** Stops serving: open connections are cut and the socket file removed. */
export async function closeSocketServer(
  server: Server & { closeAllConnections?: () => void },
  socketPath: string,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections?.();
  await closed;
  await rm(socketPath, { force: true });
}
