// Where a file attached to a chat task lands in the workspace. The name comes
// from a chat user: it never picks the directory, only the last part survives.

/** An attachment's place in the workspace: its name without directories, in `attachments/`. */
export function attachmentPath(name: string): string {
  const safe = lastPart(name.replace(/\\/g, "/"))
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^\.+/, "");
  return `attachments/${safe === "" ? "file" : safe.slice(0, 100)}`;
}

function lastPart(path: string): string {
  return (
    path
      .split("/")
      .filter((part) => part !== "")
      .at(-1) ?? ""
  );
}
