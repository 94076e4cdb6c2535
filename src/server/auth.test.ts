import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { assertSafeBinding, createKeyMatcher, isLoopbackHost } from "./auth.js";

const keys = [
  { key: "first-key-0123456789", owner: "alice", admin: false },
  { key: "second-key-012345678", owner: "bob", admin: true },
];

describe("createKeyMatcher", () => {
  const matcher = createKeyMatcher(keys);
  const ownerFor = (header: string | undefined) => matcher(header)?.owner;

  it("maps a bearer key to its owner and admin flag", () => {
    expect(matcher("Bearer first-key-0123456789")).toMatchObject({ owner: "alice", admin: false });
    expect(matcher("bearer   second-key-012345678 ")).toMatchObject({ owner: "bob", admin: true });
  });

  it("rejects missing, malformed and near-miss keys", () => {
    for (const header of [
      undefined,
      "",
      "Bearer",
      "Bearer ",
      "first-key-0123456789",
      "Basic first-key-0123456789",
      "Bearer first-key-012345678",
      "Bearer first-key-01234567890",
      "Bearer first-key-0123456789 extra",
    ]) {
      expect(ownerFor(header), String(header)).toBeUndefined();
    }
  });

  it("matches nothing when no keys are configured", () => {
    expect(createKeyMatcher([])("Bearer anything-at-all-here")).toBeUndefined();
  });
});

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "::ffff:127.0.0.1"])(
    "%s is loopback",
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each([
    "0.0.0.0",
    "::",
    "10.0.0.1",
    "128.0.0.1",
    "example.com",
    "localhost.example.com",
    "::ffff:10.0.0.1",
    "",
  ])("%s is not loopback", (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe("assertSafeBinding", () => {
  it("allows loopback without keys and any host with keys", () => {
    expect(() => assertSafeBinding("127.0.0.1", [])).not.toThrow();
    expect(() => assertSafeBinding("::1", [])).not.toThrow();
    expect(() => assertSafeBinding("0.0.0.0", keys)).not.toThrow();
  });

  it("refuses a reachable host without keys, naming server.host", () => {
    let thrown: unknown;
    try {
      assertSafeBinding("0.0.0.0", []);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HangarError);
    expect(thrown).toMatchObject({ code: "CONFIG_INVALID", field: "server.host" });
    expect((thrown as Error).message).toMatch(/0\.0\.0\.0.*api_keys/);
  });
});
