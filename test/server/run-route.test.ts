import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HangarError } from "../../src/core/errors.js";
import { echoRun, fakeResult } from "../fixtures/fake-run-service.js";
import { postJson, startTestServer, type TestServer } from "./test-server.js";

interface ErrorJson {
  error: { code: string; message: string; field?: string };
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    config: {
      server: { body_limit_bytes: 64 * 1024 },
      runs: { default_timeout_ms: 1000, max_timeout_ms: 5000 },
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.runService.handler = echoRun;
  server.runService.executions.length = 0;
});

async function expectError(
  response: Response,
  status: number,
  code: string,
  field?: string,
): Promise<ErrorJson> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorJson;
  expect(body.error.code).toBe(code);
  expect(body.error.field).toBe(field);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return body;
}

describe("POST /run", () => {
  it("runs code and answers with the RunResult", async () => {
    const response = await postJson(`${server.baseUrl}/run`, {
      code: "print(1)",
      language: "py",
      sessionId: "nb-1",
      files: [{ path: "data/input.txt", content: "aGk=", encoding: "base64" }],
      args: ["--x"],
      timeoutMs: 5000,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ output: "ran: print(1)", error: "", status: "ok", language: "python" });
    expect(body.sessionId).toBe("nb-1");
    const [execution] = server.runService.executions;
    expect(execution?.owner).toBe("local");
    expect(execution?.request.files).toEqual([
      { path: "data/input.txt", content: "aGk=", encoding: "base64" },
    ]);
  });

  it("treats null optional fields as absent", async () => {
    const response = await postJson(`${server.baseUrl}/run`, {
      code: "x",
      language: "bash",
      sessionId: null,
      timeoutMs: null,
    });
    expect(response.status).toBe(200);
    expect(server.runService.executions[0]?.request.sessionId).toBeUndefined();
  });

  it.each([
    ["missing code", { language: "python" }, "code", /code is required/],
    ["empty code", { code: "", language: "python" }, "code", /code must not be empty/],
    ["code of the wrong type", { code: 5, language: "python" }, "code", /code must be a string/],
    ["missing language", { code: "x" }, "language", /language is required/],
    ["over-long language", { code: "x", language: "p".repeat(65) }, "language", /at most 64/],
    [
      "bad sessionId",
      { code: "x", language: "python", sessionId: "../etc" },
      "sessionId",
      /sessionId must be/,
    ],
    ["timeout over the maximum", { code: "x", language: "python", timeoutMs: 5001 }, "timeoutMs", /<= 5000/],
    ["fractional timeout", { code: "x", language: "python", timeoutMs: 1.5 }, "timeoutMs", /integer/],
    ["zero timeout", { code: "x", language: "python", timeoutMs: 0 }, "timeoutMs", />= 1/],
    [
      "bad file encoding",
      { code: "x", language: "python", files: [{ path: "a", content: "", encoding: "hex" }] },
      "files[0].encoding",
      /"utf8", "base64"/,
    ],
    [
      "empty file path",
      {
        code: "x",
        language: "python",
        files: [
          { path: "a", content: "" },
          { path: "b", content: "" },
          { path: "", content: "" },
        ],
      },
      "files[2].path",
      /files\[2\]\.path must not be empty/,
    ],
    [
      "too many files",
      {
        code: "x",
        language: "python",
        files: Array.from({ length: 65 }, (_, index) => ({ path: `f${index}`, content: "" })),
      },
      "files",
      /at most 64 items/,
    ],
    [
      "too many args",
      { code: "x", language: "python", args: Array.from({ length: 257 }, () => "a") },
      "args",
      /at most 256 items/,
    ],
    ["non-string arg", { code: "x", language: "python", args: ["a", 1] }, "args[1]", /must be a string/],
    ["body that is not an object", "print(1)", undefined, /request body must be an object/],
  ])("rejects %s with 400 VALIDATION_FAILED", async (_name, body, field, message) => {
    const response = await postJson(`${server.baseUrl}/run`, body);
    const error = await expectError(response, 400, "VALIDATION_FAILED", field);
    expect(error.error.message).toMatch(message);
    expect(server.runService.executions).toHaveLength(0);
  });

  it("rejects malformed JSON with 400 INVALID_JSON", async () => {
    const response = await fetch(`${server.baseUrl}/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"code": "x", ',
    });
    await expectError(response, 400, "INVALID_JSON");
  });

  it("rejects a missing body with 400 naming the body", async () => {
    const response = await fetch(`${server.baseUrl}/run`, { method: "POST" });
    const error = await expectError(response, 400, "VALIDATION_FAILED");
    expect(error.error.message).toMatch(/request body is required/);
  });

  it("rejects another content type with 415", async () => {
    const response = await fetch(`${server.baseUrl}/run`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "print(1)",
    });
    await expectError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("rejects a body over the limit announced by Content-Length with 413", async () => {
    const response = await postJson(`${server.baseUrl}/run`, {
      code: "x".repeat(70 * 1024),
      language: "python",
    });
    await expectError(response, 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers 413 to a huge streamed body before the client has sent it all", async () => {
    const total = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const outcome = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let isAnswered = false;
      const request = httpRequest(`${server.baseUrl}/run`, {
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      request.on("response", (response) => {
        isAnswered = true;
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (text: string) => (body += text));
        response.on("end", () => {
          resolve({ status: response.statusCode ?? 0, body, sent });
          request.destroy();
        });
      });
      request.on("error", (error) => {
        if (!isAnswered) reject(error);
      });
      const pump = (): void => {
        while (!isAnswered && sent < total) {
          sent += chunk.length;
          if (!request.write(chunk)) {
            request.once("drain", pump);
            return;
          }
        }
        if (!isAnswered) request.end();
      };
      request.write('{"language":"python","code":"');
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(outcome.sent).toBeLessThan(total / 4);
  });

  it("maps the service's semantic errors with their field", async () => {
    const unknown = await postJson(`${server.baseUrl}/run`, { code: "x", language: "cobol" });
    await expectError(unknown, 400, "UNKNOWN_LANGUAGE", "language");

    server.runService.handler = async () => {
      throw new HangarError("INVALID_PATH", "files[1].path escapes the workspace", {
        field: "files[1].path",
      });
    };
    const badPath = await postJson(`${server.baseUrl}/run`, {
      code: "x",
      language: "python",
      files: [
        { path: "ok", content: "" },
        { path: "../x", content: "" },
      ],
    });
    const error = await expectError(badPath, 400, "INVALID_PATH", "files[1].path");
    expect(error.error.message).toBe("files[1].path escapes the workspace");
  });

  it("answers 429 with Retry-After when the queue is full", async () => {
    server.runService.handler = async () => {
      throw new HangarError("TOO_MANY_REQUESTS", "run queue is full", { retryAfterSeconds: 7 });
    };
    const response = await postJson(`${server.baseUrl}/run`, { code: "x", language: "python" });
    await expectError(response, 429, "TOO_MANY_REQUESTS");
    expect(response.headers.get("retry-after")).toBe("7");
  });

  it.each([
    ["SESSION_BUSY", 409],
    ["SANDBOX_GONE", 410],
    ["ISOLATION_UNAVAILABLE", 503],
    ["SANDBOX_ERROR", 500],
  ] as const)("maps %s to %i", async (code, status) => {
    server.runService.handler = async () => {
      throw new HangarError(code, `${code} happened`);
    };
    const response = await postJson(`${server.baseUrl}/run`, { code: "x", language: "python" });
    const error = await expectError(response, status, code);
    expect(error.error.message).toBe(`${code} happened`);
  });

  it("hides unexpected errors behind a generic 500", async () => {
    server.runService.handler = async () => {
      throw new TypeError("secret internal detail at /srv/hangar/x.js:10");
    };
    const response = await postJson(`${server.baseUrl}/run`, { code: "x", language: "python" });
    const error = await expectError(response, 500, "INTERNAL");
    expect(error.error.message).not.toContain("secret");
  });

  it("answers 500 rather than an invalid result when the service breaks the contract", async () => {
    server.runService.handler = async (_owner, request) =>
      fakeResult(request, { status: "exploded" as "ok" });
    const response = await postJson(`${server.baseUrl}/run`, { code: "x", language: "python" });
    await expectError(response, 500, "INTERNAL");
  });
});

describe("other routes", () => {
  it("lists languages", async () => {
    const response = await fetch(`${server.baseUrl}/languages`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { languages: { name: string }[] };
    expect(body.languages.map((language) => language.name)).toEqual(["python", "bash"]);
  });

  it("answers unknown routes with 404 NOT_FOUND JSON", async () => {
    const response = await fetch(`${server.baseUrl}/no/such/route?x=1`);
    const error = await expectError(response, 404, "NOT_FOUND");
    expect(error.error.message).toBe("no route for GET /no/such/route");
  });

  it("answers malformed URLs with a JSON 400", async () => {
    const response = await fetch(`${server.baseUrl}/run/sessions/%zz`, { method: "DELETE" });
    await expectError(response, 400, "BAD_REQUEST");
  });

  it("validates the session id in the path", async () => {
    for (const sessionId of ["x".repeat(129), "bad%20id", "-leading-dash"]) {
      const response = await fetch(`${server.baseUrl}/run/sessions/${sessionId}`, { method: "DELETE" });
      await expectError(response, 400, "VALIDATION_FAILED", "sessionId");
    }
  });
});
