import type { MimeBundle, RunResult, RunStreamMessage } from "../../protocol/index.js";
import { HangarClientError } from "../hangar-client-error.js";
import { readSseMessages } from "../sse-messages.js";

/** What a streamed run tells its caller while it runs. */
export interface RunStreamCallbacks {
  /** The run was accepted and started: its id, canonical language and session. */
  onStart?: (start: { runId: string; language: string; sessionId: string | null }) => void;
  /** A piece of standard output, as it was printed. */
  onStdout?: (data: string) => void;
  onStderr?: (data: string) => void;
  /** A notebook run's rich result (display(...), a figure, the last expression), as it comes. */
  onResult?: (bundle: MimeBundle) => void;
}

/**
 * Reads the event stream of `POST /run` with `Accept: text/event-stream`:
 * `start`, any number of `stdout`/`stderr`/`result`, then `end` with the whole result;
 * or `error` when the run failed after the stream began.
 */
export async function readRunStream(
  body: ReadableStream<Uint8Array>,
  callbacks: RunStreamCallbacks,
): Promise<RunResult> {
  for await (const message of readSseMessages(body)) {
    const parsed = parseMessage(message.event, message.data);
    switch (parsed?.event) {
      case "start":
        callbacks.onStart?.(parsed.data);
        break;
      case "stdout":
        callbacks.onStdout?.(parsed.data.data);
        break;
      case "stderr":
        callbacks.onStderr?.(parsed.data.data);
        break;
      case "result":
        callbacks.onResult?.(parsed.data);
        break;
      case "end":
        return parsed.data.result;
      case "error": {
        const { code, message: text, field } = parsed.data.error;
        throw new HangarClientError(code, text, field === undefined ? {} : { field });
      }
      default:
        break; // a message kind this client does not know yet
    }
  }
  throw new HangarClientError("BAD_RESPONSE", "the run's event stream ended without its result");
}

function parseMessage(event: string, data: string): RunStreamMessage | undefined {
  try {
    return { event, data: JSON.parse(data) as unknown } as RunStreamMessage;
  } catch {
    return undefined;
  }
}
