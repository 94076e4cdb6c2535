import { describe, expect, it } from "vitest";
import { markdownToTelegram } from "./markdown-to-telegram.js";
import { formatUsd } from "../../core/model-price.js";
import { addUsage, formatTokens, turnSummary } from "./turn-summary.js";

describe("turnSummary", () => {
  it("says how the turn ended, how long it took and what it used", () => {
    expect(
      turnSummary({
        outcome: "completed",
        durationMs: 65_000,
        usage: { inputTokens: 12_345, outputTokens: 1_200, costUsd: 0.0421 },
      }),
    ).toBe("✅ Completed in 1m05s · 12.3k tokens in / 1.2k out · $0.04");
    expect(turnSummary({ outcome: "completed" })).toBe("✅ Completed");
  });

  it("gives the reason of a failure or a cancellation, on one line, escaped", () => {
    expect(turnSummary({ outcome: "failed", reason: "model error:\n  429 *rate* limited" })).toBe(
      "❌ Failed: model error: 429 \\*rate\\* limited",
    );
    expect(turnSummary({ outcome: "cancelled", reason: "cancelled from Slack" })).toBe(
      "⏹️ Cancelled: cancelled from Slack",
    );
    expect(turnSummary({ outcome: "cancelled" })).toBe("⏹️ Cancelled");
    const long = turnSummary({ outcome: "failed", reason: "x".repeat(1000) });
    expect([...long].length).toBeLessThan(320);
    expect(markdownToTelegram(turnSummary({ outcome: "failed", reason: "a_b (c) [d] `e`" }))).toBe(
      "❌ Failed: a\\_b \\(c\\) \\[d\\] \\`e\\`",
    );
  });

  it("leaves out usage the turn did not report", () => {
    expect(turnSummary({ outcome: "completed", usage: { inputTokens: 0, outputTokens: 0 } })).toBe(
      "✅ Completed",
    );
    expect(turnSummary({ outcome: "completed", usage: { inputTokens: 900, outputTokens: 5 } })).toBe(
      "✅ Completed · 900 tokens in / 5 out",
    );
  });

  it("adds up the turn's usage events", () => {
    const event = (input: number, output: number) => ({
      input_tokens: input,
      output_tokens: output,
      session_input_tokens: 99_999,
      session_output_tokens: 99_999,
    });
    const total = [event(1000, 10), event(2500, 40)].reduce(addUsage, undefined);
    expect(total).toEqual({ inputTokens: 3500, outputTokens: 50 });
  });

  it("formats tokens and cost compactly", () => {
    expect([0, 999, 1000, 12_345, 999_949, 999_950, 2_500_000].map(formatTokens)).toEqual([
      "0",
      "999",
      "1k",
      "12.3k",
      "999.9k",
      "1M",
      "2.5M",
    ]);
    expect([0, 0.0042, 0.04, 12.5].map(formatUsd)).toEqual(["$0.00", "$0.0042", "$0.04", "$12.50"]);
  });
});
