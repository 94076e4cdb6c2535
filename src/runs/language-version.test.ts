import { describe, expect, it } from "vitest";
import { versionMatches } from "./language-version.js";

describe("versionMatches", () => {
  it("takes the exact version, a prefix of whole components, '*', and a leading v", () => {
    for (const wanted of ["3.11.2", "3.11", "3", "*", "", "v3.11.2", "3.x", "3.11.*", " 3.11 "]) {
      expect({ wanted, matches: versionMatches("3.11.2", wanted) }).toEqual({ wanted, matches: true });
    }
  });

  it("refuses other versions, and never matches part of a component", () => {
    for (const wanted of ["3.1", "3.12", "2", "3.11.2.1", "3.11.20", "311", "python3", "latest"]) {
      expect({ wanted, matches: versionMatches("3.11.2", wanted) }).toEqual({ wanted, matches: false });
    }
  });

  it("matches versions that are not numbers only exactly", () => {
    expect(versionMatches("posix", "posix")).toBe(true);
    expect(versionMatches("posix", "5")).toBe(false);
  });
});
