/**
 * Model and tool text comes from untrusted programs: escape sequences in it
 * could move the cursor, retitle the window or hide text, so only newlines
 * and tabs pass. Every front end that writes such text to a terminal (the
 * `task` renderer, the TUI) sends it through here.
 */
export function sanitizeTerminalText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b./g, "")
      .replace(/\r\n/g, "\n")
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, "")
  );
}
