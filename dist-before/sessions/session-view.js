export function presentSession(session, extra) {
    return {
        session_id: session.id,
        project_id: session.projectId,
        user_id: session.userId,
        model: session.model,
        agent: session.agent,
        approval: session.approval,
        status: session.status,
        status_reason: session.statusReason,
        sandbox_id: session.sandboxId,
        queued_turns: extra.queuedTurns,
        last_seq: extra.lastSeq,
        usage: { input_tokens: session.inputTokens, output_tokens: session.outputTokens },
        pending_interactions: extra.pendingInteractions,
        created_at: session.createdAt.toISOString(),
        updated_at: session.updatedAt.toISOString(),
    };
}
//# sourceMappingURL=session-view.js.map