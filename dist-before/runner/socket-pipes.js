// TCP listeners on the sandbox's loopback that pipe each connection byte for
// byte to a unix socket the control plane serves in the channel directory (the
// model relay and the egress proxy). The sandbox has no other way out.
import { connect, createServer } from "node:net";
export async function listenPipe(port, unixSocketPath) {
    const server = createServer({ pauseOnConnect: true }, (inbound) => {
        const outbound = connect(unixSocketPath);
        // A missing or refusing host socket closes the sandbox side at once.
        outbound.on("error", () => inbound.destroy());
        inbound.on("error", () => outbound.destroy());
        // pipe() passes each side's end on to the other; errors tear both down.
        outbound.on("connect", () => {
            inbound.pipe(outbound);
            outbound.pipe(inbound);
            inbound.resume();
        });
    });
    await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    return { server, port: typeof address === "object" && address !== null ? address.port : port };
}
//# sourceMappingURL=socket-pipes.js.map