import type { HighlightRole } from "./highlight.js";

/**
 * How each highlight role looks on the terminal at hand. Ink passes `#rrggbb`
 * and `ansi256(n)` to chalk as they are, so the level picks the notation the
 * terminal understands rather than relying on chalk to downsample a guess.
 */
export type ColourLevel = "truecolour" | "256" | "16" | "none";

export interface RoleLook {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  italic?: boolean;
}

/**
 * The level from the environment (passed in, so tests choose it): NO_COLOR set
 * to anything non-empty means none (https://no-color.org), as does TERM=dumb
 * or output that is not a terminal; FORCE_COLOR=0-3 picks a level outright;
 * COLORTERM=truecolor/24bit means truecolour; a TERM with 256color, 256.
 */
export function colourLevelOf(
  environment: Record<string, string | undefined>,
  isTerminal = true,
): ColourLevel {
  if ((environment.NO_COLOR ?? "") !== "") return "none";
  const forced = environment.FORCE_COLOR;
  if (forced !== undefined && forced !== "") {
    const levels: Record<string, ColourLevel> = { "0": "none", "1": "16", "2": "256", "3": "truecolour" };
    return levels[forced] ?? (forced === "false" ? "none" : "16");
  }
  if (!isTerminal) return "none";
  const term = (environment.TERM ?? "").toLowerCase();
  if (term === "dumb") return "none";
  const colourTerm = (environment.COLORTERM ?? "").toLowerCase();
  if (colourTerm === "truecolor" || colourTerm === "24bit") return "truecolour";
  if (term.includes("256color") || term.includes("256colour")) return "256";
  return "16";
}

/** One palette, three notations: the 256 and 16 entries are the nearest to the truecolour one. */
const palette: Record<Exclude<HighlightRole, "plain">, { hex: string; ansi256: number; named: string }> = {
  keyword: { hex: "#c678dd", ansi256: 176, named: "magenta" },
  string: { hex: "#98c379", ansi256: 114, named: "green" },
  comment: { hex: "#7f848e", ansi256: 245, named: "gray" },
  number: { hex: "#d19a66", ansi256: 173, named: "yellow" },
  added: { hex: "#98c379", ansi256: 114, named: "green" },
  removed: { hex: "#e06c75", ansi256: 168, named: "red" },
  heading: { hex: "#61afef", ansi256: 75, named: "blue" },
};

/** The look of a role at a level; with no colour, only weight and dimness tell roles apart. */
export function roleLook(role: HighlightRole, level: ColourLevel): RoleLook {
  const emphasis: RoleLook = role === "heading" || role === "keyword" ? { bold: true } : {};
  if (role === "plain") return {};
  if (level === "none") return role === "comment" ? { dimColor: true } : emphasis;
  const colour = palette[role];
  const color =
    level === "truecolour" ? colour.hex : level === "256" ? `ansi256(${colour.ansi256})` : colour.named;
  return {
    ...(role === "heading" ? { bold: true } : {}),
    ...(role === "comment" ? { italic: true } : {}),
    color,
  };
}

/** The gutter, the marked-line sign and the header: quieter than the code. */
export function chromeLook(part: "gutter" | "marker" | "header", level: ColourLevel): RoleLook {
  if (part === "header") return { bold: true };
  if (level === "none") return part === "marker" ? { bold: true } : { dimColor: true };
  if (part === "marker") return { color: roleLook("added", level).color, bold: true };
  return { dimColor: true };
}
