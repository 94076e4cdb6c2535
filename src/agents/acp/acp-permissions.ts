import type { AgentInteractions } from "../agent-driver.js";
import type { ApprovalPolicy } from "../builtin/approval-policy.js";

/**
 * Answers an ACP agent's `session/request_permission` by the session's
 * approval policy: `auto` allows, `read-only` allows only steps that change
 * nothing (ACP tool kinds read, search, think, fetch) and rejects the rest,
 * `ask` stores an interaction whose choices are the agent's options, and a
 * front end's answer picks one (or approve/deny picks the agent's allow/reject
 * option). The answer goes back to the agent as the chosen option.
 */

/** The parts of ACP's `RequestPermissionRequest` params used here. */
export interface AcpPermissionRequest {
  toolCall?: { toolCallId?: string; title?: string | null; kind?: string | null; rawInput?: unknown };
  options?: { optionId?: string; name?: string; kind?: string }[];
}

export type PermissionAnswer = { optionId: string } | { cancelled: true };

const changesNothing = new Set(["read", "search", "think", "fetch"]);

export async function answerPermission(
  request: AcpPermissionRequest,
  policy: ApprovalPolicy,
  interactions: AgentInteractions,
  signal: AbortSignal,
): Promise<PermissionAnswer> {
  const options = (request.options ?? []).filter(
    (option): option is { optionId: string; name?: string; kind?: string } =>
      typeof option.optionId === "string",
  );
  const kind = request.toolCall?.kind ?? "other";
  const approved = policy === "auto" ? true : policy === "read-only" ? changesNothing.has(kind) : undefined;
  if (approved !== undefined) return chosen(options, approved);
  const title = request.toolCall?.title ?? kind;
  const decision = await interactions.decidePermission(
    {
      toolCallId: request.toolCall?.toolCallId ?? `permission-${title}`,
      tool: title,
      input: request.toolCall?.rawInput,
      summary: `${kind}: ${title}`,
      choices: options.map((option) => option.optionId),
    },
    signal,
  );
  if (decision.choice !== undefined) return { optionId: decision.choice };
  return chosen(options, decision.approved);
}

/** The agent's one-time allow (or reject) option, else its "always" one; cancelled when it offers neither. */
function chosen(options: { optionId: string; kind?: string }[], approved: boolean): PermissionAnswer {
  const preferred = approved ? ["allow_once", "allow_always"] : ["reject_once", "reject_always"];
  for (const kind of preferred) {
    const option = options.find((candidate) => candidate.kind === kind);
    if (option !== undefined) return { optionId: option.optionId };
  }
  return { cancelled: true };
}
