import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  startScriptedModelServer,
  type ScriptedModelServer,
  type ScriptedReply,
} from "../test/fixtures/scripted-model-server.js";

/**
 * The scripted model server in a child process, for the agent benchmarks. In
 * the measured process its HTTP parsing and SSE writing would share the event
 * loop (and the CPU time) with the agent loop being measured, about 2 ms per
 * request, so the loop would be charged for the fake model's work; a real model
 * is another machine. Being another process also keeps its CPU time out of the
 * measured process's `process.cpuUsage()`. The bench drives it over the IPC
 * channel: replies must be plain data.
 */

/** When one chat-completions request arrived and when its last byte was flushed, on the wall clock. */
export interface ModelRequestTiming {
  startedAt: number;
  finishedAt: number;
}

type Command =
  | { type: "enqueue"; replies: ScriptedReply[] }
  | { type: "answerEveryRequest"; reply: ScriptedReply }
  | { type: "reset" }
  | { type: "timings" }
  | { type: "close" };

type Answer =
  | { type: "ready"; openaiBaseUrl: string }
  | { type: "done"; id: number }
  | { type: "timings"; id: number; timings: ModelRequestTiming[] }
  | { type: "failed"; id: number; message: string };

export interface ModelServerProcess {
  openaiBaseUrl: string;
  /** Replies used in order, one per model request. */
  enqueue(...replies: ScriptedReply[]): Promise<void>;
  /** The reply to every request once the queue is empty. */
  answerEveryRequest(reply: ScriptedReply): Promise<void>;
  /** Forgets the script, the standing reply and the recorded timings. */
  reset(): Promise<void>;
  /** Every chat-completions request answered since the last reset, in order. */
  timings(): Promise<ModelRequestTiming[]>;
  close(): Promise<void>;
}

/** `performance.now()` differs per process; this clock (sub-millisecond, from the same system clock) does not. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

export async function startModelServerProcess(): Promise<ModelServerProcess> {
  const child = fork(fileURLToPath(import.meta.url), [serveArgument], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (answer: Answer) => void>();
  let nextId = 0;
  let failure: Error | undefined;
  const ready = new Promise<string>((resolve, reject) => {
    child.on("message", (answer: Answer) => {
      if (answer.type === "ready") return resolve(answer.openaiBaseUrl);
      pending.get(answer.id)?.(answer);
      pending.delete(answer.id);
    });
    const fail = (error: Error): void => {
      failure = error;
      reject(error);
      for (const resolvePending of pending.values())
        resolvePending({ type: "failed", id: -1, message: error.message });
      pending.clear();
    };
    child.on("error", fail);
    child.on("exit", (code, signal) =>
      fail(new Error(`the model server process exited (${signal ?? code})`)),
    );
  });
  const openaiBaseUrl = await ready;
  const send = (command: Command): Promise<Answer> => {
    if (failure !== undefined) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, (answer) =>
        answer.type === "failed" ? reject(new Error(answer.message)) : resolve(answer),
      );
      child.send({ id, command });
    });
  };
  return {
    openaiBaseUrl,
    enqueue: async (...replies) => void (await send({ type: "enqueue", replies })),
    answerEveryRequest: async (reply) => void (await send({ type: "answerEveryRequest", reply })),
    reset: async () => void (await send({ type: "reset" })),
    timings: async () => {
      const answer = await send({ type: "timings" });
      return answer.type === "timings" ? answer.timings : [];
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await send({ type: "close" });
      child.disconnect();
      await exited;
    },
  };
}

/** The child's side: the server, and node's HTTP server channels timing each request. */
async function serveInThisProcess(port: {
  send(message: Answer): void;
  on(event: "message", listener: (message: { id: number; command: Command }) => void): void;
}): Promise<void> {
  const server: ScriptedModelServer = await startScriptedModelServer();
  const timings: ModelRequestTiming[] = [];
  const started = new WeakMap<IncomingMessage, number>();
  subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    if (request.url === "/v1/chat/completions") started.set(request, wallClock());
  });
  subscribe("http.server.response.finish", (message) => {
    const { request } = message as { request: IncomingMessage };
    const startedAt = started.get(request);
    if (startedAt !== undefined) timings.push({ startedAt, finishedAt: wallClock() });
  });
  port.on("message", ({ id, command }: { id: number; command: Command }) => {
    const done = (): void => port.send({ type: "done", id } satisfies Answer);
    switch (command.type) {
      case "enqueue":
        server.enqueue(...command.replies);
        return done();
      case "answerEveryRequest":
        server.setResponder(() => command.reply);
        return done();
      case "reset":
        server.reset();
        timings.length = 0;
        return done();
      case "timings":
        return port.send({ type: "timings", id, timings } satisfies Answer);
      case "close":
        void server.close().then(done);
        return;
    }
  });
  port.send({ type: "ready", openaiBaseUrl: server.openaiBaseUrl } satisfies Answer);
}

const serveArgument = "--serve-scripted-model";

if (process.argv[2] === serveArgument && process.send !== undefined) {
  const send = process.send.bind(process);
  await serveInThisProcess({
    send: (message) => void send(message),
    on: (event, listener) => void process.on(event, listener),
  });
}
