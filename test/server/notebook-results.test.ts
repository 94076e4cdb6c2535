import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MimeBundle, PendingRun, RunResult } from "../../src/protocol/run-messages.js";
import { testProviders, useHarness, waitFor, type Harness } from "../fixtures/hangar-harness.js";
import { readSseEvents, type ParsedSseEvent } from "./test-server.js";

/**
 * Notebook runs answer like Jupyter: `results[]` of MIME bundles from display(...) and
 * the last expression (IPython's _repr_*_ methods; JSON for plain JavaScript objects),
 * an `executionCount` per session, the same bundles streamed as `result` events and kept
 * with an asynchronous run's result. In the Docker image matplotlib is there and an open
 * figure becomes an image/png result; the host's python (bwrap) has no matplotlib.
 */
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function newSession(): string {
  return `results-${randomBytes(6).toString("hex")}`;
}

async function streamRun(harness: Harness, body: Record<string, unknown>): Promise<ParsedSseEvent[]> {
  const response = await fetch(`${harness.url}/run`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  const events: ParsedSseEvent[] = [];
  for await (const event of readSseEvents(response)) events.push(event);
  return events;
}

async function pollUntilEnded(harness: Harness, runId: string): Promise<RunResult> {
  let ended: RunResult | undefined;
  await waitFor(
    async () => {
      const response = await harness.request<RunResult | PendingRun>("GET", `/runs/${runId}`);
      if (response.body.status === "queued" || response.body.status === "running") return false;
      ended = response.body as RunResult;
      return true;
    },
    `run ${runId} to end`,
    20_000,
  );
  return ended!;
}

const htmlCell = [
  "class Table:",
  "    def _repr_html_(self):",
  "        return '<table><tr><td>1</td></tr></table>'",
  "    def __repr__(self):",
  "        return 'Table()'",
  "display({'text/html': '<b>bold</b>', 'text/plain': 'bold'}, raw=True)",
  "print('between')",
  "display(Table())",
  "Table()",
].join("\n");

describe.each(await testProviders())("notebook results (%s)", (provider) => {
  const hangar = useHarness({ provider });

  it("python: display() and the last expression's _repr_html_ become results; executionCount counts the cells", async () => {
    const sessionId = newSession();
    const first = await hangar().run({ language: "python", sessionId, code: "x = 1" });
    expect(first.body).toMatchObject({ status: "ok", executionCount: 1, results: [] });
    const response = await hangar().run({ language: "python", sessionId, code: htmlCell });
    expect(response.body).toMatchObject({
      status: "ok",
      stdout: "between\n",
      executionCount: 2,
      result: "Table()",
    });
    expect(response.body.results).toEqual([
      { "text/plain": "bold", "text/html": "<b>bold</b>" },
      { "text/plain": "Table()", "text/html": "<table><tr><td>1</td></tr></table>" },
      { "text/plain": "Table()", "text/html": "<table><tr><td>1</td></tr></table>", isMainResult: true },
    ]);
    // _repr_svg_, _repr_json_ and _repr_png_ (bytes, sent as base64); a failing _repr_ is skipped.
    const rich = await hangar().run({
      language: "python",
      sessionId,
      code: [
        "class Rich:",
        "    def _repr_svg_(self): return '<svg/>'",
        "    def _repr_json_(self): return {'a': [1, 2]}",
        "    def _repr_png_(self): return b'\\x89PNG\\r\\n\\x1a\\nfake'",
        "    def _repr_html_(self): raise ValueError('no html')",
        "    def __repr__(self): return 'Rich()'",
        "Rich()",
      ].join("\n"),
    });
    expect(rich.body.executionCount).toBe(3);
    const [main] = rich.body.results ?? [];
    expect(main).toMatchObject({
      "text/plain": "Rich()",
      "image/svg+xml": "<svg/>",
      "application/json": { a: [1, 2] },
      isMainResult: true,
    });
    expect(Buffer.from(main?.["image/png"] ?? "", "base64").subarray(0, 8)).toEqual(pngSignature);
    expect(main?.["text/html"]).toBeUndefined();
    // Where IPython is not installed, `from IPython.display import ...` gets Hangar's stand-in.
    const ipython = await hangar().run({
      language: "python",
      sessionId,
      code: "from IPython.display import display, HTML, Markdown\ndisplay(HTML('<p>t</p>'))\nMarkdown('# t')",
    });
    expect(ipython.body).toMatchObject({ status: "ok", executionCount: 4 });
    expect(ipython.body.results).toEqual([
      { "text/plain": "<IPython.core.display.HTML object>", "text/html": "<p>t</p>" },
      { "text/plain": "<IPython.core.display.Markdown object>", "text/markdown": "# t", isMainResult: true },
    ]);
    // One-shot runs are not cells of a notebook.
    const oneShot = await hangar().run({ language: "python", code: "print(1)" });
    expect(oneShot.body.executionCount).toBeUndefined();
    expect(oneShot.body.results).toBeUndefined();
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`)).status).toBe(204);
  });

  it("javascript: display() and a plain object as the last expression (application/json)", async () => {
    const sessionId = newSession();
    const response = await hangar().run({
      language: "javascript",
      sessionId,
      code: 'display.html("<i>hi</i>"); display(42); ({ rows: [1, 2], name: "t" })',
    });
    expect(response.body).toMatchObject({ status: "ok", executionCount: 1 });
    expect(response.body.results).toEqual([
      { "text/plain": "<1 MIME types>", "text/html": "<i>hi</i>" },
      { "text/plain": "42" },
      {
        "text/plain": "{ rows: [ 1, 2 ], name: 't' }",
        "application/json": { rows: [1, 2], name: "t" },
        isMainResult: true,
      },
    ]);
    const second = await hangar().run({ language: "javascript", sessionId, code: "new Map([[1, 2]])" });
    expect(second.body.executionCount).toBe(2);
    expect(second.body.results).toEqual([{ "text/plain": "Map(1) { 1 => 2 }", isMainResult: true }]);
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`)).status).toBe(204);
  });

  it("streams each result as a `result` event before `end`, and keeps them with an asynchronous run", async () => {
    const sessionId = newSession();
    const events = await streamRun(hangar(), { language: "python", sessionId, code: htmlCell });
    const names = events.map((event) => event.event);
    expect(names.filter((name) => name === "result")).toHaveLength(3);
    expect(names.at(-1)).toBe("end");
    const streamed = events
      .filter((event) => event.event === "result")
      .map((event) => JSON.parse(event.data) as MimeBundle);
    const end = JSON.parse(events.at(-1)!.data) as { result: RunResult };
    expect(streamed).toEqual(end.result.results);
    expect(streamed[2]).toMatchObject({ isMainResult: true });

    const accepted = await hangar().request<{ runId: string }>("POST", "/run", {
      language: "python",
      sessionId,
      code: htmlCell,
      wait: false,
    });
    expect(accepted.status).toBe(202);
    const stored = await pollUntilEnded(hangar(), accepted.body.runId);
    expect(end.result.executionCount).toBe(1);
    expect(stored).toMatchObject({ status: "ok", executionCount: 2 });
    expect(stored.results).toEqual(end.result.results);
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`)).status).toBe(204);
  });
});

// Only the Docker image has matplotlib: the host's python (bwrap) must not get it installed.
const dockerProviders = (await testProviders()).filter((provider) => provider === "docker");

describe.each(dockerProviders)("notebook figures in the sandbox image (%s)", (provider) => {
  const hangar = useHarness({ provider });

  it("python: matplotlib figures become image/png results, plt.show() shows at once", async () => {
    const sessionId = newSession();
    const response = await hangar().run({
      language: "python",
      sessionId,
      timeoutMs: 30_000,
      code: [
        "import matplotlib.pyplot as plt",
        "plt.plot([1, 2, 3], [1, 4, 9])",
        "plt.show()",
        "plt.figure()",
        "plt.bar(['a', 'b'], [3, 5])",
        "'done'",
      ].join("\n"),
    });
    expect(response.body, JSON.stringify(response.body)).toMatchObject({ status: "ok", result: "'done'" });
    const results = response.body.results ?? [];
    const figures = results.filter((bundle) => bundle["image/png"] !== undefined);
    expect(figures).toHaveLength(2);
    for (const figure of figures) {
      expect(figure["text/plain"]).toMatch(/^<Figure size \d+x\d+ with 1 Axes>$/);
      expect(Buffer.from(figure["image/png"]!, "base64").subarray(0, 8)).toEqual(pngSignature);
    }
    // As in Jupyter, figures still open at the end of the cell come after its value (Out[n]).
    expect(results.map((bundle) => (bundle["image/png"] ? "figure" : bundle["text/plain"]))).toEqual([
      "figure",
      "'done'",
      "figure",
    ]);
    expect(results[1]).toEqual({ "text/plain": "'done'", isMainResult: true });
    // Shown figures are closed: the next cell starts with none.
    const next = await hangar().run({
      language: "python",
      sessionId,
      code: "import matplotlib.pyplot as plt\nlen(plt.get_fignums())",
    });
    expect(next.body).toMatchObject({
      status: "ok",
      result: "0",
      results: [{ "text/plain": "0", isMainResult: true }],
    });
    // A python the cell starts plots with Agg (MPLBACKEND), not the kernel's backend (a module only the kernel has).
    const child = await hangar().run({
      language: "python",
      sessionId,
      timeoutMs: 30_000,
      code: [
        "import subprocess",
        "script = 'import matplotlib.pyplot as p; p.plot([1]); print(p.get_backend())'",
        "print(subprocess.run(['/usr/bin/python3', '-c', script], capture_output=True, text=True).stdout.strip())",
      ].join("\n"),
    });
    expect(child.body).toMatchObject({ status: "ok", stdout: "agg\n" });
    expect((await hangar().request("DELETE", `/run/sessions/${sessionId}`)).status).toBe(204);
  });
});
