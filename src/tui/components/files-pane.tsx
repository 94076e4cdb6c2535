import { Box, Text } from "ink";
import { sanitizeTerminalText } from "../../core/terminal-text.js";
import type { FileEntry } from "../../protocol/index.js";
import { treeLines } from "../file-tree.js";

/**
 * The session's sandbox workspace as a tree, files this session touched
 * marked ●. Until the workspace is listed (no sandbox yet, or a server out
 * of reach) it shows the files the tools touched, newest at the bottom.
 * A tree taller than the pane keeps its first lines and says how many more.
 */
export interface FilesPaneProps {
  files: string[];
  workspace?: FileEntry[] | undefined;
  width: number;
  height: number;
}

export function FilesPane({ files, workspace, width, height }: FilesPaneProps) {
  if (workspace === undefined) return <TouchedFiles files={files} width={width} height={height} />;
  const lines = treeLines(workspace, files);
  const room = Math.max(0, height - 1);
  const fits = lines.length <= room;
  const shown = fits ? lines : lines.slice(0, Math.max(0, room - 1));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingLeft={1}>
      <Text bold wrap="truncate-end">
        Workspace
      </Text>
      {lines.length === 0 ? <Text dimColor>empty</Text> : null}
      {shown.map((line) => (
        <Text key={line.path} wrap="truncate-end" color={line.isTouched ? "green" : undefined}>
          {"  ".repeat(line.depth)}
          {line.isTouched ? "● " : "  "}
          {sanitizeTerminalText(line.name)}
          {line.isDirectory ? "/" : ""}
        </Text>
      ))}
      {fits ? null : <Text dimColor>… {lines.length - shown.length} more</Text>}
    </Box>
  );
}

function TouchedFiles({ files, width, height }: { files: string[]; width: number; height: number }) {
  const shown = files.slice(-(height - 1));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingLeft={1}>
      <Text bold wrap="truncate-end">
        Files touched
      </Text>
      {shown.length === 0 ? (
        <Text dimColor>none yet</Text>
      ) : (
        shown.map((file) => (
          <Text key={file} color="green" wrap="truncate-start">
            {file}
          </Text>
        ))
      )}
    </Box>
  );
}
