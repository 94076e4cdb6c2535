import type { MimeBundle, RunResult } from "../../protocol/index.js";
/** What a streamed run tells its caller while it runs. */
export interface RunStreamCallbacks {
    /** The run was accepted and started: its id, canonical language and session. */
    onStart?: (start: {
        runId: string;
        language: string;
        sessionId: string | null;
    }) => void;
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
export declare function readRunStream(body: ReadableStream<Uint8Array>, callbacks: RunStreamCallbacks): Promise<RunResult>;
