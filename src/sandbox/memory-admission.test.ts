import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { MemoryAdmission } from "./memory-admission.js";

const mebibyte = 1024 * 1024;

describe("MemoryAdmission", () => {
  it("refuses past the cap with CAPACITY naming what is committed and the cap, and admits again after a release", () => {
    const admission = new MemoryAdmission({
      capBytes: 300 * mebibyte,
      capSource: "sandbox.max_memory_share = 0.1",
    });
    const first = admission.reserve(128 * mebibyte, "a");
    admission.reserve(128 * mebibyte, "b");
    let refusal: unknown;
    try {
      admission.reserve(128 * mebibyte, "c");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(HangarError);
    expect((refusal as HangarError).code).toBe("CAPACITY");
    expect((refusal as HangarError).message).toMatch(
      /128 MiB.*already may hold 256 MiB.*cap is 300 MiB.*0\.1/,
    );
    first.release();
    first.release();
    expect(admission.committedBytes).toBe(128 * mebibyte);
    expect(() => admission.reserve(128 * mebibyte, "c")).not.toThrow();
  });

  it("counts what already exists even past the cap", () => {
    const admission = new MemoryAdmission({ capBytes: mebibyte, capSource: "test" });
    admission.commit(2 * mebibyte);
    expect(admission.committedBytes).toBe(2 * mebibyte);
    expect(() => admission.reserve(1, "more")).toThrow(/no memory/);
  });
});
