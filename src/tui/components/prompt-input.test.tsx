import { render } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PromptInput } from "./prompt-input.js";

/** Slow machines render late; a wait that finds the frame at once costs nothing. */
const eventually = { timeout: 10_000, interval: 10 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function renderInput(options: { history?: string[]; queued?: string[] } = {}) {
  const sent: string[] = [];
  const lines: number[] = [];
  const app = render(
    <PromptInput
      isActive
      queued={options.queued ?? []}
      history={options.history ?? []}
      onSubmit={(text) => sent.push(text)}
      onLinesChange={(count) => lines.push(count)}
    />,
  );
  unmount = app.unmount;
  return { app, sent, lines };
}

async function type(app: ReturnType<typeof render>, ...keys: string[]) {
  for (const key of keys) {
    app.stdin.write(key);
    await settle();
  }
}

describe("PromptInput", () => {
  it("sends on Enter and clears; an empty prompt is not sent", async () => {
    const { app, sent } = renderInput();
    await type(app, "h", "i", "\r", "\r");
    await vi.waitFor(() => expect(sent).toEqual(["hi"]), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).not.toContain("hi"), eventually);
  });

  it("starts a new line with Ctrl+J or Alt+Enter and sends both lines", async () => {
    const { app, sent, lines } = renderInput();
    await type(app, "a", "\n", "b", "\x1b\r", "c");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("› a\n  b\n  c"), eventually);
    expect(lines.at(-1)).toBe(3);
    await type(app, "\r");
    await vi.waitFor(() => expect(sent).toEqual(["a\nb\nc"]), eventually);
  });

  it("takes a paste whole, and text followed by Enter in one chunk as typed then sent", async () => {
    const { app, sent } = renderInput();
    await type(app, "first line\rsecond", "\x7f", "!\r");
    await vi.waitFor(() => expect(sent).toEqual(["first line\nsecon!"]), eventually);
  });

  it("walks the history with ↑ and ↓", async () => {
    const { app, sent } = renderInput({ history: ["one", "two"] });
    await type(app, "\x1b[A");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("› two"), eventually);
    await type(app, "\x1b[A", "\x1b[A");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("› one"), eventually);
    await type(app, "\x1b[B");
    await vi.waitFor(() => expect(app.lastFrame()).toContain("› two"), eventually);
    await type(app, "\r");
    await vi.waitFor(() => expect(sent).toEqual(["two"]), eventually);
  });

  it("shows the prompts queued while the agent works", async () => {
    const { app } = renderInput({ queued: ["run the tests", "then commit"] });
    await vi.waitFor(() => expect(app.lastFrame()).toContain("queued: run the tests"), eventually);
    await vi.waitFor(() => expect(app.lastFrame()).toContain("queued: then commit"), eventually);
  });

  it("ignores keys while another prompt has the input", async () => {
    const sent: string[] = [];
    const app = render(
      <PromptInput isActive={false} queued={[]} history={[]} onSubmit={(text) => sent.push(text)} />,
    );
    unmount = app.unmount;
    await type(app, "x", "\r");
    expect(sent).toEqual([]);
  });
});
