import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import {
  languageCatalog,
  languageProbeScript,
  LanguageRegistry,
  parseLanguageProbe,
  parseVersion,
  resolveLanguage,
  toolchain,
  type AvailableLanguage,
} from "./languages.js";

const available = (name: string): AvailableLanguage => {
  const definition = languageCatalog.find((language) => language.name === name)!;
  return resolveLanguage(definition, definition.toolchains[0]!, "1.0");
};

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
      expect(language.toolchains.length, language.name).toBeGreaterThan(0);
      for (const candidate of language.toolchains)
        expect(candidate.startsWith("/"), language.name).toBe(true);
      const tool = (language.compile ?? language.run)[0]!;
      expect(tool, language.name).toBe(toolchain);
    }
  });

  it("puts the toolchain that answered into every argv", () => {
    const rust = languageCatalog.find((language) => language.name === "rust")!;
    const resolved = resolveLanguage(rust, "/usr/bin/rustc", "1.63.0");
    expect(resolved.compile?.[0]).toBe("/usr/bin/rustc");
    expect(resolved.version).toEqual(["/usr/bin/rustc", "--version"]);
    expect(resolved.run).toEqual(["./main"]);
    expect(JSON.stringify(resolved)).not.toContain(toolchain);
  });

  it("tries each candidate in order in the in-sandbox probe", () => {
    const script = languageProbeScript();
    expect(script).toContain(
      "probe rust '/opt/rust/bin/rustc' '--version' || probe rust '/usr/bin/rustc' '--version' || true",
    );
    expect(script).toContain("exists sh '/bin/sh' || true");
    expect(script).toContain("probe perl '/usr/bin/perl' '-e' 'print $^V' || true");
  });

  it("reads the in-sandbox probe's output: the second rust candidate, sh, and nothing unnamed", () => {
    const output =
      "\x1epython /usr/bin/python3\nPython 3.11.2\n" +
      "\x1erust /usr/bin/rustc\nrustc 1.63.0\n" +
      "\x1esh /bin/sh\nposix\n" +
      "\x1ejava /tmp/planted-java\nopenjdk 99\n";
    const languages = parseLanguageProbe(output);
    expect(languages.map((language) => [language.name, language.versionText])).toEqual([
      ["python", "3.11.2"],
      ["sh", "posix"],
      ["rust", "1.63.0"],
    ]);
    expect(languages.find((language) => language.name === "rust")?.compile?.[0]).toBe("/usr/bin/rustc");
  });

  it("reads versions out of tool banners", () => {
    expect(parseVersion("Python 3.11.2")).toBe("3.11.2");
    expect(parseVersion('openjdk version "17.0.15" 2025-04-15')).toBe("17.0.15");
    expect(parseVersion("v20.20.2")).toBe("20.20.2");
  });
});
