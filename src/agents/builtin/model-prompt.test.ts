import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { providerPrompt } from "./model-prompt.js";

const toolResult = (toolCallId: string, value: string): ModelMessage => ({
  role: "tool",
  content: [{ type: "tool-result", toolCallId, toolName: "read_file", output: { type: "text", value } }],
});

describe("providerPrompt", () => {
  const messages: ModelMessage[] = [
    { role: "user", content: "Read a and b." },
    {
      role: "assistant",
      content: [
        { type: "text", text: "" },
        { type: "tool-call", toolCallId: "a", toolName: "read_file", input: { path: "a" } },
        { type: "tool-call", toolCallId: "b", toolName: "read_file", input: { path: "b" } },
      ],
    },
    toolResult("a", "A"),
    toolResult("b", "B"),
  ];

  it("puts the system prompt first, drops empty text and joins one step's tool results", () => {
    const prompt = providerPrompt("system text", messages);
    expect(prompt.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(prompt[0]).toEqual({ role: "system", content: "system text" });
    expect(prompt[1]?.content).toEqual([{ type: "text", text: "Read a and b." }]);
    expect((prompt[2]?.content as Array<{ type: string }>).map((part) => part.type)).toEqual([
      "tool-call",
      "tool-call",
    ]);
    expect((prompt[3]?.content as Array<{ toolCallId: string }>).map((part) => part.toolCallId)).toEqual([
      "a",
      "b",
    ]);
  });

  it("converts each message once: later steps reuse it, and joining does not change it", () => {
    const first = providerPrompt("system text", messages);
    const later = providerPrompt("system text", [...messages, { role: "user", content: "more" }]);
    expect(later[1]).toBe(first[1]);
    expect(later[2]).toBe(first[2]);
    // The joined tool message is new each time; the cached single ones keep one result each.
    const alone = providerPrompt("system text", [messages[3]!]);
    expect(alone[1]?.content).toHaveLength(1);
    expect(later[3]?.content).toHaveLength(2);
  });
});
