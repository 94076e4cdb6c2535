import { connect } from "node:net";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { LanguageInfo, RunResult } from "../../src/runs/run-types.js";
import { requireBubblewrap, useHarness } from "../fixtures/hangar-harness.js";

/**
 * What Coderunner's clients (and Piston-style ones) send, exactly as they send
 * it, against the real server: a Go client's request has no Content-Type and
 * an empty sessionId (Go's zero value), and `version` names a toolchain.
 */
interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** One HTTP/1.1 exchange written byte for byte, as Go's net/http writes `http.NewRequest` + `Do`. */
function rawRequest(url: string, head: string[], body: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const headers = text.slice(0, split);
      let payload = text.slice(split + 4);
      // Fastify may answer chunked; the tests only need the JSON inside.
      if (/transfer-encoding: chunked/i.test(headers)) {
        payload = payload.replace(/^[0-9a-f]+\r\n/i, "").replace(/\r\n0\r\n\r\n$/, "");
      }
      resolve({ status, headers, body: payload });
    });
    socket.write(
      [
        ...head,
        `Host: ${hostname}:${port}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        "Connection: close",
      ]
        .map((line) => `${line}\r\n`)
        .join("") + `\r\n${body}`,
    );
  });
}

/** Go's default client: its User-Agent and gzip, no Content-Type unless the caller sets one. */
const goHead = ["POST /run HTTP/1.1", "User-Agent: Go-http-client/1.1", "Accept-Encoding: gzip"];

describe.skipIf(!requireBubblewrap())("Coderunner and Piston clients", () => {
  const hangar = useHarness();

  it('a Go client\'s request: no Content-Type, sessionId "" — runs without a session', async () => {
    const body = JSON.stringify({ code: "print('from go')", language: "python", sessionId: "" });
    const response = await rawRequest(hangar().url, goHead, body);
    expect(response.status).toBe(200);
    const result = JSON.parse(response.body) as RunResult;
    expect(result).toMatchObject({ status: "ok", output: "from go\n", error: "", sessionId: null });
  });

  it('sessionId "" with a Content-Type is no session either', async () => {
    const response = await hangar().run({ language: "bash", code: "echo hi", sessionId: "" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", sessionId: null });
    expect((await hangar().request<{ sessions: unknown[] }>("GET", "/run/sessions")).body.sessions).toEqual(
      [],
    );
  });

  it("refuses what is not JSON, and a body without Content-Type from a browser page", async () => {
    const notJson = await rawRequest(hangar().url, goHead, "language=python&code=print(1)");
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ error: { code: "INVALID_JSON" } });

    const valid = JSON.stringify({ code: "echo x", language: "bash" });
    const textPlain = await rawRequest(hangar().url, [...goHead, "Content-Type: text/plain"], valid);
    expect(textPlain.status).toBe(415);
    // A page's fetch() with an ArrayBuffer body has no Content-Type and needs no CORS preflight.
    const fromPage = await rawRequest(hangar().url, [...goHead, "Origin: https://evil.example"], valid);
    expect(fromPage.status).toBe(415);
    expect(JSON.parse(fromPage.body)).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("honours version when the toolchain matches and refuses it listing the available ones", async () => {
    const { body } = await hangar().request<{ languages: LanguageInfo[] }>("GET", "/languages");
    const python = body.languages.find((language) => language.name === "python")!;
    const [major, minor] = python.version.split(".");
    for (const version of [python.version, `${major}.${minor}`, major!, "*", `v${python.version}`]) {
      const response = await hangar().run({ language: "python", version, code: "print('v')" });
      expect({ version, status: response.status, output: response.body.output }).toEqual({
        version,
        status: 200,
        output: "v\n",
      });
    }
    // "3.1" is not a prefix of 3.11.x: components are compared whole.
    for (const version of [
      "2.7",
      `${major}.${Number(minor) + 1}`,
      `${major}.${minor}.999`,
      `${major}${minor}`,
    ]) {
      const response = await hangar().request<{ error: { code: string; message: string; field: string } }>(
        "POST",
        "/run",
        { language: "python", version, code: "print('v')" },
      );
      expect({ version, status: response.status, field: response.body.error.field }).toEqual({
        version,
        status: 400,
        field: "version",
      });
      expect(response.body.error.message).toContain(`available versions: ${python.version}`);
    }
  });

  it("GET /languages reports TypeScript's own version, with node as its runtime", async () => {
    const { body } = await hangar().request<{ languages: LanguageInfo[] }>("GET", "/languages");
    const typescript = body.languages.find((language) => language.name === "typescript")!;
    const javascript = body.languages.find((language) => language.name === "javascript")!;
    const installed = (createRequire(import.meta.url)("typescript/package.json") as { version: string })
      .version;
    expect(typescript.version).toBe(installed);
    expect(typescript.runtime).toEqual({ name: "node", version: javascript.version });
    const response = await hangar().run({
      language: "ts",
      version: installed.split(".")[0],
      code: "console.log(1 as number)",
    });
    expect(response.body).toMatchObject({ status: "ok", output: "1\n" });
  });
});
