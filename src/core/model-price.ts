// What a model's tokens cost, from `[llm.prices]`: Hangar knows no price list of
// its own (prices change, local models are free), so cost shows only where the
// operator has said what a model costs.

export interface ModelPrice {
  /** US dollars per million input tokens. */
  readonly inputPerMillion: number;
  /** US dollars per million output tokens. */
  readonly outputPerMillion: number;
}

export type ModelPrices = Readonly<Record<string, ModelPrice>>;

/** The cost in US dollars of the tokens, or undefined when the model has no price. */
export function costOf(
  prices: ModelPrices,
  model: string | undefined,
  inputTokens: number,
  outputTokens: number,
): number | undefined {
  const price = model === undefined ? undefined : prices[model];
  if (price === undefined) return undefined;
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
}

/** `$1.23`, `$0.05`; below a cent, four digits (`$0.0042`) so a cheap turn does not read as free. */
export function formatUsd(usd: number): string {
  return usd > 0 && usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}
