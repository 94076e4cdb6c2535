import { afterEach, describe, expect, it } from "vitest";
import { isHangarError } from "../core/errors.js";
import type { RunService } from "../runs/run-types.js";
import { McpSessions } from "./mcp-sessions.js";

/** The bounds of MCP sessions: per-owner count, eviction of the idlest, idle expiry, owner scoping. */
describe("McpSessions", () => {
  let clock = 0;
  const opened: McpSessions[] = [];

  function sessions(maxPerOwner: number, idleMs = 60_000): McpSessions {
    const created = new McpSessions({
      services: {
        runService: {} as RunService,
        runLimits: { maxTimeoutMs: 1000, maxCodeBytes: 1000 },
        version: "test",
      },
      maxPerOwner,
      idleMs,
      now: () => clock,
    });
    opened.push(created);
    return created;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((each) => each.closeAll()));
    clock = 0;
  });

  it("hands a session only to its owner", async () => {
    const registry = sessions(4);
    const session = await registry.open("alice");
    expect(registry.get("alice", session.id)).toBe(session);
    expect(registry.get("bob", session.id)).toBeUndefined();
    expect(registry.get("alice", "no-such-id")).toBeUndefined();
  });

  it("at the bound closes the owner's least recently used idle session, never another owner's", async () => {
    const registry = sessions(2);
    const first = await registry.open("alice");
    clock = 10;
    const second = await registry.open("alice");
    const bobs = await registry.open("bob");
    clock = 20;
    first.begin()(); // first was used after second: second is now the least recently used
    const third = await registry.open("alice");
    expect(registry.countFor("alice")).toBe(2);
    expect(registry.get("alice", second.id)).toBeUndefined();
    expect(registry.get("alice", first.id)).toBe(first);
    expect(registry.get("alice", third.id)).toBe(third);
    expect(registry.get("bob", bobs.id)).toBe(bobs);
  });

  it("refuses with TOO_MANY_REQUESTS when every session of the owner has a request in flight", async () => {
    const registry = sessions(2);
    (await registry.open("alice")).begin();
    (await registry.open("alice")).begin();
    const refusal = await registry.open("alice").catch((error: unknown) => error);
    expect(isHangarError(refusal) && refusal.code).toBe("TOO_MANY_REQUESTS");
    expect(registry.countFor("alice")).toBe(2);
  });

  it("an open GET stream does not pin a session: it can still be evicted and expire", async () => {
    const registry = sessions(1, 1000);
    const streaming = await registry.open("alice");
    streaming.begin(true);
    clock = 5000;
    registry.sweepIdle();
    expect(registry.countFor("alice")).toBe(0);
  });

  it("closes sessions idle past idleMs, and keeps busy and recent ones", async () => {
    const registry = sessions(8, 1000);
    const idle = await registry.open("alice");
    const busy = await registry.open("alice");
    const end = busy.begin();
    clock = 900;
    const recent = await registry.open("alice");
    clock = 1500;
    registry.sweepIdle();
    expect(registry.get("alice", idle.id)).toBeUndefined();
    expect(registry.get("alice", busy.id)).toBe(busy);
    expect(registry.get("alice", recent.id)).toBe(recent);
    end();
    clock = 3000;
    registry.sweepIdle();
    expect(registry.size).toBe(0);
  });

  it("refuses new sessions once closed", async () => {
    const registry = sessions(2);
    await registry.open("alice");
    await registry.closeAll();
    expect(registry.size).toBe(0);
    const refusal = await registry.open("alice").catch((error: unknown) => error);
    expect(isHangarError(refusal) && refusal.code).toBe("SHUTTING_DOWN");
  });
});
