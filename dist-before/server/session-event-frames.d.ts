import type { SessionEvent } from "../protocol/session-events.js";
/** One event's frame; `id:` is its seq, so a client resumes with Last-Event-ID. */
export declare function sessionEventFrame(event: SessionEvent): string;
/** The frames of consecutive events as one Buffer, shared with other watchers that send the same run. */
export declare function sessionEventFrames(events: readonly SessionEvent[]): Buffer;
