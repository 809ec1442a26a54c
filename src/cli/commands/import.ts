import type { ImportResourceType } from '../../index.js';
import { choiceOption, CONNECTION_OPTIONS, integerOption, stringOption } from '../args.js';
import { EXIT, UsageError } from '../cli-error.js';
import { connect } from '../connect.js';
import { derivedGroup } from '../group.js';
import { DELIMITERS } from '../readers/csv.js';
import { scanFile } from '../readers/records.js';
import { FILE_FORMATS, formatOfName, openInput, type FileFormat } from '../readers/source.js';
import { RESOURCE_TYPES } from '../resource-types.js';
import { onCtrlC } from '../signals.js';
import { assertWritablePaths, defaultRejectsPath } from '../rejects/paths.js';
import type { Command } from './command.js';
import { runLoad } from './import-run.js';

const MAX_CHUNK = 10_000;

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a CSV, JSON or NDJSON file (or standard input) in chunks, resumably',
  usage: 'commercelayer-imports import <resource_type> <file | -> [options]',
  description: [
    'Reads the file through once to check and count its records (nothing is sent if it does not parse),',
    'then streams it into imports of up to 10,000 records, a few at a time, with a progress display.',
    'Running the same command again resumes the load: chunks already imported are not sent again.',
    '',
    'When records fail or are not processed, they are written to a rejects file in the input\'s own format',
    '(default <group>.rejects.<ext>), each with its errors in an extra _errors column or field. Fix them there',
    'and import that file: the _errors column is left out of what is sent. The summary gives the command.',
    '',
    'A load failing everywhere stops early: once 3 chunks have ended, if all were interrupted or more than',
    'half of their records failed, no further chunk is created (--max-errors sets a count instead).',
    '',
    'Formats: csv (header row; quoted fields may hold commas, quotes and line breaks; BOM and CRLF',
    'are fine), json (an array of objects) and ndjson (one object a line), by the extension',
    '(.csv .tsv .json .ndjson .jsonl) or --format. Use - for standard input, with --format.',
    '',
    'Exit codes: 0 every record imported; 1 a record failed or was not processed (a chunk failed, was',
    'interrupted, or was not sent after an early stop);',
    '2 usage error, unreadable or malformed file, bad credentials (nothing sent); 130 Ctrl-C.',
  ].join('\n'),
  options: {
    format: { type: 'string', value: '<csv|json|ndjson>', description: 'The file\'s format (default: from its extension).' },
    delimiter: { type: 'string', value: '<, ; | tab>', description: 'CSV field delimiter (default ",", tab for .tsv).' },
    parent: { type: 'string', value: '<id>', description: 'parent_resource_id of every import: the price list of prices, the stock location of stock items.' },
    'chunk-size': { type: 'string', value: '<n>', description: 'Records per import, 1 to 10000 (default 10000).' },
    concurrency: { type: 'string', value: '<n>', description: 'Imports running at a time, 1 to 10 (default 3).' },
    'skip-errors': { type: 'boolean', description: 'Go on past invalid records instead of interrupting an import that has too many.' },
    group: { type: 'string', value: '<name>', description: 'Name the load (imports get reference <name>-0001, ...). Default: derived from the file, the resource type, --parent and --chunk-size, so a rerun resumes; another name starts a separate load.' },
    errors: { type: 'string', value: '<file>', description: 'Write every error (by record: position, CSV line, chunk, key) and warning there, as JSON (default: <group>.log.json, when there are any).' },
    rejects: { type: 'string', value: '<file>', description: 'Write the failed and unprocessed records there, in the input\'s format, with an _errors column (default: <group>.rejects.<ext>).' },
    'retry-interrupted': { type: 'boolean', description: 'On a rerun, create again the chunks that ended interrupted (the same reference; records already imported are updated), with this run\'s flags, such as --skip-errors.' },
    'max-errors': { type: 'string', value: '<n>', description: 'Create no further chunk once more than n records have failed (default: stop once 3 chunks have ended all interrupted, or with more than half their records failed).' },
    quiet: { type: 'boolean', short: 'q', description: 'No progress display and no summary: only errors, and the exit code.' },
    ...CONNECTION_OPTIONS,
  },
  positionals: { min: 2, max: 2, names: '<resource_type> and <file> (or - for standard input)' },
  examples: [
    'commercelayer-imports import skus skus.csv --organization yourdomain   # with CL_ACCESS_TOKEN set',
    'commercelayer-imports import prices prices.ndjson --parent vLrWQSwXNk --skip-errors',
    'commercelayer-imports import stock_items stock.csv --delimiter ";" --parent xYZkjABcde --errors errors.json',
    'commercelayer-imports import skus skus.csv --retry-interrupted --skip-errors   # finish a load the 10% rule interrupted',
    'commercelayer-imports import skus skus-3f9a2c1b7d4e.rejects.csv   # the rejects, fixed, loaded again',
    'gunzip -c skus.json.gz | commercelayer-imports import skus - --format json --json > summary.json',
    'commercelayer-imports import skus examples/skus.csv --base-url http://127.0.0.1:4011 --access-token any',
  ],
  async run(values, [type, file], context) {
    const resourceType = choiceOption('import', type!, '<resource_type>', RESOURCE_TYPES) as ImportResourceType;
    const byName = file === '-' ? undefined : formatOfName(file!);
    const formatFlag = stringOption(values, 'format');
    const format: FileFormat | undefined = formatFlag === undefined ? byName?.format : choiceOption('import', formatFlag, '--format', FILE_FORMATS);
    if (!format) throw new UsageError(file === '-' ? 'standard input needs --format csv, json or ndjson' : `cannot tell the format of ${file} from its extension: pass --format csv, json or ndjson`, 'import');
    const delimiterFlag = stringOption(values, 'delimiter');
    if (delimiterFlag !== undefined && format !== 'csv') throw new UsageError('--delimiter is for CSV files only', 'import');
    const delimiter = delimiterFlag === undefined ? (format === byName?.format ? byName.delimiter : undefined) ?? ',' : (Object.hasOwn(DELIMITERS, delimiterFlag) ? DELIMITERS[delimiterFlag] : undefined);
    if (delimiter === undefined) throw new UsageError('--delimiter must be one of , ; | tab', 'import');
    const chunkSize = integerOption('import', values, 'chunk-size', 1, MAX_CHUNK, MAX_CHUNK);
    const concurrency = integerOption('import', values, 'concurrency', 1, 10, 3);
    const parent = stringOption(values, 'parent');
    const maxErrors = values['max-errors'] === undefined ? undefined : integerOption('import', values, 'max-errors', 0, Number.MAX_SAFE_INTEGER, 0);
    const groupFlag = stringOption(values, 'group');
    if (groupFlag !== undefined && !/^[^\s,]+$/.test(groupFlag)) throw new UsageError('--group must be a name without spaces or commas', 'import');
    if (parent !== undefined && parent.trim() === '') throw new UsageError('--parent needs an id', 'import');

    const { output, env } = context;
    // Ctrl-C before the load starts, reading standard input or checking the file: nothing was sent.
    const releaseEarly = onCtrlC(() => {
      context.output.err('Stopped by Ctrl-C before anything was sent.\n');
      process.exit(EXIT.INTERRUPTED);
    });
    const input = await openInput(file!);
    try {
      // The first pass: nothing is sent before the whole file has parsed.
      const scan = await scanFile(input, format, delimiter);
      const connected = await connect('import', values, env, output.secrets);
      const group = groupFlag ?? derivedGroup({ sha256: scan.sha256, resourceType, parent, chunkSize, format, delimiter });
      const rejectsFlag = stringOption(values, 'rejects');
      const errorsFlag = stringOption(values, 'errors');
      const rejectsFile = rejectsFlag ?? defaultRejectsPath(group, input, format);
      const logFile = errorsFlag ?? `${group}.log.json`;
      // Before anything is sent: neither may overwrite the input or a file this tool did not write.
      await assertWritablePaths(input, [
        { flag: '--rejects', path: rejectsFile, given: rejectsFlag !== undefined },
        { flag: '--errors', path: logFile, given: errorsFlag !== undefined },
      ]);
      releaseEarly();
      return await runLoad({
        ...connected,
        context,
        input,
        scan,
        resourceType,
        format,
        delimiter,
        group,
        chunkSize,
        concurrency,
        parent,
        skipErrors: values['skip-errors'] === true,
        retryInterrupted: values['retry-interrupted'] === true,
        maxErrors,
        rejectsFile,
        logFile,
        logGiven: errorsFlag !== undefined,
        carriedFlags: carriedFlags(values),
        json: values.json === true,
        quiet: values.quiet === true,
      });
    } finally {
      releaseEarly();
      await input.dispose();
    }
  },
};

/** The flags of this run that loading its rejects file needs too: never a token, a group or a file. */
function carriedFlags(values: Parameters<Command['run']>[0]): string[] {
  const flags: string[] = [];
  for (const name of ['format', 'delimiter', 'parent', 'chunk-size', 'concurrency', 'max-errors', 'organization', 'base-url', 'auth-url']) {
    const value = stringOption(values, name);
    if (value !== undefined) flags.push(`--${name}`, value);
  }
  if (values['skip-errors'] === true) flags.push('--skip-errors');
  return flags;
}
