import { MultiBar, type SingleBar } from 'cli-progress';
import type { ImportAllProgress } from '../../index.js';
import { bar, count, counted, duration, renderLine, styleOfStatus, type Segment } from './format.js';
import type { Display, LoadProgress } from './model.js';

/**
 * The terminal display: one bar for the whole load (records processed of the total, records a
 * second, time left) and one line per running import, redrawn in place by cli-progress and cut
 * to the terminal's width on every redraw (so a resized terminal is followed).
 */
export function ttyDisplay(stream: NodeJS.WriteStream, model: LoadProgress, label: string, color: boolean): Display {
  const width = () => Math.max(20, (stream.columns || 80) - 1);
  const multibar = new MultiBar({
    stream,
    format: (_options, _params, payload: { chunk?: number }) => (payload.chunk === undefined ? totalLine() : chunkLine(payload.chunk)),
    hideCursor: true,
    // cli-progress draws its last frame after turning wrapping back on, and then cuts lines by their
    // length escape codes included: the bars are cleared instead, and the last total line written here.
    clearOnComplete: true,
    stopOnComplete: false,
    fps: 10,
    // Lines are cut to the width here; no wrapping, so a redraw always moves over exactly the lines drawn.
    linewrap: false,
    gracefulExit: false,
  });
  const bars = new Map<number, SingleBar>();
  const total = multibar.create(model.recordsTotal, 0, {});
  let stopped = false;

  function totalLine(final = false): string {
    const done = model.processedTotal;
    const ratio = model.recordsTotal > 0 ? done / model.recordsTotal : 0;
    const rate = final ? model.averageRate() : model.rate();
    const left = model.remainingMs();
    const tail: Segment[] = [
      { text: `  ${count(done)}/${count(model.recordsTotal)}` },
      { text: `  ${Math.floor(ratio * 100)}%`, style: 'bold' },
      { text: `  ${rate === undefined ? '–' : count(rate)} rec/s` },
      { text: `  ETA ${done >= model.recordsTotal ? '0 s' : left === undefined ? '–' : duration(left)}` },
    ];
    const fixed = label.length + 1 + tail.reduce((sum, { text }) => sum + text.length, 0);
    const cells = Math.max(10, Math.min(40, width() - fixed));
    const { full, empty } = bar(ratio, cells);
    return renderLine([{ text: `${label} `, style: 'bold' }, { text: full, style: 'cyan' }, { text: empty, style: 'dim' }, ...tail], width(), color);
  }

  function chunkLine(chunk: number): string {
    const view = model.chunks.get(chunk);
    if (!view) return '';
    const size = view.size === undefined ? '?' : count(view.size);
    return renderLine(
      [
        { text: `  chunk ${chunk + 1}/${model.chunksTotal || '?'}  ` },
        { text: view.status.padEnd(11), style: styleOfStatus(view.status) },
        { text: `  ${count(view.processed)}/${size}` },
        { text: `  ${counted(view.errors, 'error')}`, style: view.errors > 0 ? 'red' : undefined },
        { text: `  ${view.reference}`, style: 'dim' },
      ],
      width(),
      color,
    );
  }

  return {
    message(text) {
      // Wrapping is off while the bars are drawn: long lines are folded here.
      if (!stopped) for (const line of fold(text, width())) multibar.log(`${line}\n`);
    },
    progress(progress: ImportAllProgress) {
      if (stopped) return;
      const { chunk } = model.update(progress);
      total.setTotal(model.recordsTotal);
      total.update(model.processedTotal);
      const running = chunk.status === 'pending' || chunk.status === 'in_progress';
      const line = bars.get(chunk.chunk);
      if (running && !line) bars.set(chunk.chunk, multibar.create(chunk.size ?? 0, chunk.processed, { chunk: chunk.chunk }));
      else if (running) line!.update(chunk.processed);
      else if (line) {
        multibar.remove(line);
        bars.delete(chunk.chunk);
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const line of bars.values()) multibar.remove(line);
      // Messages wait in cli-progress's buffer for its next frame, which stop() never draws: draw one first.
      multibar.update();
      multibar.stop();
      stream.write(`${totalLine(true)}\n`);
    },
  };
}

/** Folds text into lines of at most `width` characters, at spaces where it can. */
export function fold(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word;
      while (line.length > width) {
        lines.push(line.slice(0, width));
        line = line.slice(width);
      }
    }
    lines.push(line);
  }
  return lines;
}
