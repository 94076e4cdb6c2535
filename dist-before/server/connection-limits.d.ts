import type { Server } from "node:http";
/**
 * At most `max` open connections from one client address. Connections are
 * counted before any request is read (so before authentication): a client that
 * opens too many is answered 429 and closed, and cannot hold the server's file
 * descriptors and memory with idle or trickling sockets. Behind a reverse proxy
 * every client shares the proxy's address: raise the limit there.
 */
export declare function limitConnectionsPerClient(server: Server, max: number): void;
