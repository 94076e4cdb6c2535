import { describe, expect, it } from "vitest";
import { configSchema } from "../../config/config-schema.js";
import { keysAt } from "../../config/schema-keys.js";
import { describeKey } from "./key-descriptions.js";

/** Every key path of the schema under `path`, tables included (a record's entries are not walked). */
function keyPaths(path: string[]): string[][] {
  return (keysAt(configSchema, path) ?? []).flatMap((key) => [[...path, key], ...keyPaths([...path, key])]);
}

const fallback = /see the configuration reference\.$/;

describe("the setup wizard's key descriptions", () => {
  it("describe every key of [bridges.telegram] and [bridges.slack], and their owners' entries", () => {
    const paths = keyPaths(["bridges"]);
    expect(paths.map((path) => path.join("."))).toEqual(
      expect.arrayContaining(["bridges.telegram.token_env", "bridges.slack.app_token_env"]),
    );
    const undescribed = paths
      .filter((path) => fallback.test(describeKey(path)))
      .map((path) => path.join("."));
    expect(undescribed).toEqual([]);
    for (const platform of ["telegram", "slack"]) {
      expect(describeKey(["bridges", platform, "owners", "U012ABC"])).not.toMatch(fallback);
    }
  });
});
