import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { loadConfig } from "./load-config.js";

function load(toml: string) {
  const directory = mkdtempSync(join(tmpdir(), "hangar-tui-keys-"));
  writeFileSync(join(directory, "hangar.toml"), toml);
  return loadConfig({ environment: {}, workingDirectory: directory });
}

function errorOf(toml: string): HangarError {
  try {
    load(toml);
  } catch (error) {
    expect(error).toBeInstanceOf(HangarError);
    return error as HangarError;
  }
  throw new Error("the configuration loaded, but it should have been refused");
}

describe("[tui.keys] in hangar.toml", () => {
  it("is empty by default: every action keeps its default keys", () => {
    expect(loadConfig({ environment: {}, workingDirectory: tmpdir() }).tui.keys).toEqual({});
  });

  it("loads one spec or a list of them per action", () => {
    const config = load('[tui.keys]\ncancel_turn = "ctrl+g"\nscroll_down = ["down", "j"]\n');
    expect(config.tui.keys).toEqual({ cancel_turn: "ctrl+g", scroll_down: ["down", "j"] });
  });

  it("refuses a spec it cannot parse, naming the key and why", () => {
    const error = errorOf('[tui.keys]\ncancel_turn = "ctrl+banana"\n');
    expect(error.field).toBe("tui.keys.cancel_turn");
    expect(error.message).toContain("tui.keys.cancel_turn");
    expect(error.message).toContain('"banana" in "ctrl+banana" is not a key');
    const inList = errorOf('[tui.keys]\nscroll_down = ["down", "hyper+j"]\n');
    expect(inList.message).toMatch(/tui\.keys\.scroll_down/);
    expect(inList.message).toContain('"hyper" in "hyper+j" is not a modifier');
  });

  it("refuses an unknown action and an unknown key of [tui], by name", () => {
    expect(errorOf('[tui.keys]\ncancel_trun = "ctrl+g"\n').message).toMatch(/cancel_trun[\s\S]*cancel_turn/);
    expect(errorOf("[tui]\ncolour = 256\n").message).toMatch(/colour/);
  });
});
