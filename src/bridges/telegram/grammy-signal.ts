import type { Api } from "grammy";

/** grammY types its signals with the `abort-controller` shim's class; at run time it takes Node's own. */
export type GrammySignal = NonNullable<Parameters<Api["getMe"]>[0]>;

export function forGrammy(signal: AbortSignal): GrammySignal {
  return signal as unknown as GrammySignal;
}

export function fromGrammy(signal: GrammySignal | undefined): AbortSignal | undefined {
  return signal as unknown as AbortSignal | undefined;
}
