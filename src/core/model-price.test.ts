import { describe, expect, it } from "vitest";
import { costOf, formatUsd } from "./model-price.js";

describe("costOf", () => {
  const prices = { "openai:gpt-5": { inputPerMillion: 1.25, outputPerMillion: 10 } };

  it("prices tokens per million, and knows nothing of a model without a price", () => {
    expect(costOf(prices, "openai:gpt-5", 2_000_000, 100_000)).toBeCloseTo(3.5);
    expect(costOf(prices, "ollama:qwen", 1000, 1000)).toBeUndefined();
    expect(costOf(prices, undefined, 1000, 1000)).toBeUndefined();
  });

  it("writes dollars with cents, and less than a cent with four digits", () => {
    expect([0, 0.00421, 0.04, 3.5].map(formatUsd)).toEqual(["$0.00", "$0.0042", "$0.04", "$3.50"]);
  });
});
