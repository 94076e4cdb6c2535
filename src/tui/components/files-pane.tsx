import { Box, Text } from "ink";
import { sanitizeTerminalText } from "../../core/terminal-text.js";
import type { FileEntry } from "../../protocol/index.js";
import { normalizePath, treeLines, windowTop } from "../file-tree.js";

/**
 * The session's sandbox workspace as a tree, files this session touched
 * marked ●. Until the workspace is listed (no sandbox yet, or a server out
 * of reach) it shows the files the tools touched, newest at the bottom.
 * A tree taller than the pane shows the lines around the selection (its
 * first lines when nothing is selected) and says how many more there are.
 * With the focus (Tab), the title says so and the selected line is marked ›.
 */
export interface FilesPaneProps {
  files: string[];
  workspace?: FileEntry[] | undefined;
  width: number;
  height: number;
  isFocused?: boolean;
  /** The selected line's path (normalised), shown while the pane has the focus. */
  selectedPath?: string | undefined;
  /** Directories folded with Enter. */
  collapsed?: ReadonlySet<string>;
}

export function FilesPane({
  files,
  workspace,
  width,
  height,
  isFocused = false,
  selectedPath,
  collapsed,
}: FilesPaneProps) {
  if (workspace === undefined)
    return (
      <TouchedFiles
        files={files}
        width={width}
        height={height}
        isFocused={isFocused}
        selectedPath={selectedPath}
      />
    );
  const lines = treeLines(workspace, files, collapsed);
  const room = Math.max(0, height - 1);
  const fits = lines.length <= room;
  const rows = fits ? room : Math.max(0, room - 1);
  const selected = isFocused ? lines.findIndex((line) => line.path === selectedPath) : -1;
  const top = windowTop(lines.length, rows, selected);
  const shown = lines.slice(top, top + rows);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Title text="Workspace" isFocused={isFocused} />
      {lines.length === 0 ? <Text dimColor> empty</Text> : null}
      {shown.map((line) => {
        const isSelected = line.path === selectedPath && isFocused;
        return (
          <Text key={line.path} wrap="truncate-end">
            {isSelected ? "›" : " "}
            <Text inverse={isSelected} color={line.isTouched ? "green" : undefined}>
              {"  ".repeat(line.depth)}
              {line.isTouched ? "● " : line.isCollapsed ? "▸ " : "  "}
              {sanitizeTerminalText(line.name)}
              {line.isDirectory ? "/" : ""}
            </Text>
          </Text>
        );
      })}
      {fits ? null : <Text dimColor> … {lines.length - shown.length} more</Text>}
    </Box>
  );
}

/** The pane's name; with the focus, marked ▶ and coloured, so it is plain where the keys go. */
function Title({ text, isFocused }: { text: string; isFocused: boolean }) {
  return (
    <Text bold wrap="truncate-end" color={isFocused ? "cyan" : undefined}>
      {isFocused ? "▶" : " "}
      {text}
    </Text>
  );
}

function TouchedFiles({
  files,
  width,
  height,
  isFocused,
  selectedPath,
}: {
  files: string[];
  width: number;
  height: number;
  isFocused: boolean;
  selectedPath: string | undefined;
}) {
  const rows = Math.max(0, height - 1);
  const selected = isFocused ? files.findIndex((file) => normalizePath(file) === selectedPath) : -1;
  // Newest at the bottom: the window ends at the last file unless the selection is above it.
  const top =
    selected === -1
      ? Math.max(0, files.length - rows)
      : windowTop(files.length, rows, selected, files.length);
  const shown = files.slice(top, top + rows);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Title text="Files touched" isFocused={isFocused} />
      {shown.length === 0 ? (
        <Text dimColor> none yet</Text>
      ) : (
        shown.map((file) => {
          const isSelected = isFocused && normalizePath(file) === selectedPath;
          return (
            <Box key={file}>
              <Text>{isSelected ? "›" : " "}</Text>
              <Text color="green" inverse={isSelected} wrap="truncate-start">
                {file}
              </Text>
            </Box>
          );
        })
      )}
    </Box>
  );
}
