import { describe, expect, it } from "vitest";
import type { AgentInteractions, PermissionDecision, PermissionRequest } from "../agent-driver.js";
import { answerPermission, type AcpPermissionRequest } from "./acp-permissions.js";

const options = [
  { optionId: "allow", name: "Allow", kind: "allow_once" },
  { optionId: "always", name: "Always allow", kind: "allow_always" },
  { optionId: "reject", name: "Reject", kind: "reject_once" },
];
const write: AcpPermissionRequest = {
  toolCall: { toolCallId: "t1", title: "Write hello.txt", kind: "edit", rawInput: { path: "hello.txt" } },
  options,
};
const read: AcpPermissionRequest = { toolCall: { toolCallId: "t2", title: "Read a", kind: "read" }, options };

function humans(decision: PermissionDecision) {
  const asked: PermissionRequest[] = [];
  const interactions: AgentInteractions = {
    requestPermission: () => Promise.reject(new Error("not used")),
    askUser: () => Promise.reject(new Error("not used")),
    decidePermission: async (request) => {
      asked.push(request);
      return decision;
    },
  };
  return { asked, interactions };
}

const signal = new AbortController().signal;

describe("answerPermission", () => {
  it("auto allows with the agent's one-time option, without asking", async () => {
    const { asked, interactions } = humans({ approved: false });
    expect(await answerPermission(write, "auto", interactions, signal)).toEqual({ optionId: "allow" });
    expect(asked).toEqual([]);
  });

  it("read-only allows reads and rejects writes and commands", async () => {
    const { asked, interactions } = humans({ approved: true });
    expect(await answerPermission(read, "read-only", interactions, signal)).toEqual({ optionId: "allow" });
    expect(await answerPermission(write, "read-only", interactions, signal)).toEqual({ optionId: "reject" });
    const command = { ...write, toolCall: { ...write.toolCall, kind: "execute" } };
    expect(await answerPermission(command, "read-only", interactions, signal)).toEqual({
      optionId: "reject",
    });
    expect(asked).toEqual([]);
  });

  it("ask stores the agent's options as choices and answers with the one picked", async () => {
    const picked = humans({ approved: true, choice: "always" });
    expect(await answerPermission(write, "ask", picked.interactions, signal)).toEqual({ optionId: "always" });
    expect(picked.asked).toEqual([
      {
        toolCallId: "t1",
        tool: "Write hello.txt",
        input: { path: "hello.txt" },
        summary: "edit: Write hello.txt",
        choices: ["allow", "always", "reject"],
      },
    ]);
    expect(await answerPermission(write, "ask", humans({ approved: false }).interactions, signal)).toEqual({
      optionId: "reject",
    });
    expect(await answerPermission(write, "ask", humans({ approved: true }).interactions, signal)).toEqual({
      optionId: "allow",
    });
  });

  it("is cancelled when the agent offers no option of the decided kind", async () => {
    const onlyAllow = { ...write, options: [options[0]!] };
    expect(
      await answerPermission(onlyAllow, "read-only", humans({ approved: true }).interactions, signal),
    ).toEqual({
      cancelled: true,
    });
  });
});
