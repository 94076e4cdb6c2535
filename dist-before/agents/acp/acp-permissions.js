const changesNothing = new Set(["read", "search", "think", "fetch"]);
export async function answerPermission(request, policy, interactions, signal) {
    const options = (request.options ?? []).filter((option) => typeof option.optionId === "string");
    const kind = request.toolCall?.kind ?? "other";
    const approved = policy === "auto" ? true : policy === "read-only" ? changesNothing.has(kind) : undefined;
    if (approved !== undefined)
        return chosen(options, approved);
    const title = request.toolCall?.title ?? kind;
    const decision = await interactions.decidePermission({
        toolCallId: request.toolCall?.toolCallId ?? `permission-${title}`,
        tool: title,
        input: request.toolCall?.rawInput,
        summary: `${kind}: ${title}`,
        choices: options.map((option) => option.optionId),
    }, signal);
    if (decision.choice !== undefined)
        return { optionId: decision.choice };
    return chosen(options, decision.approved);
}
/** The agent's one-time allow (or reject) option, else its "always" one; cancelled when it offers neither. */
function chosen(options, approved) {
    const preferred = approved ? ["allow_once", "allow_always"] : ["reject_once", "reject_always"];
    for (const kind of preferred) {
        const option = options.find((candidate) => candidate.kind === kind);
        if (option !== undefined)
            return { optionId: option.optionId };
    }
    return { cancelled: true };
}
//# sourceMappingURL=acp-permissions.js.map