/**
 * The events of an agent session: their names, payloads and the statuses
 * they carry are part of the wire protocol (`protocol/session-events.ts`);
 * the event log and the services import them from here.
 */
export { interactionKindSchema, interactionOutcomeSchema, isFinalStatus, sessionEventNames, sessionEventPayloadSchemas, sessionEventSchema, sessionStatusSchema, terminalStatuses, } from "../protocol/session-events.js";
//# sourceMappingURL=session-events.js.map