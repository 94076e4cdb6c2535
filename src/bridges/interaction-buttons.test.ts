import { describe, expect, it } from "vitest";
import type { InteractionRequestEvent } from "../protocol/index.js";
import {
  answerFor,
  decodePress,
  interactionMessage,
  maximumButtonDataBytes,
  outcomeLine,
} from "./interaction-buttons.js";

const interactionId = "int_0123456789abcdef";

function permission(choices?: string[]): InteractionRequestEvent {
  return {
    session_id: "ses_1",
    seq: 5,
    name: "permission.requested",
    created_at: "2026-12-05T00:00:00.000Z",
    data: {
      interaction_id: interactionId,
      tool_call_id: "call_1",
      tool: "bash",
      summary: "bash: pytest -q",
      expires_at: "2026-12-05T00:10:00.000Z",
      ...(choices === undefined ? {} : { choices }),
    },
  };
}

function question(choices?: string[]): InteractionRequestEvent {
  return {
    session_id: "ses_1",
    seq: 6,
    name: "question.asked",
    created_at: "2026-12-05T00:00:00.000Z",
    data: {
      interaction_id: interactionId,
      tool_call_id: "call_2",
      question: "Which database?",
      expires_at: "2026-12-05T00:10:00.000Z",
      ...(choices === undefined ? {} : { choices }),
    },
  };
}

function pressOf(message: ReturnType<typeof interactionMessage>, label: RegExp) {
  const button = message.buttons?.flat().find((each) => label.test(each.label));
  expect(button, String(label)).toBeDefined();
  return decodePress(button!.data)!;
}

describe("interaction buttons", () => {
  it("offers Allow and Deny, and Always only when the agent has an always choice", () => {
    const builtin = interactionMessage(permission());
    expect(builtin.markdown).toContain("`bash: pytest -q`");
    expect(builtin.buttons?.flat().map((each) => each.label)).toEqual(["✅ Allow", "⛔ Deny"]);
    const external = interactionMessage(permission(["allow_once", "allow_always", "reject_once"]));
    expect(external.buttons?.flat().map((each) => each.label)).toEqual([
      "✅ Allow",
      "♾️ Always for this session",
      "⛔ Deny",
    ]);
  });

  it("round-trips every press through data within 64 bytes into the reply it makes", () => {
    const request = permission(["allow_once", "allow_always", "reject_once"]);
    const message = interactionMessage(request);
    for (const button of message.buttons!.flat()) {
      expect(Buffer.byteLength(button.data)).toBeLessThanOrEqual(maximumButtonDataBytes);
    }
    expect(answerFor(pressOf(message, /Allow/), request)).toEqual({ approved: true, answer: "allow_once" });
    expect(answerFor(pressOf(message, /Always/), request)).toEqual({
      approved: true,
      answer: "allow_always",
    });
    expect(answerFor(pressOf(message, /Deny/), request)).toEqual({ approved: false, answer: "reject_once" });
    expect(answerFor(pressOf(interactionMessage(permission()), /Deny/), permission())).toEqual({
      approved: false,
    });
  });

  it("turns a question's choices into one button each, and asks for a reply without choices", () => {
    const request = question(["postgres", "sqlite"]);
    const message = interactionMessage(request);
    expect(message.buttons).toHaveLength(2);
    expect(answerFor(pressOf(message, /sqlite/), request)).toEqual({ answer: "sqlite" });
    const open = interactionMessage(question());
    expect(open.buttons).toEqual([]);
    expect(open.markdown).toContain("Reply to this message");
  });

  it("refuses data no Hangar button carries, and a choice that does not exist", () => {
    for (const data of [
      "",
      "x:int_1:o",
      "p:int_1:z",
      "q:int_1:a",
      "p::o",
      `p:${"a".repeat(57)}:o`,
      "q:int 1:0",
    ]) {
      expect(decodePress(data), data).toBeUndefined();
    }
    expect(answerFor({ kind: "question", interactionId, choice: 5 }, question(["a"]))).toBeUndefined();
    expect(answerFor({ kind: "question", interactionId, choice: 0 }, permission())).toBeUndefined();
  });

  it("says how an interaction ended and who answered it", () => {
    expect(outcomeLine("approved", undefined, "alice")).toBe("✅ approved by alice");
    expect(outcomeLine("answered", "sqlite", undefined)).toBe("💬 answered: sqlite");
    expect(outcomeLine("timeout", undefined, undefined)).toBe("⌛ timeout");
  });
});
