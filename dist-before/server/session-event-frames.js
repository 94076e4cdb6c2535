import { formatSseMessage } from "./sse.js";
/**
 * SSE frames of session events, serialised once however many watchers send
 * them. The event log hands the same event object to every live subscriber,
 * so the frame is kept beside the object (a WeakMap: it goes when the event
 * does). Watchers in step take the same run of events in a turn, so the run's
 * bytes are kept too, keyed by its first event: 1,000 watchers then share one
 * Buffer instead of each stringifying, formatting and encoding every event.
 */
const frames = new WeakMap();
const runs = new WeakMap();
/** One event's frame; `id:` is its seq, so a client resumes with Last-Event-ID. */
export function sessionEventFrame(event) {
    let frame = frames.get(event);
    if (frame === undefined) {
        frame = formatSseMessage({ id: event.seq, event: event.name, data: JSON.stringify(event) });
        frames.set(event, frame);
    }
    return frame;
}
/** The frames of consecutive events as one Buffer, shared with other watchers that send the same run. */
export function sessionEventFrames(events) {
    const first = events[0];
    const last = events.at(-1);
    if (first === undefined || last === undefined)
        return Buffer.alloc(0);
    const cached = runs.get(first);
    if (cached !== undefined && cached.last === last)
        return cached.bytes;
    const bytes = Buffer.from(events.map(sessionEventFrame).join(""));
    runs.set(first, { last, bytes });
    return bytes;
}
//# sourceMappingURL=session-event-frames.js.map