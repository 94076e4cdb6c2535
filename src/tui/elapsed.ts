import type { StatusLine } from "./view-state.js";

/**
 * The status bar's clocks, from the events' own timestamps: a session
 * replayed after an attach shows how long its turns really took, not how
 * long the replay did. A clock runs only while the session works; once it
 * settles it stops at its last event.
 */
const activeStatuses = new Set<StatusLine["session"]>(["pending", "starting", "running", "waiting"]);

export function isSessionActive(status: StatusLine): boolean {
  return activeStatuses.has(status.session);
}

/** "turn 12s · session 3m04s", or undefined before the first event. */
export function describeElapsed(status: StatusLine, now: number): string | undefined {
  const active = isSessionActive(status);
  const parts: string[] = [];
  const turnStart = parseTime(status.turnStartedAt);
  if (turnStart !== undefined) {
    const turnEnd = parseTime(status.turnEndedAt) ?? (active ? now : parseTime(status.lastEventAt));
    if (turnEnd !== undefined) parts.push(`turn ${formatDuration(turnEnd - turnStart)}`);
  }
  const sessionStart = parseTime(status.sessionStartedAt);
  const sessionEnd = active ? now : parseTime(status.lastEventAt);
  if (sessionStart !== undefined && sessionEnd !== undefined)
    parts.push(`session ${formatDuration(sessionEnd - sessionStart)}`);
  return parts.length === 0 ? undefined : parts.join(" · ");
}

/** 7s, 3m04s, 2h05m: whole seconds, never negative (clocks of two machines may disagree a little). */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}
