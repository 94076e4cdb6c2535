import { z } from "zod";
import { apiErrorSchema, approvalPolicySchema, cancelRequestSchema, chatRequestSchema, chatResponseSchema, interactionOutcomeSchema, languageInfoSchema, mimeBundleSchema, notebookInfoSchema, pendingInteractionSchema, projectStatusSchema, replyRequestSchema, replyResponseSchema, runAcceptedSchema, runFileSchema, runListSchema, runSummarySchema, pendingRunSchema, runResultSchema, runStatusSchema, runStreamMessageSchema, sessionEventPayloadSchemas, sessionEventSchema, sessionEventsPageSchema, sessionStatusSchema, sessionViewSchema, stopProjectRequestSchema, stopProjectResponseSchema, } from "../protocol/index.js";
import { isolationReportSchema, runServiceStatsSchema } from "./api-schemas.js";
/**
 * Names the wire protocol's schemas for the OpenAPI document: a schema with an
 * `id` in zod's global registry becomes `components.schemas.<id>` and every use
 * of it a `$ref` (fastify-type-provider-zod's transforms read that registry),
 * so a generated client gets one `SessionView` type instead of a copy per
 * route. The global registry, because `.describe()` keeps descriptions there:
 * a registry of our own would drop them from the document.
 */
export function nameSchema(schema, id) {
    // add() replaces a schema's metadata; its description must survive the naming.
    z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });
}
/** `session.status` → `SessionStatus`, `egress.denied` → `EgressDenied`. */
function pascalCase(dotted) {
    return dotted
        .split(/[._-]/)
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join("");
}
let isNamed = false;
/** Names every shared schema once per process (servers in one process share the registry). */
export function nameProtocolSchemas() {
    if (isNamed)
        return;
    isNamed = true;
    const named = [
        [apiErrorSchema, "ApiError"],
        [runStatusSchema, "RunStatus"],
        [runFileSchema, "RunFile"],
        [mimeBundleSchema, "MimeBundle"],
        [runResultSchema, "RunResult"],
        [runStreamMessageSchema, "RunStreamMessage"],
        [runAcceptedSchema, "RunAccepted"],
        [pendingRunSchema, "PendingRun"],
        [runSummarySchema, "RunSummary"],
        [runListSchema, "RunList"],
        [languageInfoSchema, "LanguageInfo"],
        [notebookInfoSchema, "NotebookInfo"],
        [approvalPolicySchema, "ApprovalPolicy"],
        [chatRequestSchema, "ChatRequest"],
        [chatResponseSchema, "ChatResponse"],
        [cancelRequestSchema, "CancelRequest"],
        [replyRequestSchema, "ReplyRequest"],
        [replyResponseSchema, "ReplyResponse"],
        [interactionOutcomeSchema, "InteractionOutcome"],
        [stopProjectRequestSchema, "StopProjectRequest"],
        [stopProjectResponseSchema, "StopProjectResponse"],
        [sessionStatusSchema, "SessionStatus"],
        [sessionViewSchema, "SessionView"],
        [pendingInteractionSchema, "PendingInteraction"],
        [projectStatusSchema, "ProjectStatus"],
        [sessionEventSchema, "SessionEvent"],
        [sessionEventsPageSchema, "SessionEventsPage"],
        [runServiceStatsSchema, "RunServiceStats"],
        [isolationReportSchema, "IsolationReport"],
    ];
    for (const option of runStreamMessageSchema.options) {
        named.push([option, `Run${pascalCase(option.shape.event.value)}Message`]);
    }
    for (const option of sessionEventSchema.options) {
        named.push([option, `${pascalCase(option.shape.name.value)}Event`]);
    }
    for (const [name, payload] of Object.entries(sessionEventPayloadSchemas)) {
        named.push([payload, `${pascalCase(name)}Data`]);
    }
    for (const [schema, id] of named)
        nameSchema(schema, id);
}
//# sourceMappingURL=openapi-components.js.map