import { describe, expect, it } from "vitest";
import { parseCommand } from "./inbound-events.js";

const command = (text: string, length: number) => [{ type: "bot_command" as const, offset: 0, length }];

describe("parseCommand", () => {
  it("splits the name from the argument and drops this bot's @suffix, whatever its case", () => {
    expect(
      parseCommand("/task@Hangar_Test_Bot  fix it ", command("/task@Hangar_Test_Bot", 21), "hangar_test_bot"),
    ).toEqual({
      name: "task",
      argument: "fix it",
    });
    expect(parseCommand("/Status", command("/Status", 7), "hangar_test_bot")).toEqual({
      name: "status",
      argument: "",
    });
  });

  it("leaves commands for other bots, and slashes that are not a leading command, alone", () => {
    expect(parseCommand("/task@other_bot go", command("/task@other_bot", 15), "hangar_test_bot")).toBe(
      "elsewhere",
    );
    expect(
      parseCommand("see /task", [{ type: "bot_command", offset: 4, length: 5 }], "hangar_test_bot"),
    ).toBeUndefined();
    expect(parseCommand("/task go", [], "hangar_test_bot")).toBeUndefined();
  });
});
