import { describe, expect, it, vi } from "vitest";
import { newSandboxId } from "../core/ids.js";
import type { Sandbox } from "../sandbox/sandbox-port.js";
import { Notebooks, type KernelHandle, type Notebook } from "./notebooks.js";

/** A sandbox that only records what Notebooks asks of it, in order, with the other events of a test. */
function recordingSandbox(events: string[], name: string, cpuSeconds: () => number | undefined): Sandbox {
  return {
    id: newSandboxId(),
    owner: "owner",
    workspacePath: "/workspace",
    spawn: () => Promise.reject(new Error("not used")),
    readFile: () => Promise.resolve(undefined),
    writeFile: () => Promise.resolve(),
    listFiles: () => Promise.resolve([]),
    isAlive: () => Promise.resolve(true),
    destroy: async () => void events.push(`${name}:destroy`),
    freeze: async () => {
      events.push(`${name}:freeze`);
      return true;
    },
    thaw: async () => void events.push(`${name}:thaw`),
    cpuUsageSeconds: async () => cpuSeconds(),
  };
}

function setUp(options: { cpuBudgetSeconds?: number; cpuSeconds?: () => number | undefined } = {}) {
  const events: string[] = [];
  let created = 0;
  const notebooks = new Notebooks({
    createSandbox: async () => {
      created++;
      events.push(`sandbox${created}:create`);
      return recordingSandbox(events, `sandbox${created}`, options.cpuSeconds ?? (() => 0));
    },
    idleTtlMs: 60_000,
    maxPerOwner: 4,
    freezeDelayMs: 0,
    ...(options.cpuBudgetSeconds === undefined ? {} : { cpuBudgetSeconds: options.cpuBudgetSeconds }),
  });
  return { events, notebooks };
}

/** Lets the freeze after a run (freezeDelayMs 0) happen. */
function idle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}

/** A kernel that is only its kill, recorded. */
function fakeKernel(events: string[]): KernelHandle {
  return {
    client: { alive: true, collectBackground: async () => undefined } as unknown as KernelHandle["client"],
    process: {} as KernelHandle["process"],
    kill: () => void events.push("kernel:kill"),
  };
}

describe("Notebooks freezing between runs", () => {
  it("freezes the sandbox once a run is over and thaws it before the next, also after a failed run", async () => {
    const { events, notebooks } = setUp();
    await notebooks.withNotebook("owner", "s", async () => void events.push("run1"));
    await idle();
    await expect(
      notebooks.withNotebook("owner", "s", async () => {
        events.push("run2");
        throw new Error("the run failed");
      }),
    ).rejects.toThrow("the run failed");
    await idle();
    expect(events).toEqual([
      "sandbox1:create",
      "run1",
      "sandbox1:freeze",
      "sandbox1:thaw",
      "run2",
      "sandbox1:freeze",
    ]);
    await notebooks.closeAll();
  });

  it("thaws a frozen notebook before its kernels are killed and its sandbox destroyed", async () => {
    const { events, notebooks } = setUp();
    await notebooks.withNotebook("owner", "s", async (notebook) => {
      notebook.kernels.set("python", fakeKernel(events));
    });
    await idle();
    events.length = 0;
    expect(await notebooks.delete("owner", "s")).toBe(true);
    expect(events).toEqual(["sandbox1:thaw", "kernel:kill", "sandbox1:destroy"]);
  });

  it("runs in quick succession skip the freeze between them", async () => {
    const { events, notebooks } = setUp();
    let release!: () => void;
    const first = notebooks.withNotebook("owner", "s", async () => {
      events.push("run1");
      await new Promise<void>((resolve) => (release = resolve));
    });
    const second = notebooks.withNotebook("owner", "s", async () => void events.push("run2"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([first, second]);
    await idle();
    expect(events).toEqual(["sandbox1:create", "run1", "run2", "sandbox1:freeze"]);
    await notebooks.closeAll();
  });
});

describe("Notebooks CPU budget", () => {
  it("stays silent within the budget and where the CPU is not counted", async () => {
    const within = setUp({ cpuBudgetSeconds: 10, cpuSeconds: () => 9.5 });
    expect(
      await within.notebooks.withNotebook("owner", "s", (notebook) =>
        within.notebooks.spentCpuBudget(notebook),
      ),
    ).toBeUndefined();
    const uncounted = setUp({ cpuBudgetSeconds: 10, cpuSeconds: () => undefined });
    expect(
      await uncounted.notebooks.withNotebook("owner", "s", (notebook) =>
        uncounted.notebooks.spentCpuBudget(notebook),
      ),
    ).toBeUndefined();
    const unlimited = setUp({ cpuSeconds: () => 1e9 });
    expect(
      await unlimited.notebooks.withNotebook("owner", "s", (notebook) =>
        unlimited.notebooks.spentCpuBudget(notebook),
      ),
    ).toBeUndefined();
    for (const { notebooks } of [within, uncounted, unlimited]) await notebooks.closeAll();
  });

  it("past the budget ends the notebook after the run, and the next run gets a fresh one with its kernels lost", async () => {
    let cpuSeconds = 0.5;
    const { events, notebooks } = setUp({ cpuBudgetSeconds: 1, cpuSeconds: () => cpuSeconds });
    let first!: Notebook;
    const report = await notebooks.withNotebook("owner", "s", async (notebook) => {
      first = notebook;
      notebook.kernels.set("python", fakeKernel(events));
      cpuSeconds = 2.5;
      return notebooks.spentCpuBudget(notebook);
    });
    expect(report).toEqual({ usedSeconds: 2.5, budgetSeconds: 1 });
    // The answer does not wait for the end; it follows right after.
    await vi.waitFor(() => expect(events).toHaveLength(3));
    expect(events).toEqual(["sandbox1:create", "kernel:kill", "sandbox1:destroy"]);
    expect(notebooks.list("owner")).toEqual([]);

    cpuSeconds = 0;
    const second = await notebooks.withNotebook("owner", "s", async (notebook) => notebook);
    expect(second).not.toBe(first);
    expect([...second.lostKernels]).toEqual(["python"]);
    await idle();
    expect(events.slice(3)).toEqual(["sandbox2:create", "sandbox2:freeze"]);
    await notebooks.closeAll();
  });

  it("a run queued behind the one that spent the budget runs in a fresh notebook", async () => {
    const { events, notebooks } = setUp({ cpuBudgetSeconds: 1, cpuSeconds: () => 5 });
    const first = notebooks.withNotebook("owner", "s", (notebook) => notebooks.spentCpuBudget(notebook));
    const second = notebooks.withNotebook("owner", "s", async () => void events.push("run2"));
    await Promise.all([first, second]);
    await idle();
    expect(events).toEqual([
      "sandbox1:create",
      "sandbox1:destroy",
      "sandbox2:create",
      "run2",
      "sandbox2:freeze",
    ]);
    await notebooks.closeAll();
  });
});
