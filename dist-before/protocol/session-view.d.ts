import { z } from "zod";
/** A question or permission request waiting for an answer, for front ends that join late. */
export declare const pendingInteractionSchema: z.ZodObject<{
    interaction_id: z.ZodString;
    kind: z.ZodEnum<{
        permission: "permission";
        question: "question";
    }>;
    tool_call_id: z.ZodString;
    request: z.ZodUnknown;
    expires_at: z.ZodString;
}, z.core.$strip>;
export type PendingInteraction = z.infer<typeof pendingInteractionSchema>;
/** A session as the API shows it (snake_case, no conversation, no owner secrets). */
export declare const sessionViewSchema: z.ZodObject<{
    session_id: z.ZodString;
    project_id: z.ZodString;
    user_id: z.ZodNullable<z.ZodString>;
    model: z.ZodString;
    agent: z.ZodString;
    approval: z.ZodEnum<{
        auto: "auto";
        ask: "ask";
        "read-only": "read-only";
    }>;
    status: z.ZodEnum<{
        pending: "pending";
        starting: "starting";
        running: "running";
        waiting: "waiting";
        completed: "completed";
        failed: "failed";
        cancelled: "cancelled";
    }>;
    status_reason: z.ZodNullable<z.ZodString>;
    sandbox_id: z.ZodNullable<z.ZodString>;
    queued_turns: z.ZodNumber;
    last_seq: z.ZodNumber;
    usage: z.ZodObject<{
        input_tokens: z.ZodNumber;
        output_tokens: z.ZodNumber;
    }, z.core.$strip>;
    pending_interactions: z.ZodArray<z.ZodObject<{
        interaction_id: z.ZodString;
        kind: z.ZodEnum<{
            permission: "permission";
            question: "question";
        }>;
        tool_call_id: z.ZodString;
        request: z.ZodUnknown;
        expires_at: z.ZodString;
    }, z.core.$strip>>;
    created_at: z.ZodString;
    updated_at: z.ZodString;
}, z.core.$strip>;
export type SessionView = z.infer<typeof sessionViewSchema>;
/** `GET /agent/status/{project_id}`. */
export declare const projectStatusSchema: z.ZodObject<{
    project_id: z.ZodString;
    status: z.ZodEnum<{
        waiting: "waiting";
        busy: "busy";
        idle: "idle";
    }>;
    sessions: z.ZodArray<z.ZodObject<{
        session_id: z.ZodString;
        project_id: z.ZodString;
        user_id: z.ZodNullable<z.ZodString>;
        model: z.ZodString;
        agent: z.ZodString;
        approval: z.ZodEnum<{
            auto: "auto";
            ask: "ask";
            "read-only": "read-only";
        }>;
        status: z.ZodEnum<{
            pending: "pending";
            starting: "starting";
            running: "running";
            waiting: "waiting";
            completed: "completed";
            failed: "failed";
            cancelled: "cancelled";
        }>;
        status_reason: z.ZodNullable<z.ZodString>;
        sandbox_id: z.ZodNullable<z.ZodString>;
        queued_turns: z.ZodNumber;
        last_seq: z.ZodNumber;
        usage: z.ZodObject<{
            input_tokens: z.ZodNumber;
            output_tokens: z.ZodNumber;
        }, z.core.$strip>;
        pending_interactions: z.ZodArray<z.ZodObject<{
            interaction_id: z.ZodString;
            kind: z.ZodEnum<{
                permission: "permission";
                question: "question";
            }>;
            tool_call_id: z.ZodString;
            request: z.ZodUnknown;
            expires_at: z.ZodString;
        }, z.core.$strip>>;
        created_at: z.ZodString;
        updated_at: z.ZodString;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type ProjectStatus = z.infer<typeof projectStatusSchema>;
/** `GET /agent/sessions/{id}/events`: a page of the event log. */
export declare const sessionEventsPageSchema: z.ZodObject<{
    events: z.ZodArray<z.ZodDiscriminatedUnion<[z.ZodObject<{
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
    }, z.core.$strip>], "name">>;
    next_since: z.ZodNumber;
}, z.core.$strip>;
export type SessionEventsPage = z.infer<typeof sessionEventsPageSchema>;
