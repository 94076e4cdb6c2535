import { render } from "ink-testing-library";
import { createElement } from "react";
import type { SessionEvent } from "../src/protocol/index.js";
import { TuiApp } from "../src/tui/components/tui-app.js";
import { initialViewState, reduceView, type ViewState } from "../src/tui/view-state.js";
import { ViewStore } from "../src/tui/view-store.js";
import { row, type ResultRow } from "./report.js";
import { percentile, round, summarize } from "./statistics.js";

/**
 * The terminal UI's costs, without a terminal: the app rendered by Ink into
 * ink-testing-library's stdout at 80×24. Three numbers from the issue:
 * keystroke-to-screen latency while 1,000 events/s stream in (goal p95 ≤ 50
 * ms), the cost of one event (reduce + render), and the view state's size
 * after a 10,000-event session (bounded: old tool output is collapsed).
 */
const goals = { keystrokeP95Ms: 50 };

/** A busy session's events: a prompt, a tool with 2 KB of output, a streamed answer, usage. */
function* sessionEvents(): Generator<SessionEvent> {
  let seq = 0;
  const event = (name: string, data: unknown): SessionEvent =>
    ({ session_id: "ses_bench", seq: ++seq, name, data, created_at: "2026-01-01T00:00:00Z" }) as SessionEvent;
  for (let turn = 0; ; turn += 1) {
    yield event("turn.start", { turn_id: `t${turn}`, prompt: `change file ${turn}`, model: "openai:bench" });
    yield event("tool.start", {
      tool_call_id: `c${turn}`,
      tool: "write_file",
      input: { path: `src/file-${turn}.ts`, content: "export const x = 1;\n".repeat(40) },
    });
    yield event("tool.delta", { tool_call_id: `c${turn}`, stream: "stdout", text: "o".repeat(2048) });
    yield event("tool.end", {
      tool_call_id: `c${turn}`,
      tool: "write_file",
      is_error: false,
      output: "ok",
      duration_ms: 3,
    });
    for (let piece = 0; piece < 5; piece += 1)
      yield event("message.delta", { message_id: `m${turn}`, text: `Some **words** for piece ${piece}. ` });
    yield event("usage", {
      input_tokens: 10,
      output_tokens: 5,
      session_input_tokens: turn * 10,
      session_output_tokens: turn * 5,
    });
  }
}

function take(events: Generator<SessionEvent>, count: number): SessionEvent[] {
  const taken: SessionEvent[] = [];
  for (const event of events) {
    taken.push(event);
    if (taken.length === count) break;
  }
  return taken;
}

const fakeController = {
  isBusy: true,
  submit: () => undefined,
  cancel: async () => undefined,
  startNew: () => undefined,
  answerPermission: async () => undefined,
  answerQuestion: async () => undefined,
  listSessions: async () => [],
  switchTo: async () => undefined,
  setNext: () => undefined,
  readFile: () => Promise.resolve(""),
};

function renderApp(store: ViewStore) {
  return render(
    createElement(TuiApp, {
      store,
      controller: fakeController,
      onQuit: () => undefined,
      size: { columns: 80, rows: 24 },
    }),
  );
}

/** The reducer alone, per event, over a 10,000-event session. */
function measureReduce(): { reduceMicroseconds: number; state: ViewState } {
  const events = take(sessionEvents(), 10_000);
  let state = initialViewState();
  const reduceStart = performance.now();
  for (const event of events) state = reduceView(state, { type: "event", event });
  const reduceMicroseconds = ((performance.now() - reduceStart) * 1000) / events.length;
  return { reduceMicroseconds, state };
}

/**
 * Types a key every 20 ms while events arrive at 1,000/s: each key's time from
 * sending to being on screen, and the process's CPU time per event streamed
 * (reduce + the frames Ink draws, at most 30 a second).
 */
async function measureKeystrokes(
  keystrokes: number,
): Promise<{ latencies: number[]; cpuMicrosecondsPerEvent: number }> {
  const store = new ViewStore();
  const app = renderApp(store);
  const events = sessionEvents();
  let streamed = 0;
  const cpuAtStart = process.cpuUsage();
  const streaming = setInterval(() => {
    for (const event of take(events, 10)) store.dispatch({ type: "event", event });
    streamed += 10;
  }, 10);
  const latencies: number[] = [];
  let typed = "";
  try {
    for (let index = 0; index < keystrokes; index += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (typed.length >= 40) {
        app.stdin.write("\x15"); // Ctrl+U clears the prompt
        typed = "";
      }
      typed += "k";
      const sent = performance.now();
      app.stdin.write("k");
      while (!(app.lastFrame() ?? "").includes(`› ${typed}`))
        await new Promise((resolve) => setImmediate(resolve));
      latencies.push(performance.now() - sent);
    }
  } finally {
    clearInterval(streaming);
    app.unmount();
  }
  const cpu = process.cpuUsage(cpuAtStart);
  return { latencies, cpuMicrosecondsPerEvent: (cpu.user + cpu.system) / streamed };
}

export async function measureTuiBenchmarks(
  options: { keystrokes?: number; log?: (line: string) => void } = {},
): Promise<{ rows: ResultRow[] }> {
  options.log?.("tui: 10,000 events reduced and rendered at 80×24; keystrokes while 1,000 events/s stream");
  const cost = measureReduce();
  const { latencies, cpuMicrosecondsPerEvent } = await measureKeystrokes(options.keystrokes ?? 300);
  const keys = summarize(latencies);
  const p95 = percentile(latencies, 0.95);
  return {
    rows: [
      row(
        "tui keystroke to screen, 1,000 events/s streaming (p95 in goal)",
        "ms",
        { median: round(keys.median), p90: round(keys.p90), samples: latencies.length },
        { text: `p95 ${round(p95)} <= ${goals.keystrokeP95Ms} ms`, met: p95 <= goals.keystrokeP95Ms },
      ),
      row("tui reduce one event", "µs", { median: round(cost.reduceMicroseconds) }),
      row("tui CPU per event streamed at 1,000/s (reduce + frames, typing)", "µs", {
        median: round(cpuMicrosecondsPerEvent),
      }),
      row("tui view state after 10,000 events (JSON)", "KiB", {
        median: round(JSON.stringify(cost.state).length / 1024, 1),
      }),
    ],
  };
}
