import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
/**
 * The `fetch` the AI SDK providers are given: node's own HTTP client over
 * keep-alive agents. Node 20's global fetch (undici's web fetch) spends about
 * 2 ms of CPU per request on its Request/Response machinery (measured against
 * a loopback model server: 3.2 ms of CPU per streamed chat request, 1.3 ms with
 * this), which an agent pays at every tool step. What the providers use is
 * kept: a JSON string body, headers as a record, an AbortSignal, the status,
 * the headers and a streamed body of the answer. Anything else (a Request
 * object, a form body) goes to the global fetch unchanged.
 *
 * Failures look like the global fetch's, which the SDK relies on: a refused
 * or reset connection rejects with `TypeError("fetch failed")` (retried by the
 * SDK), an abort rejects with (or errors the body with) the signal's reason.
 * Redirects are not followed: model APIs answer, they do not redirect.
 */
const agents = {
    "http:": new HttpAgent({ keepAlive: true }),
    "https:": new HttpsAgent({ keepAlive: true }),
};
/** Statuses whose answers have no body, as the Response constructor insists. */
const bodilessStatuses = new Set([101, 103, 204, 205, 304]);
export const keepAliveFetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : undefined;
    const body = init?.body;
    if (url === undefined || (body !== undefined && body !== null && typeof body !== "string")) {
        return fetch(input, init);
    }
    const protocol = url.startsWith("https:") ? "https:" : url.startsWith("http:") ? "http:" : undefined;
    if (protocol === undefined)
        return fetch(input, init);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted === true)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        const send = protocol === "https:" ? httpsRequest : httpRequest;
        const request = send(url, {
            method: init?.method ?? "GET",
            headers: headerRecord(init?.headers),
            agent: agents[protocol],
        });
        let response;
        let failBody;
        const onAbort = () => {
            const reason = signal?.reason;
            request.destroy();
            if (response === undefined)
                reject(reason);
            else
                failBody?.(reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        const forgetSignal = () => signal?.removeEventListener("abort", onAbort);
        request.on("error", (error) => {
            forgetSignal();
            if (signal?.aborted === true)
                return; // onAbort has answered
            if (response === undefined)
                reject(new TypeError("fetch failed", { cause: error }));
            else
                failBody?.(new TypeError("terminated", { cause: error }));
        });
        request.on("response", (answer) => {
            response = answer;
            const status = answer.statusCode ?? 0;
            const headers = responseHeaders(answer);
            if (bodilessStatuses.has(status) || init?.method === "HEAD") {
                answer.resume();
                answer.on("end", forgetSignal);
                resolve(new Response(null, { status, statusText: answer.statusMessage ?? "", headers }));
                return;
            }
            const decoded = decode(answer);
            const stream = new ReadableStream({
                start(controller) {
                    failBody = (error) => {
                        failBody = undefined;
                        decoded.destroy();
                        controller.error(error);
                    };
                    decoded.on("data", (chunk) => {
                        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
                        // Holds the socket when the reader is behind; pull() resumes it.
                        if ((controller.desiredSize ?? 1) <= 0)
                            decoded.pause();
                    });
                    decoded.on("end", () => {
                        forgetSignal();
                        failBody = undefined;
                        controller.close();
                    });
                    decoded.on("error", (error) => {
                        forgetSignal();
                        failBody?.(new TypeError("terminated", { cause: error }));
                    });
                    // A connection cut mid-answer: the body ends short, which must not look like its end.
                    answer.on("close", () => {
                        if (!answer.complete)
                            failBody?.(new TypeError("terminated"));
                    });
                },
                pull() {
                    decoded.resume();
                },
                cancel() {
                    forgetSignal();
                    failBody = undefined;
                    request.destroy();
                },
            });
            resolve(new Response(stream, { status, statusText: answer.statusMessage ?? "", headers }));
        });
        request.end(body ?? undefined);
    });
};
function headerRecord(headers) {
    if (headers === undefined)
        return {};
    if (headers instanceof Headers || Array.isArray(headers))
        return Object.fromEntries(new Headers(headers));
    const record = {};
    // The SDK leaves unset headers as undefined values.
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined)
            record[name] = value;
    }
    return record;
}
function responseHeaders(answer) {
    const headers = new Headers();
    const raw = answer.rawHeaders;
    for (let index = 0; index + 1 < raw.length; index += 2) {
        headers.append(raw[index], raw[index + 1]);
    }
    return headers;
}
/** The body without its content encoding, as the global fetch gives it. */
function decode(answer) {
    const encoding = answer.headers["content-encoding"]?.trim().toLowerCase();
    const decoder = encoding === "gzip" || encoding === "x-gzip"
        ? createGunzip()
        : encoding === "deflate"
            ? createInflate()
            : encoding === "br"
                ? createBrotliDecompress()
                : undefined;
    if (decoder === undefined)
        return answer;
    answer.on("error", (error) => decoder.destroy(error));
    return answer.pipe(decoder);
}
//# sourceMappingURL=keep-alive-fetch.js.map