import type { SessionEvent } from "../protocol/index.js";
/**
 * Turns a session's events into terminal text, one event at a time. Pure: it
 * returns strings and keeps just enough state to stream (is the cursor
 * mid-line? which messages and tool calls already showed their text?). The
 * command writes what it returns. ANSI styles only when `color` is set.
 */
export interface TaskRendererOptions {
    /** Styles (dim, red, green…) for a terminal; plain text for pipes and files. */
    color: boolean;
    /** Lines of a tool's output shown when it did not stream any. Default 12. */
    maxOutputLines?: number;
}
/**
 * Model and tool text comes from untrusted programs: escape sequences in it
 * could move the cursor, retitle the window or hide text, so only newlines
 * and tabs pass.
 */
export declare function sanitizeTerminalText(text: string): string;
export declare class TaskRenderer {
    private readonly color;
    private readonly maxOutputLines;
    private isMidLine;
    /** The tool call whose streamed output the cursor is in, if any. */
    private streamingToolCall;
    private readonly streamedMessages;
    private readonly streamedToolCalls;
    private tokens;
    /** The last error shown: a turn and a session failing for the same reason say it once. */
    private lastError;
    /** The last status shown, so only changes are said. */
    private lastStatus;
    constructor(options: TaskRendererOptions);
    render(event: SessionEvent): string;
    /** An external agent's plan, whole each time (it replaces the last one). */
    private plan;
    private turnStart;
    private turnEnd;
    /** While a session gets going, what it waits for; afterwards the other events say what changed. */
    private status;
    private error;
    private messageDelta;
    private messageEnd;
    private toolStart;
    private toolDelta;
    private toolEnd;
    private permission;
    private previewLine;
    private question;
    private resolved;
    private ended;
    /** Free text, continuing the current line. */
    private text;
    /** Whole lines of their own, after whatever is on the current line. */
    private block;
    private newline;
    private style;
}
/** `bash: pytest -q`, `edit_file: src/app.ts`: the tool and what it works on, in one line. */
export declare function toolHeadline(tool: string, input: Record<string, unknown>): string;
