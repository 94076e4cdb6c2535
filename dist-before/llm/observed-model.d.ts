import { type LanguageModel } from "ai";
import type { ObserveModelRequest } from "../core/model-request-observation.js";
type LanguageModelObject = Exclude<LanguageModel, string>;
/**
 * The model with every request timed: a streamed answer counts until its stream ends
 * (an error part makes it an error), whoever reads it.
 */
export declare function observedModel(model: LanguageModelObject, provider: string, observe: ObserveModelRequest): LanguageModelObject;
export {};
