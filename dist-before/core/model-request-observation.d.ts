/**
 * One model request as metrics see it, whoever made it (the built-in agent's model
 * client, or the relay for an external agent): which provider, how long, whether it worked.
 */
export interface ModelRequestObservation {
    /** The provider's name in `[llm]` (`openai`, `anthropic`, a custom one). */
    provider: string;
    /** From sending the request to the end of the answer (the last streamed chunk). */
    seconds: number;
    outcome: "ok" | "error";
}
export type ObserveModelRequest = (observation: ModelRequestObservation) => void;
