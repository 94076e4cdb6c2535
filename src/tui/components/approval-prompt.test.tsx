import { render } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { InteractionRequestEvent } from "../../protocol/index.js";
import type { PermissionAnswer } from "../session-controller.js";
import { ApprovalPrompt } from "./approval-prompt.js";

const permission: InteractionRequestEvent = {
  session_id: "ses_1",
  seq: 4,
  name: "permission.requested",
  data: {
    interaction_id: "i1",
    tool_call_id: "c1",
    tool: "bash",
    input: { command: "rm -rf build" },
    summary: "bash: rm -rf build",
    expires_at: "2026-01-01T00:10:00Z",
  },
  created_at: "2026-01-01T00:00:00Z",
};

const question: InteractionRequestEvent = {
  session_id: "ses_1",
  seq: 5,
  name: "question.asked",
  data: {
    interaction_id: "q1",
    tool_call_id: "c2",
    question: "Which port?",
    choices: ["80", "8080"],
    expires_at: "2026-01-01T00:10:00Z",
  },
  created_at: "2026-01-01T00:00:00Z",
};

/** Lets Ink read the keys written and render. */
/** Slow machines render late; a wait that finds the frame at once costs nothing. */
const eventually = { timeout: 10_000, interval: 10 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function renderPrompt(request: InteractionRequestEvent) {
  const permissions: PermissionAnswer[] = [];
  const answers: string[] = [];
  const app = render(
    <ApprovalPrompt
      request={request}
      isActive
      onPermission={(answer) => permissions.push(answer)}
      onAnswer={(text) => answers.push(text)}
    />,
  );
  unmount = app.unmount;
  return { app, permissions, answers };
}

describe("ApprovalPrompt", () => {
  it("asks for a permission with the three choices and answers y with allow once, once only", async () => {
    const { app, permissions } = renderPrompt(permission);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("Allow bash: rm -rf build?"), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("[y] Allow once"), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("[a] Always for this session"), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("[n] Deny"), eventually);
    app.stdin.write("y");
    await settle();
    app.stdin.write("n");
    await settle();
    await vi.waitFor(() => expect(permissions).toEqual(["once"]), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("sending…"), eventually);
  });

  it("picks with the arrows and Enter: down once is always for this session", async () => {
    const { app, permissions } = renderPrompt(permission);
    app.stdin.write("\x1b[B");
    await settle();
    app.stdin.write("\r");
    await settle();
    await vi.waitFor(() => expect(permissions).toEqual(["always"]), eventually);
  });

  it("denies with n", async () => {
    const { app, permissions } = renderPrompt(permission);
    app.stdin.write("n");
    await settle();
    await vi.waitFor(() => expect(permissions).toEqual(["deny"]), eventually);
  });

  it("answers a question with a chosen choice", async () => {
    const { app, answers } = renderPrompt(question);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("? Which port?"), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("1. 80"), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("2. 8080"), eventually);
    app.stdin.write("\x1b[B");
    await settle();
    app.stdin.write("\r");
    await settle();
    await vi.waitFor(() => expect(answers).toEqual(["8080"]), eventually);
  });

  it("answers a question with free text typed instead of a choice", async () => {
    const { app, answers } = renderPrompt(question);
    for (const key of ["3", "0", "0", "1", "\x7f", "0"]) {
      app.stdin.write(key);
      await settle();
    }
    await vi.waitFor(() => expect(app.lastFrame()).toContain("› 3000"), eventually);
    app.stdin.write("\r");
    await settle();
    await vi.waitFor(() => expect(answers).toEqual(["3000"]), eventually);
  });
});
