import { describe, expect, it } from "vitest";
import { closestName, didYouMean } from "./closest-name.js";

describe("closestName", () => {
  const fields = ["code", "language", "sessionId", "timeoutMs", "stdin", "args"];

  it("finds typos, transpositions and other spellings of the same word", () => {
    expect(closestName("langauge", fields)).toBe("language");
    expect(closestName("lang", fields)).toBeUndefined();
    expect(closestName("session_id", fields)).toBe("sessionId");
    expect(closestName("timeoutms", fields)).toBe("timeoutMs");
    expect(closestName("cod", fields)).toBe("code");
  });

  it("suggests nothing for names that are not near any", () => {
    expect(closestName("client_version", fields)).toBeUndefined();
    expect(closestName("x", fields)).toBeUndefined();
    expect(didYouMean("memory", ["data_dir", "server"])).toBe("");
    expect(didYouMean("sevrer", ["data_dir", "server"])).toBe(' (did you mean "server"?)');
  });
});
