import { describe, expect, it } from "vitest";
import {
  boundBundle,
  maxBundleBytes,
  maxResultBytesPerRun,
  maxResultsPerRun,
  ResultCollector,
} from "./rich-results.js";

describe("boundBundle", () => {
  it("keeps the known MIME types and drops the rest", () => {
    expect(
      boundBundle(
        {
          "text/plain": "x",
          "text/html": "<b>x</b>",
          "application/json": { a: 1 },
          "text/x-evil": "no",
          isMainResult: true,
        },
        false,
      ),
    ).toEqual({ "text/plain": "x", "text/html": "<b>x</b>", "application/json": { a: 1 } });
  });

  it("marks the main result and refuses what is not a bundle", () => {
    expect(boundBundle({ "text/plain": "1" }, true)).toEqual({ "text/plain": "1", isMainResult: true });
    expect(boundBundle("text", false)).toBeUndefined();
    expect(boundBundle([1], false)).toBeUndefined();
    expect(boundBundle(null, false)).toBeUndefined();
  });

  it("leaves out the largest MIME types over the bound and says so in text/plain", () => {
    const big = "A".repeat(maxBundleBytes);
    const bundle = boundBundle(
      { "text/plain": "<Figure>", "image/png": big, "text/html": "<i>small</i>" },
      false,
    );
    expect(bundle?.["image/png"]).toBeUndefined();
    expect(bundle?.["text/html"]).toBe("<i>small</i>");
    expect(bundle?.["text/plain"]).toMatch(
      /^<Figure>\n\[left out, over the \d+-byte limit of one result: image\/png \(\d+ bytes\)\]$/,
    );
  });

  it("truncates an over-long text/plain", () => {
    const bundle = boundBundle({ "text/plain": "y".repeat(100_000) }, false);
    expect(bundle?.["text/plain"]).toMatch(/\.\.\. \[truncated 34464 characters\]$/);
  });
});

describe("ResultCollector", () => {
  it("keeps at most maxResultsPerRun displays, counts the rest, and always keeps one main result", () => {
    const collector = new ResultCollector();
    for (let index = 0; index < maxResultsPerRun + 50; index++)
      collector.add({ "text/plain": String(index) }, false);
    expect(collector.add({ "text/plain": "main" }, true)).toEqual({
      "text/plain": "main",
      isMainResult: true,
    });
    // A second claim to be the main result (a forged frame) is only a display, and is dropped.
    expect(collector.add({ "text/plain": "forged" }, true)).toBeUndefined();
    expect(collector.results).toHaveLength(maxResultsPerRun + 1);
    expect(collector.dropped).toBe(51);
  });

  it("holds the displays of one run to maxResultBytesPerRun", () => {
    const collector = new ResultCollector();
    const chunk = "B".repeat(maxBundleBytes - 100);
    for (let index = 0; index < 20; index++) collector.add({ "text/plain": "", "image/png": chunk }, false);
    const kept = JSON.stringify(collector.results).length;
    expect(kept).toBeLessThanOrEqual(maxResultBytesPerRun);
    expect(collector.results.length).toBe(Math.floor(maxResultBytesPerRun / (chunk.length + 40)));
    expect(collector.dropped).toBe(20 - collector.results.length);
  });
});
