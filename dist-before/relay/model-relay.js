import { Agent as HttpAgent, createServer, request as httpRequest, } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { errorMessage } from "../core/errors.js";
import { redactText } from "../llm/redact-secrets.js";
import { endToEndHeaders } from "../core/http-headers.js";
import { createRelayToken, hashRelayToken } from "./relay-token.js";
import { UsageReader } from "./usage-reader.js";
import { closeSocketServer, listenOnSocket } from "../core/socket-server.js";
import { credentialHeaders, formatOfPath, presentedToken, refusal, routeOf, upstreamCredential, } from "./wire-formats.js";
/** The relay's view of a configured provider (`ModelRegistry.upstream`). */
export function relayProviderOf(upstream) {
    return {
        name: upstream.name,
        format: upstream.kind === "anthropic" ? "anthropic" : upstream.kind === "gemini" ? "gemini" : "openai",
        baseUrl: upstream.baseUrl,
        ...(upstream.apiKey === undefined ? {} : { apiKey: upstream.apiKey }),
    };
}
/** Error answers from the upstream are read whole (to take the key out of any echo of it) up to this. */
const largestUpstreamError = 1024 * 1024;
const upstreamAgents = {
    "http:": new HttpAgent({ keepAlive: true }),
    "https:": new HttpsAgent({ keepAlive: true }),
};
export class ModelRelay {
    #grants = new Map();
    #listeners = new Map();
    #maxRequestBytes;
    #maxResponseBytes;
    #onModelRequest;
    constructor(options = {}) {
        this.#onModelRequest = options.onModelRequest;
        this.#maxRequestBytes = options.maxRequestBytes ?? 32 * 1024 * 1024;
        this.#maxResponseBytes = options.maxResponseBytes ?? 256 * 1024 * 1024;
    }
    /** A new token for a session; the relay keeps only its hash. */
    grant(options) {
        const token = createRelayToken();
        const { tokenHash, revoke } = this.restoreGrant(hashRelayToken(token), options);
        return { token, tokenHash, revoke };
    }
    /** Accepts again a token granted before a restart, known by its stored hash. */
    restoreGrant(tokenHash, options) {
        const kept = { ...options, allowedModels: [...options.allowedModels] };
        this.#grants.set(tokenHash, kept);
        return {
            tokenHash,
            revoke: () => {
                if (this.#grants.get(tokenHash) === kept)
                    this.#grants.delete(tokenHash);
            },
        };
    }
    /** Serves the relay socket of one sandbox (a stale socket file left by a crash is replaced). */
    async listen(socketPath, sandboxId) {
        if (this.#listeners.has(socketPath))
            throw new Error(`the model relay already listens on ${socketPath}`);
        const server = createServer((request, response) => {
            this.#handle(request, response, sandboxId).catch((error) => {
                if (!response.headersSent)
                    this.#refuse(response, formatOfPath(request.url ?? "/"), "upstream", errorMessage(error));
                else
                    response.destroy();
            });
        });
        await listenOnSocket(server, socketPath);
        this.#listeners.set(socketPath, { server, sandboxId });
    }
    /** Stops serving a socket: open requests (and their upstream requests) are cut. */
    async close(socketPath) {
        const listener = this.#listeners.get(socketPath);
        if (listener === undefined)
            return;
        this.#listeners.delete(socketPath);
        await closeSocketServer(listener.server, socketPath);
    }
    async closeAll() {
        await Promise.all([...this.#listeners.keys()].map((socketPath) => this.close(socketPath)));
    }
    async #handle(request, response, sandboxId) {
        const url = new URL(request.url ?? "/", "http://relay");
        const method = request.method ?? "GET";
        const route = routeOf(method, url.pathname);
        const format = route?.format ?? formatOfPath(url.pathname);
        const token = presentedToken(request.headers, url.searchParams);
        if (token === undefined) {
            const message = "no relay token: send the session's relay token as the API key";
            this.#refuse(response, format, "unauthenticated", message);
            return;
        }
        const grant = this.#grants.get(hashRelayToken(token));
        if (grant === undefined) {
            this.#refuse(response, format, "unauthenticated", "unknown or revoked relay token");
            return;
        }
        if (grant.sandboxId !== sandboxId) {
            const message = "this relay token was granted to a session of another sandbox";
            this.#refuse(response, format, "unauthenticated", message);
            return;
        }
        if (route === undefined) {
            this.#refuse(response, format, "not_found", `the model relay has no route ${method} ${url.pathname}`);
            return;
        }
        if (route.format !== grant.provider.format) {
            const message = `this session's model provider speaks the ${grant.provider.format} format; use /${grant.provider.format}/…`;
            this.#refuse(response, format, "bad_request", message);
            return;
        }
        const body = await this.#readBody(request);
        if (body === undefined) {
            this.#refuse(response, format, "too_large", `request body over ${this.#maxRequestBytes} bytes`);
            return;
        }
        const parsed = method === "POST" ? parseJsonObject(body) : {};
        if (parsed === undefined) {
            this.#refuse(response, format, "bad_request", "the request body is not a JSON object");
            return;
        }
        const model = route.pathModel ?? parsed.model;
        if (route.needsModel) {
            if (typeof model !== "string") {
                this.#refuse(response, format, "bad_request", "the request names no model");
                return;
            }
            if (!grant.allowedModels.includes(model)) {
                const message = `model ${JSON.stringify(model)} is not allowed for this session (allowed: ${grant.allowedModels.join(", ")})`;
                this.#refuse(response, format, "forbidden_model", message);
                return;
            }
        }
        if (grant.remainingTokens() <= 0) {
            const message = "the session's token budget is spent";
            grant.onEvent({ name: "error", data: { code: "TOKEN_BUDGET", message: `model relay: ${message}` } });
            this.#refuse(response, format, "budget", message);
            return;
        }
        const forwarded = withUsageRequested(route, parsed) ? Buffer.from(JSON.stringify(parsed)) : body;
        this.#forward(request, response, url, route, grant, forwarded);
    }
    #forward(request, response, url, route, grant, body) {
        const { provider } = grant;
        const secrets = provider.apiKey === undefined ? [] : [provider.apiKey];
        const startedAt = performance.now();
        let isObserved = false;
        const observe = (outcome) => {
            if (isObserved)
                return;
            isObserved = true;
            const seconds = (performance.now() - startedAt) / 1000;
            this.#onModelRequest?.({ provider: provider.name ?? provider.format, seconds, outcome });
        };
        response.on("close", () => observe(response.writableFinished && response.statusCode < 400 ? "ok" : "error"));
        const target = new URL(`${provider.baseUrl}${route.upstreamPath}`);
        for (const [name, value] of url.searchParams)
            if (name !== "key")
                target.searchParams.append(name, value);
        const headers = endToEndHeaders(request.headers, [
            ...credentialHeaders,
            "host",
            "content-length",
            "accept-encoding",
        ]);
        // Plain bytes, so the usage can be read on the way through.
        headers["accept-encoding"] = "identity";
        headers["content-length"] = String(body.length);
        if (provider.apiKey !== undefined) {
            const [name, value] = upstreamCredential(route.format, provider.apiKey);
            headers[name] = value;
        }
        const isHttps = target.protocol === "https:";
        const send = isHttps ? httpsRequest : httpRequest;
        const upstream = send(target, {
            method: request.method,
            headers,
            agent: upstreamAgents[isHttps ? "https:" : "http:"],
        });
        // The agent went away (or was cut): the model call it started is abandoned too.
        response.on("close", () => {
            if (!response.writableFinished)
                upstream.destroy();
        });
        upstream.on("error", (error) => {
            if (response.headersSent) {
                response.destroy();
                return;
            }
            if (response.destroyed)
                return;
            const message = redactText(`the model provider could not be reached: ${errorMessage(error)}`, secrets);
            grant.onEvent({
                name: "error",
                data: { code: "MODEL_UNAVAILABLE", message: `model relay: ${message}` },
            });
            this.#refuse(response, route.format, "upstream", message);
        });
        upstream.on("response", (answer) => {
            const status = answer.statusCode ?? 502;
            const answerHeaders = endToEndHeaders(answer.headers, ["set-cookie"]);
            if (status >= 400) {
                this.#passError(answer, response, status, answerHeaders, secrets);
                return;
            }
            response.writeHead(status, answerHeaders);
            this.#passStream(answer, response, grant);
        });
        upstream.end(body);
    }
    /** Streams an answer through as its chunks arrive, pausing the upstream while the agent is behind. */
    #passStream(answer, response, grant) {
        const reader = new UsageReader(answer.headers["content-type"], this.#maxRequestBytes);
        let passedBytes = 0;
        let isReported = false;
        const report = () => {
            if (isReported)
                return;
            isReported = true;
            const usage = reader.finish();
            if (usage !== undefined)
                grant.onUsage(usage.inputTokens, usage.outputTokens);
        };
        answer.on("data", (chunk) => {
            passedBytes += chunk.length;
            if (passedBytes > this.#maxResponseBytes) {
                answer.destroy();
                response.destroy();
                return;
            }
            reader.push(chunk);
            if (!response.write(chunk)) {
                answer.pause();
                response.once("drain", () => answer.resume());
            }
        });
        answer.on("end", () => {
            report();
            response.end();
        });
        // A connection cut mid-answer is an error here too; "close" below ends the agent's answer.
        answer.on("error", () => undefined);
        answer.on("close", () => {
            if (answer.complete)
                return;
            report();
            response.destroy();
        });
    }
    /** An upstream error answer, read whole so that an echo of the key can be taken out. */
    #passError(answer, response, status, headers, secrets) {
        const chunks = [];
        let size = 0;
        answer.on("data", (chunk) => {
            size += chunk.length;
            if (size <= largestUpstreamError)
                chunks.push(chunk);
        });
        answer.on("end", () => {
            const text = redactText(Buffer.concat(chunks).toString("utf8"), secrets);
            delete headers["content-length"];
            response.writeHead(status, headers);
            response.end(text);
        });
        answer.on("error", () => response.destroy());
    }
    #refuse(response, format, kind, message) {
        const { status, body } = refusal(format, kind, message);
        response.writeHead(status, { "content-type": "application/json" });
        response.end(body);
    }
    /** The whole request body, or undefined when it is over the limit. */
    async #readBody(request) {
        const declared = Number(request.headers["content-length"] ?? 0);
        if (declared > this.#maxRequestBytes)
            return undefined;
        const chunks = [];
        let size = 0;
        for await (const chunk of request) {
            size += chunk.length;
            if (size > this.#maxRequestBytes)
                return undefined;
            chunks.push(chunk);
        }
        return Buffer.concat(chunks);
    }
}
/**
 * A streamed OpenAI chat request reports its usage only when asked to
 * (`stream_options.include_usage`); the relay asks, so the budget sees every
 * call. Returns whether the body was changed.
 */
function withUsageRequested(route, body) {
    if (route.upstreamPath !== "/chat/completions" || body.stream !== true)
        return false;
    const options = body.stream_options;
    if (typeof options === "object" &&
        options !== null &&
        options.include_usage === true) {
        return false;
    }
    body.stream_options = {
        ...(typeof options === "object" && options !== null ? options : {}),
        include_usage: true,
    };
    return true;
}
function parseJsonObject(body) {
    try {
        const value = JSON.parse(body.toString("utf8"));
        return typeof value === "object" && value !== null && !Array.isArray(value)
            ? value
            : undefined;
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=model-relay.js.map