import type { AgentEvent } from "../agent-driver.js";
export declare class AcpUpdateTranslator {
    #private;
    constructor(options: {
        newMessageId: () => string;
        now?: () => number;
    });
    /** The events of one `session/update` (its params as JSON). Unknown kinds give none. */
    translate(notification: unknown): AgentEvent[];
    /**
     * A permission request names its tool call, which some agents (Gemini CLI) announce only
     * there: start it if unseen, so `tool.start` comes before `permission.requested`.
     */
    announce(toolCall: unknown): AgentEvent[];
    /** The prompt ended: close the message being streamed and any tool call the agent left open. */
    finish(reason: string): AgentEvent[];
}
