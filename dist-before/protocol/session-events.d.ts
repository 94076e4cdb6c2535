import { z } from "zod";
/**
 * The events of an agent session, as every front end sees them. Each one is
 * stored with a per-session `seq` before it is sent; names are
 * `<entity>.<action>`, with `start | delta | end` for streamed things. Payload
 * fields are snake_case like the rest of the HTTP API. The types are inferred
 * from the schemas, so what the server documents is what the code sends.
 */
export declare const sessionStatusSchema: z.ZodEnum<{
    pending: "pending";
    starting: "starting";
    running: "running";
    waiting: "waiting";
    completed: "completed";
    failed: "failed";
    cancelled: "cancelled";
}>;
export type SessionStatus = z.infer<typeof sessionStatusSchema>;
/** The statuses a session ends in (a new prompt may reopen it). */
export declare const finalStatusSchema: z.ZodEnum<{
    completed: "completed";
    failed: "failed";
    cancelled: "cancelled";
}>;
export type FinalStatus = z.infer<typeof finalStatusSchema>;
export declare const terminalStatuses: ReadonlySet<SessionStatus>;
export declare function isFinalStatus(status: SessionStatus): status is FinalStatus;
export declare const interactionKindSchema: z.ZodEnum<{
    permission: "permission";
    question: "question";
}>;
export type InteractionKind = z.infer<typeof interactionKindSchema>;
export declare const interactionOutcomeSchema: z.ZodEnum<{
    cancelled: "cancelled";
    approved: "approved";
    denied: "denied";
    answered: "answered";
    timeout: "timeout";
}>;
export type InteractionOutcome = z.infer<typeof interactionOutcomeSchema>;
/** Every event's payload (`data`), by event name. */
export declare const sessionEventPayloadSchemas: {
    readonly "session.status": z.ZodObject<{
        status: z.ZodEnum<{
            pending: "pending";
            starting: "starting";
            running: "running";
            waiting: "waiting";
            completed: "completed";
            failed: "failed";
            cancelled: "cancelled";
        }>;
        reason: z.ZodOptional<z.ZodString>;
        queued_turns: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strip>;
    readonly "turn.start": z.ZodObject<{
        turn_id: z.ZodString;
        prompt: z.ZodString;
        model: z.ZodString;
    }, z.core.$strip>;
    readonly "message.delta": z.ZodObject<{
        message_id: z.ZodString;
        text: z.ZodString;
    }, z.core.$strip>;
    readonly "message.end": z.ZodObject<{
        message_id: z.ZodString;
        text: z.ZodString;
    }, z.core.$strip>;
    readonly "reasoning.delta": z.ZodObject<{
        message_id: z.ZodString;
        text: z.ZodString;
    }, z.core.$strip>;
    readonly "plan.update": z.ZodObject<{
        entries: z.ZodArray<z.ZodObject<{
            content: z.ZodString;
            priority: z.ZodEnum<{
                high: "high";
                medium: "medium";
                low: "low";
            }>;
            status: z.ZodEnum<{
                pending: "pending";
                completed: "completed";
                in_progress: "in_progress";
            }>;
        }, z.core.$strip>>;
    }, z.core.$strip>;
    readonly "tool.start": z.ZodObject<{
        tool_call_id: z.ZodString;
        tool: z.ZodString;
        input: z.ZodOptional<z.ZodUnknown>;
        title: z.ZodOptional<z.ZodString>;
        kind: z.ZodOptional<z.ZodString>;
        locations: z.ZodOptional<z.ZodArray<z.ZodObject<{
            path: z.ZodString;
            line: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strip>>>;
    }, z.core.$strip>;
    readonly "tool.delta": z.ZodObject<{
        tool_call_id: z.ZodString;
        stream: z.ZodEnum<{
            stdout: "stdout";
            stderr: "stderr";
        }>;
        text: z.ZodString;
    }, z.core.$strip>;
    readonly "tool.end": z.ZodObject<{
        tool_call_id: z.ZodString;
        tool: z.ZodString;
        is_error: z.ZodBoolean;
        output: z.ZodString;
        duration_ms: z.ZodNumber;
    }, z.core.$strip>;
    readonly "permission.requested": z.ZodObject<{
        interaction_id: z.ZodString;
        tool_call_id: z.ZodString;
        tool: z.ZodString;
        input: z.ZodOptional<z.ZodUnknown>;
        summary: z.ZodString;
        choices: z.ZodOptional<z.ZodArray<z.ZodString>>;
        expires_at: z.ZodString;
    }, z.core.$strip>;
    readonly "question.asked": z.ZodObject<{
        interaction_id: z.ZodString;
        tool_call_id: z.ZodString;
        question: z.ZodString;
        choices: z.ZodOptional<z.ZodArray<z.ZodString>>;
        expires_at: z.ZodString;
    }, z.core.$strip>;
    readonly "interaction.resolved": z.ZodObject<{
        interaction_id: z.ZodString;
        kind: z.ZodEnum<{
            permission: "permission";
            question: "question";
        }>;
        outcome: z.ZodEnum<{
            cancelled: "cancelled";
            approved: "approved";
            denied: "denied";
            answered: "answered";
            timeout: "timeout";
        }>;
        answer: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
    readonly usage: z.ZodObject<{
        input_tokens: z.ZodNumber;
        output_tokens: z.ZodNumber;
        session_input_tokens: z.ZodNumber;
        session_output_tokens: z.ZodNumber;
    }, z.core.$strip>;
    readonly error: z.ZodObject<{
        code: z.ZodString;
        message: z.ZodString;
    }, z.core.$strip>;
    readonly "egress.allowed": z.ZodObject<{
        host: z.ZodString;
        port: z.ZodNumber;
        address: z.ZodString;
    }, z.core.$strip>;
    readonly "egress.denied": z.ZodObject<{
        host: z.ZodString;
        port: z.ZodNumber;
        reason: z.ZodString;
    }, z.core.$strip>;
    readonly "turn.end": z.ZodObject<{
        turn_id: z.ZodString;
        outcome: z.ZodEnum<{
            completed: "completed";
            failed: "failed";
            cancelled: "cancelled";
        }>;
        reason: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
    readonly "session.ended": z.ZodObject<{
        status: z.ZodEnum<{
            completed: "completed";
            failed: "failed";
            cancelled: "cancelled";
        }>;
        reason: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
};
type PayloadSchemas = typeof sessionEventPayloadSchemas;
export type SessionEventName = keyof PayloadSchemas;
export type SessionEventPayloads = {
    [Name in SessionEventName]: z.infer<PayloadSchemas[Name]>;
};
/** An event as stored and sent (the SSE `data:`, and the items of the events page), told apart by `name`. */
export declare const sessionEventSchema: z.ZodDiscriminatedUnion<[z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"session.status">;
    data: z.ZodObject<{
        status: z.ZodEnum<{
            pending: "pending";
            starting: "starting";
            running: "running";
            waiting: "waiting";
            completed: "completed";
            failed: "failed";
            cancelled: "cancelled";
        }>;
        reason: z.ZodOptional<z.ZodString>;
        queued_turns: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"turn.start">;
    data: z.ZodObject<{
        turn_id: z.ZodString;
        prompt: z.ZodString;
        model: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"message.delta">;
    data: z.ZodObject<{
        message_id: z.ZodString;
        text: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"message.end">;
    data: z.ZodObject<{
        message_id: z.ZodString;
        text: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"reasoning.delta">;
    data: z.ZodObject<{
        message_id: z.ZodString;
        text: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"plan.update">;
    data: z.ZodObject<{
        entries: z.ZodArray<z.ZodObject<{
            content: z.ZodString;
            priority: z.ZodEnum<{
                high: "high";
                medium: "medium";
                low: "low";
            }>;
            status: z.ZodEnum<{
                pending: "pending";
                completed: "completed";
                in_progress: "in_progress";
            }>;
        }, z.core.$strip>>;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"tool.start">;
    data: z.ZodObject<{
        tool_call_id: z.ZodString;
        tool: z.ZodString;
        input: z.ZodOptional<z.ZodUnknown>;
        title: z.ZodOptional<z.ZodString>;
        kind: z.ZodOptional<z.ZodString>;
        locations: z.ZodOptional<z.ZodArray<z.ZodObject<{
            path: z.ZodString;
            line: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strip>>>;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"tool.delta">;
    data: z.ZodObject<{
        tool_call_id: z.ZodString;
        stream: z.ZodEnum<{
            stdout: "stdout";
            stderr: "stderr";
        }>;
        text: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"tool.end">;
    data: z.ZodObject<{
        tool_call_id: z.ZodString;
        tool: z.ZodString;
        is_error: z.ZodBoolean;
        output: z.ZodString;
        duration_ms: z.ZodNumber;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"permission.requested">;
    data: z.ZodObject<{
        interaction_id: z.ZodString;
        tool_call_id: z.ZodString;
        tool: z.ZodString;
        input: z.ZodOptional<z.ZodUnknown>;
        summary: z.ZodString;
        choices: z.ZodOptional<z.ZodArray<z.ZodString>>;
        expires_at: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"question.asked">;
    data: z.ZodObject<{
        interaction_id: z.ZodString;
        tool_call_id: z.ZodString;
        question: z.ZodString;
        choices: z.ZodOptional<z.ZodArray<z.ZodString>>;
        expires_at: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"interaction.resolved">;
    data: z.ZodObject<{
        interaction_id: z.ZodString;
        kind: z.ZodEnum<{
            permission: "permission";
            question: "question";
        }>;
        outcome: z.ZodEnum<{
            cancelled: "cancelled";
            approved: "approved";
            denied: "denied";
            answered: "answered";
            timeout: "timeout";
        }>;
        answer: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"usage">;
    data: z.ZodObject<{
        input_tokens: z.ZodNumber;
        output_tokens: z.ZodNumber;
        session_input_tokens: z.ZodNumber;
        session_output_tokens: z.ZodNumber;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"error">;
    data: z.ZodObject<{
        code: z.ZodString;
        message: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"egress.allowed">;
    data: z.ZodObject<{
        host: z.ZodString;
        port: z.ZodNumber;
        address: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"egress.denied">;
    data: z.ZodObject<{
        host: z.ZodString;
        port: z.ZodNumber;
        reason: z.ZodString;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"turn.end">;
    data: z.ZodObject<{
        turn_id: z.ZodString;
        outcome: z.ZodEnum<{
            completed: "completed";
            failed: "failed";
            cancelled: "cancelled";
        }>;
        reason: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>, z.ZodObject<{
    session_id: z.ZodString;
    seq: z.ZodNumber;
    name: z.ZodLiteral<"session.ended">;
    data: z.ZodObject<{
        status: z.ZodEnum<{
            completed: "completed";
            failed: "failed";
            cancelled: "cancelled";
        }>;
        reason: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
    created_at: z.ZodString;
}, z.core.$strip>], "name">;
export declare const sessionEventNames: readonly SessionEventName[];
/**
 * An event; `SessionEvent` alone is the union of every kind, so checking
 * `event.name` narrows `event.data`.
 */
export type SessionEvent<Name extends SessionEventName = SessionEventName> = {
    [Each in Name]: {
        session_id: string;
        seq: number;
        name: Each;
        data: SessionEventPayloads[Each];
        created_at: string;
    };
}[Name];
/** The question or permission request events: what waits for a human. */
export type InteractionRequestEvent = SessionEvent<"permission.requested" | "question.asked">;
export {};
