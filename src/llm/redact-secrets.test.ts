import { describe, expect, it } from "vitest";
import { redactSecrets, redactText } from "./redact-secrets.js";

const secrets = ["sk-live-123456", "sk-live-123456-extended", "anthropic-key-789"];

describe("redactText", () => {
  it("replaces every occurrence of every secret", () => {
    expect(redactText("a sk-live-123456 b anthropic-key-789 c sk-live-123456", secrets)).toBe(
      "a [redacted] b [redacted] c [redacted]",
    );
  });

  it("replaces `Bearer <secret>` whole, and the longest secret first", () => {
    expect(redactText("Authorization: Bearer sk-live-123456-extended;", secrets)).toBe(
      "Authorization: [redacted];",
    );
  });

  it("treats secrets as text, not as patterns", () => {
    expect(redactText("key a.b*c+ and axbbbc", ["a.b*c+"])).toBe("key [redacted] and axbbbc");
  });

  it("leaves text alone without usable secrets (none, empty, too short to mean anything)", () => {
    expect(redactText("a b c", [])).toBe("a b c");
    expect(redactText("a b c", ["", "b"])).toBe("a b c");
  });
});

describe("redactSecrets", () => {
  it("redacts strings and keys deep inside JSON-able values, without changing the input", () => {
    const input = {
      headers: { authorization: "Bearer sk-live-123456", "x-api-key": "anthropic-key-789" },
      list: ["ok", "sk-live-123456", 42, null, true],
      "sk-live-123456": "as a key",
    };
    const copy = structuredClone(input);
    expect(redactSecrets(input, secrets)).toEqual({
      headers: { authorization: "[redacted]", "x-api-key": "[redacted]" },
      list: ["ok", "[redacted]", 42, null, true],
      "[redacted]": "as a key",
    });
    expect(input).toEqual(copy);
  });

  it("survives cycles", () => {
    const looped: Record<string, unknown> = { key: "sk-live-123456" };
    looped.self = looped;
    const redacted = redactSecrets(looped, secrets);
    expect(redacted.key).toBe("[redacted]");
    expect(redacted.self).toBe(redacted);
  });

  it("redacts a plain string", () => {
    expect(redactSecrets("x anthropic-key-789", secrets)).toBe("x [redacted]");
  });
});
