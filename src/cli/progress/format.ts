/** Numbers, durations and lines for people: `12,345`, `1 min 05 s`, lines cut to the terminal's width. */
export const count = (value: number): string => Math.round(value).toLocaleString('en-US');
/** `1 error`, `3 errors`. */
export const counted = (value: number, word: string): string => `${count(value)} ${word}${Math.round(value) === 1 ? '' : 's'}`;

export function duration(ms: number): string {
  const seconds = Math.max(0, ms / 1000);
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const SGR: Record<string, [number, number]> = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] };
export type Style = keyof typeof SGR;

/** A piece of a line, with the style it has when colour is on. */
export interface Segment {
  text: string;
  style?: Style;
}

/**
 * Joins segments into one line of at most `width` characters (cut with "…"), then colours it: the
 * cut is made on the visible text, so escape codes never count against the width or get cut in half.
 */
export function renderLine(segments: Segment[], width: number, color: boolean): string {
  let room = Math.max(1, width);
  const parts: string[] = [];
  for (const { text, style } of segments) {
    if (room <= 0) break;
    let piece = text;
    if ([...piece].length > room) piece = `${[...piece].slice(0, Math.max(0, room - 1)).join('')}…`;
    room -= [...piece].length;
    parts.push(color && style ? paint(style, piece) : piece);
  }
  return parts.join('');
}

export function paint(style: Style, text: string): string {
  const [open, close] = SGR[style]!;
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

export function styleOfStatus(status: string | undefined): Style | undefined {
  return status === 'completed' ? 'green' : status === 'interrupted' ? 'red' : status === 'in_progress' ? 'yellow' : status === 'pending' ? 'dim' : undefined;
}

/** A bar of `width` cells, `ratio` of them full. */
export function bar(ratio: number, width: number): { full: string; empty: string } {
  const cells = Math.max(0, width);
  const full = Math.round(Math.min(1, Math.max(0, ratio)) * cells);
  return { full: '█'.repeat(full), empty: '░'.repeat(cells - full) };
}
