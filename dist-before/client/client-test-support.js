import { createServer } from "node:http";
export async function startScriptedServer(handler) {
    const requests = [];
    const server = createServer((request, response) => {
        requests.push(request);
        handler(request, response, requests.length - 1);
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        close: async () => {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
        },
    };
}
/** One session event as the progress stream frames it. */
export function sseFrame(seq, name, data) {
    const event = {
        session_id: "ses_1",
        seq,
        name,
        data,
        created_at: new Date(0).toISOString(),
    };
    return `id: ${seq}\nevent: ${name}\ndata: ${JSON.stringify(event)}\n\n`;
}
export function openStream(response) {
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.write(": connected\n\n");
}
/** Sends the text, then cuts the TCP connection without ending the response. */
export function sendThenDrop(response, text) {
    response.write(text, () => setTimeout(() => response.socket?.destroy(), 20));
}
export function sendJson(response, body, status = 200) {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
}
//# sourceMappingURL=client-test-support.js.map