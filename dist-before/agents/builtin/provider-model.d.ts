import type { LanguageModel } from "ai";
/**
 * The provider-level model interface the built-in agent calls directly
 * (`doStream`, specification v3: what the installed @ai-sdk providers
 * implement), and the types of its call, derived from the AI SDK's own
 * `LanguageModel` so they follow the installed version.
 */
export type StreamingModel = Extract<Exclude<LanguageModel, string>, {
    readonly specificationVersion: "v3";
}>;
export type ModelCallOptions = Parameters<StreamingModel["doStream"]>[0];
export type ProviderPrompt = ModelCallOptions["prompt"];
export type ProviderMessage = ProviderPrompt[number];
export type ProviderFunctionTool = Extract<NonNullable<ModelCallOptions["tools"]>[number], {
    type: "function";
}>;
export type ModelStreamPart = Awaited<ReturnType<StreamingModel["doStream"]>>["stream"] extends ReadableStream<infer Part> ? Part : never;
/** The model as the loop calls it; a global model id or an older specification is refused clearly. */
export declare function streamingModel(model: LanguageModel): StreamingModel;
