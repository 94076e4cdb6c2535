import type { LanguageModel } from "ai";
import { HangarError } from "../../core/errors.js";

/**
 * The provider-level model interface the built-in agent calls directly
 * (`doStream`, specification v3: what the installed @ai-sdk providers
 * implement), and the types of its call, derived from the AI SDK's own
 * `LanguageModel` so they follow the installed version.
 */
export type StreamingModel = Extract<Exclude<LanguageModel, string>, { readonly specificationVersion: "v3" }>;
export type ModelCallOptions = Parameters<StreamingModel["doStream"]>[0];
export type ProviderPrompt = ModelCallOptions["prompt"];
export type ProviderMessage = ProviderPrompt[number];
export type ProviderFunctionTool = Extract<
  NonNullable<ModelCallOptions["tools"]>[number],
  { type: "function" }
>;
export type ModelStreamPart =
  Awaited<ReturnType<StreamingModel["doStream"]>>["stream"] extends ReadableStream<infer Part> ? Part : never;

/** The model as the loop calls it; a global model id or an older specification is refused clearly. */
export function streamingModel(model: LanguageModel): StreamingModel {
  if (typeof model !== "string" && model.specificationVersion === "v3") return model;
  const name = typeof model === "string" ? model : `${model.provider}:${model.modelId}`;
  throw new HangarError(
    "MODEL_ERROR",
    `the built-in agent needs a provider model object of specification v3; "${name}" is not one`,
    { field: "model" },
  );
}
