import type { ModelMessage } from "ai";
import type { ProviderPrompt } from "./provider-model.js";
export declare function providerPrompt(system: string, messages: readonly ModelMessage[]): ProviderPrompt;
