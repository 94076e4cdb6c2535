import { Box, Text } from "ink";

/**
 * The files this session changed, newest at the bottom. A placeholder for the
 * issue's file tree and code viewer: it shows what the tools touched, not the
 * whole workspace.
 */
export function FilesPane({ files, width, height }: { files: string[]; width: number; height: number }) {
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
