import type { Import } from '../../index.js';
import { CONNECTION_OPTIONS, integerOption } from '../args.js';
import { EXIT } from '../cli-error.js';
import { connect } from '../connect.js';
import { createDisplay } from '../progress/display.js';
import { count, counted } from '../progress/format.js';
import { onCtrlC } from '../signals.js';
import type { Command } from './command.js';

export const waitCommand: Command = {
  name: 'wait',
  summary: 'Follow an import until it is completed or interrupted, with the same progress display',
  usage: 'commercelayer-imports wait <id> [options]',
  description: [
    'Polls an import until it is completed or interrupted, showing its progress.',
    'Exit codes: 0 completed without errors; 1 completed with errors, or interrupted; 130 Ctrl-C',
    '(the import keeps running on the server).',
  ].join('\n'),
  options: {
    interval: { type: 'string', value: '<ms>', description: 'Time between polls, in milliseconds, 100 to 600000 (default 2000).' },
    quiet: { type: 'boolean', short: 'q', description: 'No progress display: only the result.' },
    ...CONNECTION_OPTIONS,
  },
  positionals: { min: 1, max: 1, names: '<id>' },
  examples: ['commercelayer-imports wait xYZkjABcde --organization yourdomain', 'commercelayer-imports wait xYZkjABcde --json && echo imported'],
  async run(values, [id], { output, env }) {
    const intervalMs = integerOption('wait', values, 'interval', 100, 600_000, 2000);
    const json = values.json === true;
    const { client } = await connect('wait', values, env, output.secrets);
    const first = await client.retrieve(id!, { fields: ['status', 'reference', 'inputs_size', 'processed_count', 'errors_count', 'metadata'] });
    const reference = first.attributes.reference ?? id!;
    const { chunk, chunksTotal } = chunkOf(first.attributes.metadata);
    const { display } = createDisplay({
      stream: json ? output.stderr : output.stdout,
      write: json ? output.err : output.out,
      env,
      quiet: values.quiet === true,
      label: reference,
      recordsTotal: first.attributes.inputs_size ?? 0,
      chunksTotal,
    });
    const controller = new AbortController();
    let stopped = false;
    const release = onCtrlC(() => {
      stopped = true;
      controller.abort(new Error('stopped by Ctrl-C'));
    });
    let done: Import;
    try {
      done = await client.waitFor(id!, {
        intervalMs,
        signal: controller.signal,
        onProgress: ({ status, processed_count, inputs_size, errors_count }) => {
          const handled = (processed_count ?? 0) + (errors_count ?? 0);
          display.progress({
            group: '', chunk, reference, id: id!, resumed: false, status, processed_count, inputs_size, errors_count,
            processed_total: handled, records_read: inputs_size ?? 0, records_total: inputs_size ?? undefined, chunks_total: chunksTotal,
          });
        },
      });
    } catch (error) {
      display.stop();
      if (!stopped) throw error;
      output.err(`\nStopped waiting: import ${id} keeps running on the server. Follow it again with \`commercelayer-imports wait ${id}\`.\n`);
      if (json) output.out(`${JSON.stringify({ ok: false, exit_code: EXIT.INTERRUPTED, id, interrupted: true })}\n`);
      return EXIT.INTERRUPTED;
    } finally {
      release();
    }
    display.stop();
    const a = done.attributes;
    const exitCode = a.status === 'completed' && (a.errors_count ?? 0) === 0 ? EXIT.OK : EXIT.FAILED;
    if (json) {
      output.out(`${JSON.stringify({ ok: exitCode === EXIT.OK, exit_code: exitCode, id: done.id, status: a.status, reference: a.reference ?? null, inputs_size: a.inputs_size, processed_count: a.processed_count, errors_count: a.errors_count, warnings_count: a.warnings_count })}\n`);
    } else if (values.quiet !== true) {
      output.out(`Import ${done.id} ${a.status}: ${count(a.processed_count ?? 0)} of ${count(a.inputs_size ?? 0)} processed, ${counted(a.errors_count ?? 0, 'error')}, ${counted(a.warnings_count ?? 0, 'warning')}\n`);
    }
    return exitCode;
  },
};

/**
 * The import's place in its load, from the chunk_number its metadata carries (`2/5`, or `2` when
 * the load's size was not known; importAll and Commerce Layer's CLI write it): chunk 2/5, 2/? (0
 * stands for not known). An import of no load is chunk 1/1.
 */
export function chunkOf(metadata: unknown): { chunk: number; chunksTotal: number } {
  const number = (metadata as { chunk_number?: unknown } | null | undefined)?.chunk_number;
  const match = typeof number === 'string' ? /^(\d+)(?:\/(\d+))?$/.exec(number) : null;
  if (!match || Number(match[1]) < 1) return { chunk: 0, chunksTotal: 1 };
  return { chunk: Number(match[1]) - 1, chunksTotal: match[2] === undefined ? 0 : Number(match[2]) };
}
