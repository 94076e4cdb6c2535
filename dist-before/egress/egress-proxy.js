import { lookup } from "node:dns/promises";
import { createServer, request as httpRequest, } from "node:http";
import { connect as netConnect, isIP } from "node:net";
import { errorMessage } from "../core/errors.js";
import { endToEndHeaders } from "../core/http-headers.js";
import { isAllowedHost, normalHost } from "./allowed-hosts.js";
import { forbiddenReason, isLoopbackAddress } from "./forbidden-addresses.js";
import { closeSocketServer, listenOnSocket } from "../core/socket-server.js";
const defaultResolve = (host) => lookup(host, { all: true, verbatim: true });
const defaultConnect = (address, port) => netConnect({ host: address, port });
export class EgressProxy {
    #resolve;
    #connect;
    #allowLoopbackForTests;
    #listeners = new Map();
    constructor(options = {}) {
        this.#resolve = options.resolve ?? defaultResolve;
        this.#connect = options.connect ?? defaultConnect;
        this.#allowLoopbackForTests = options.allowLoopbackForTests ?? false;
    }
    /** Serves the egress socket of one sandbox under `policy` (a stale socket file is replaced). */
    async listen(socketPath, policy) {
        if (this.#listeners.has(socketPath))
            throw new Error(`the egress proxy already listens on ${socketPath}`);
        const tunnels = new Set();
        const server = createServer((request, response) => {
            this.#forwardPlain(request, response, policy).catch(() => response.destroy());
        });
        server.on("connect", (request, client, head) => {
            tunnels.add(client);
            client.on("close", () => tunnels.delete(client));
            // The sandbox side may hang up while the name resolves; the tunnel code below cleans up.
            client.on("error", () => client.destroy());
            this.#tunnel(request, client, head, policy).catch(() => client.destroy());
        });
        await listenOnSocket(server, socketPath);
        this.#listeners.set(socketPath, { server, tunnels });
    }
    /** Stops serving a socket; open tunnels and requests are cut. */
    async close(socketPath) {
        const listener = this.#listeners.get(socketPath);
        if (listener === undefined)
            return;
        this.#listeners.delete(socketPath);
        // Tunnels are upgraded sockets the HTTP server no longer tracks.
        for (const tunnel of listener.tunnels)
            tunnel.destroy();
        await closeSocketServer(listener.server, socketPath);
    }
    async closeAll() {
        await Promise.all([...this.#listeners.keys()].map((socketPath) => this.close(socketPath)));
    }
    async #tunnel(request, client, head, policy) {
        const target = /^\[([^\]]+)\]:(\d+)$/.exec(request.url ?? "") ?? /^([^:[\]]+):(\d+)$/.exec(request.url ?? "");
        if (target === null) {
            client.end(statusLine(400, `CONNECT needs host:port, got ${JSON.stringify(request.url ?? "")}`));
            return;
        }
        const host = normalHost(target[1]);
        const port = Number(target[2]);
        const decision = await this.#decide(host, port, policy);
        if ("reason" in decision) {
            client.end(statusLine(403, `egress to ${host}:${port} denied: ${decision.reason}`));
            return;
        }
        const upstream = this.#connect(decision.address, port);
        upstream.once("connect", () => {
            client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
            if (head.length > 0)
                upstream.write(head);
            upstream.pipe(client);
            client.pipe(upstream);
        });
        upstream.on("error", (error) => {
            if (upstream.readyState === "opening" || !client.writable)
                client.end(statusLine(502, errorMessage(error)));
            else
                client.destroy();
        });
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
    }
    async #forwardPlain(request, response, policy) {
        let url;
        try {
            url = new URL(request.url ?? "");
        }
        catch {
            refuse(response, 400, "a proxy request needs an absolute http:// URI");
            return;
        }
        if (url.protocol !== "http:") {
            refuse(response, 400, `only http:// is forwarded as a plain request (use CONNECT for ${url.protocol})`);
            return;
        }
        const host = normalHost(url.hostname);
        const port = url.port === "" ? 80 : Number(url.port);
        const decision = await this.#decide(host, port, policy);
        if ("reason" in decision) {
            refuse(response, 403, `egress to ${host}:${port} denied: ${decision.reason}`);
            return;
        }
        const headers = endToEndHeaders(request.headers);
        const upstream = httpRequest({
            method: request.method,
            path: `${url.pathname}${url.search}`,
            headers: { ...headers, host: url.host },
            // The checked address, never the name again.
            createConnection: () => this.#connect(decision.address, port),
        });
        upstream.on("response", (answer) => {
            response.writeHead(answer.statusCode ?? 502, endToEndHeaders(answer.headers));
            answer.pipe(response);
        });
        upstream.on("error", (error) => {
            if (response.headersSent)
                response.destroy();
            else
                refuse(response, 502, `egress to ${host}:${port} failed: ${errorMessage(error)}`);
        });
        response.on("close", () => {
            if (!response.writableFinished)
                upstream.destroy();
        });
        request.pipe(upstream);
    }
    /** Allows a host and port (with the address to connect to) or refuses it, and says so in an event. */
    async #decide(host, port, policy) {
        const decision = await this.#check(host, port, policy);
        if ("reason" in decision) {
            policy.onEvent({ name: "egress.denied", data: { host, port, reason: decision.reason } });
        }
        else {
            policy.onEvent({ name: "egress.allowed", data: { host, port, address: decision.address } });
        }
        return decision;
    }
    async #check(host, port, policy) {
        if (!Number.isInteger(port) || port < 1 || port > 65535)
            return { reason: `port ${port} is not 1-65535` };
        if (isIP(host) === 0 &&
            !/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(host)) {
            return { reason: "not a valid host name" };
        }
        if (!isAllowedHost(host, policy.allow))
            return { reason: "not in the egress allow list" };
        let addresses;
        if (isIP(host) !== 0) {
            addresses = [{ address: host, family: isIP(host) }];
        }
        else {
            try {
                addresses = await this.#resolve(host);
            }
            catch (error) {
                return { reason: `does not resolve: ${errorMessage(error)}` };
            }
        }
        if (addresses.length === 0)
            return { reason: "does not resolve" };
        // Any bad address refuses the name: a resolver may hand out the others later.
        for (const { address } of addresses) {
            const reason = forbiddenReason(address);
            if (reason === undefined)
                continue;
            if (this.#allowLoopbackForTests && isLoopbackAddress(address))
                continue;
            return { reason: `${address} is ${reason}` };
        }
        return { address: addresses[0].address };
    }
}
function statusLine(status, message) {
    const text = { 400: "Bad Request", 403: "Forbidden", 502: "Bad Gateway" }[status] ?? "Error";
    const body = `${message}\n`;
    return (`HTTP/1.1 ${status} ${text}\r\ncontent-type: text/plain; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
function refuse(response, status, message) {
    response.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    response.end(`${message}\n`);
}
//# sourceMappingURL=egress-proxy.js.map