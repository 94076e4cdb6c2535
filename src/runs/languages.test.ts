import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { languageCatalog, LanguageRegistry, parseVersion, type AvailableLanguage } from "./languages.js";

const available = (name: string): AvailableLanguage => ({
  ...languageCatalog.find((language) => language.name === name)!,
  versionText: "1.0",
});

describe("LanguageRegistry", () => {
  const registry = new LanguageRegistry(["python", "javascript", "cpp", "java"].map(available));

  it("resolves names and aliases, case-insensitively", () => {
    expect(registry.resolve("py").name).toBe("python");
    expect(registry.resolve("JS").name).toBe("javascript");
    expect(registry.resolve("c++").name).toBe("cpp");
  });

  it("refuses an unknown language naming the field and listing what exists", () => {
    expect(() => registry.resolve("cobol")).toThrow(HangarError);
    try {
      registry.resolve("cobol");
    } catch (error) {
      expect(error).toMatchObject({ code: "UNKNOWN_LANGUAGE", field: "language" });
      expect((error as Error).message).toContain("python, javascript, cpp, java");
    }
  });

  it("describes which languages keep state and which compile", () => {
    const described = Object.fromEntries(registry.describe().map((language) => [language.name, language]));
    expect(described.python).toMatchObject({ stateful: true, compiled: false, version: "1.0" });
    expect(described.cpp).toMatchObject({ stateful: false, compiled: true });
    expect(described.java).toMatchObject({ compiled: true });
  });
});

describe("the catalog", () => {
  it("calls every interpreter and compiler by absolute path", () => {
    for (const language of languageCatalog) {
      const tool = (language.compile ?? language.run)[0]!;
      expect(tool.startsWith("/"), language.name).toBe(true);
    }
  });

  it("reads versions out of tool banners", () => {
    expect(parseVersion("Python 3.11.2")).toBe("3.11.2");
    expect(parseVersion('openjdk version "17.0.15" 2025-04-15')).toBe("17.0.15");
    expect(parseVersion("v20.20.2")).toBe("20.20.2");
  });
});
