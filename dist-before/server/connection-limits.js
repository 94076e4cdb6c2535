/**
 * At most `max` open connections from one client address. Connections are
 * counted before any request is read (so before authentication): a client that
 * opens too many is answered 429 and closed, and cannot hold the server's file
 * descriptors and memory with idle or trickling sockets. Behind a reverse proxy
 * every client shares the proxy's address: raise the limit there.
 */
export function limitConnectionsPerClient(server, max) {
    const open = new Map();
    server.on("connection", (socket) => {
        const address = socket.remoteAddress ?? "unknown";
        const count = (open.get(address) ?? 0) + 1;
        if (count > max) {
            const body = JSON.stringify({
                error: {
                    code: "TOO_MANY_REQUESTS",
                    message: `too many connections from ${address}: at most ${max} may be open at once (server.max_connections_per_client)`,
                },
            });
            socket.end(`HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\nretry-after: 1\r\n` +
                `connection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
            socket.destroySoon();
            return;
        }
        open.set(address, count);
        socket.once("close", () => {
            const remaining = (open.get(address) ?? 1) - 1;
            if (remaining === 0)
                open.delete(address);
            else
                open.set(address, remaining);
        });
    });
}
//# sourceMappingURL=connection-limits.js.map