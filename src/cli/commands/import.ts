import type { ImportResourceType } from '../../index.js';
import { checkedGroupName } from '../group-actions.js';
import { choiceOption, CONNECTION_OPTIONS, integerOption, stringOption } from '../args.js';
import { EXIT, UsageError } from '../cli-error.js';
import { connect } from '../connect.js';
import { derivedGroup } from '../group.js';
import { DELIMITERS } from '../readers/csv.js';
import { recordVerdicts } from '../readers/invalid-records.js';
import { scanFile } from '../readers/records.js';
import { FILE_FORMATS, formatOfName, openInput, type FileFormat } from '../readers/source.js';
import { RESOURCE_TYPES } from '../resource-types.js';
import { count } from '../progress/format.js';
import { onCtrlC } from '../signals.js';
import { assertWritablePaths, defaultRejectsPath } from '../rejects/paths.js';
import type { Command } from './command.js';
import { refuseInvalid, runDryRun, SHOWN_INVALID } from './dry-run.js';
import { runLoad } from './import-run.js';

const MAX_CHUNK = 10_000;

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a CSV, JSON or NDJSON file (or standard input) in chunks, resumably',
  usage: 'commercelayer-imports import <resource_type> <file | -> [options]',
  description: [
    'Reads the file through once to check and count its records: nothing is sent if it does not parse,',
    'or if a record breaks its type\'s rules (a value of the wrong type, or a required attribute missing',
    'from a record that can only be new; the invalid records are listed; --skip-errors sends the file',
    'anyway). Then streams it into imports of up to 10,000 records, a few at a time, with a progress',
    'display. Running the same command again resumes the load: chunks already imported are not sent again.',
    '',
    'A record that exists already is updated, not created twice: Commerce Layer matches each record by',
    'its id, and by the keys it documents (skus code; prices sku_code + price_list_id; stock_items',
    'sku_code + stock_location_id; customers email; coupons code + promotion_rule_id; gift_cards code;',
    'orders number; customer_subscriptions customer_id + reference; tax_categories code +',
    'tax_calculator_id; --parent stands for the parent\'s id). So the same file, changed, can be imported',
    'again to update its records. This tool cannot know which records exist: a record with an id, or',
    'with its type\'s whole key, may be an update, so what a new record needs but it lacks is a note,',
    'not an error ("shipping_category_id needed if the record is new"). Such a record is sent: the API',
    'updates it if it exists and fails it if it is new.',
    '',
    '--dry-run checks every record and sends nothing: it prints each invalid record (its line in a CSV',
    'file, its number in JSON and NDJSON; the first 20, every one with --json), then how many records',
    'lack what a new record needs (the first 20; every one under "notes" with --json), and the plan:',
    'group, chunks, records. With credentials it also reads the group\'s imports on the server and says',
    'which chunks would be skipped, followed or sent. Exit 0 every record valid (notes or not), 1 some',
    'invalid, 2 usage error, a file that does not parse, or a group the import would refuse (made from',
    'other records).',
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
    'Exit codes: 0 every record imported; 1 a record was found invalid (nothing sent), failed or was not',
    'processed (a chunk failed, was interrupted, or was not sent after an early stop); 2 usage error,',
    'unreadable or malformed file, bad credentials (nothing sent); 130 Ctrl-C.',
  ].join('\n'),
  options: {
    format: { type: 'string', value: '<csv|json|ndjson>', description: 'The file\'s format (default: from its extension).' },
    delimiter: { type: 'string', value: '<, ; | tab>', description: 'CSV field delimiter (default ",", tab for .tsv).' },
    parent: { type: 'string', value: '<id>', description: 'parent_resource_id of every import: the price list of prices, the stock location of stock items.' },
    'chunk-size': { type: 'string', value: '<n>', description: 'Records per import, 1 to 10000 (default 10000).' },
    concurrency: { type: 'string', value: '<n>', description: 'Imports running at a time, 1 to 10 (default 3).' },
    'skip-errors': { type: 'boolean', description: 'Send a file with invalid records anyway, and go on past records that fail instead of interrupting an import that has too many.' },
    'dry-run': { type: 'boolean', description: 'Check every record and show the plan; send nothing.' },
    group: { type: 'string', value: '<name>', description: 'Name the load (imports get reference <name>-0001, ...). Default: derived from the file, the resource type, --parent and --chunk-size, so a rerun resumes; another name starts a separate load.' },
    errors: { type: 'string', value: '<file>', description: 'Write every error (by record: position, CSV line, chunk, key) and warning there, as JSON (default: <group>.log.json, when there are any).' },
    rejects: { type: 'string', value: '<file>', description: 'Write the failed and unprocessed records there, in the input\'s format, with an _errors column (default: <group>.rejects.<ext>).' },
    'retry-interrupted': { type: 'boolean', description: 'On a rerun, create again the chunks that ended interrupted (the same reference; records already imported are updated), with this run\'s flags, such as --skip-errors.' },
    'max-errors': { type: 'string', value: '<n>', description: 'Create no further chunk once more than n records have failed (default: stop once 3 chunks have ended all interrupted, or with more than half their records failed).' },
    quiet: { type: 'boolean', short: 'q', description: 'No progress display and no summary: only errors, and the exit code.' },
    environment: { type: 'string', value: '<live|test>', description: 'The organization\'s environment, whose rate limits the load keeps to (live allows twice test\'s). Default: the access token\'s test claim; test\'s limits when it has none.' },
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
    'commercelayer-imports import skus skus.csv --dry-run   # no credentials needed: the verdict and the plan',
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
    if (groupFlag !== undefined) checkedGroupName('import', groupFlag);
    if (parent !== undefined && parent.trim() === '') throw new UsageError('--parent needs an id', 'import');

    const { output, env } = context;
    const dryRun = values['dry-run'] === true;
    const json = values.json === true;
    // Ctrl-C before the load starts, reading standard input or checking the file: nothing was sent.
    const releaseEarly = onCtrlC(() => {
      context.output.err('Stopped by Ctrl-C before anything was sent.\n');
      process.exit(EXIT.INTERRUPTED);
    });
    const input = await openInput(file!);
    try {
      // The first pass: nothing is sent before the whole file has parsed.
      const verdicts = recordVerdicts(resourceType, input, format, delimiter, { parent, keep: json ? Infinity : SHOWN_INVALID, keepNotes: dryRun ? (json ? Infinity : SHOWN_INVALID) : 0 });
      const scan = await scanFile(input, format, delimiter, verdicts.check);
      const group = groupFlag ?? derivedGroup({ sha256: scan.sha256, resourceType, parent, chunkSize, format, delimiter });
      const verdict = { context, resourceType, file: input.label, format, scan, verdicts, json };
      if (dryRun) {
        const client = hasCredentials(values, env) ? (await connect('import', values, env, output.secrets)).client : undefined;
        return await runDryRun({ ...verdict, group, chunkSize, parent, client });
      }
      if (verdicts.invalid > 0 && values['skip-errors'] !== true) return await refuseInvalid(verdict);
      const rejectsFlag = stringOption(values, 'rejects');
      const errorsFlag = stringOption(values, 'errors');
      const rejectsFile = rejectsFlag ?? defaultRejectsPath(group, input, format);
      const logFile = errorsFlag ?? `${group}.log.json`;
      // Before anything is sent: neither may overwrite the input or a file this tool did not write.
      await assertWritablePaths(input, [
        { flag: '--rejects', path: rejectsFile, given: rejectsFlag !== undefined },
        { flag: '--errors', path: logFile, given: errorsFlag !== undefined },
      ]);
      if (verdicts.invalid > 0 && values.quiet !== true) {
        output.err(`${count(verdicts.invalid)} of ${count(scan.count)} records are invalid (--dry-run lists them): sent anyway, as --skip-errors asks; the API skips them.\n`);
      }
      if (verdicts.noted > 0 && values.quiet !== true) {
        const records = `${count(scan.count)} record${scan.count === 1 ? '' : 's'}`;
        output.err(`Sending ${count(verdicts.noted)} of ${records} that lack what a new record needs (--dry-run lists them): fine for existing records, which they update; the API fails any that is new.\n`);
      }
      const connected = await connect('import', values, env, output.secrets);
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
        json,
        quiet: values.quiet === true,
      });
    } finally {
      releaseEarly();
      await input.dispose();
    }
  },
};

/** Whether any credentials were given: a dry run without them checks the file only. */
function hasCredentials(values: Record<string, unknown>, env: NodeJS.ProcessEnv): boolean {
  const given = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  return given(values['access-token']) || given(env.CL_ACCESS_TOKEN) || given(env.CL_CLIENT_ID) || given(env.CL_CLIENT_SECRET);
}

/** The flags of this run that loading its rejects file needs too: never a token, a group or a file. */
function carriedFlags(values: Parameters<Command['run']>[0]): string[] {
  const flags: string[] = [];
  for (const name of ['format', 'delimiter', 'parent', 'chunk-size', 'concurrency', 'max-errors', 'environment', 'organization', 'base-url', 'auth-url']) {
    const value = stringOption(values, name);
    if (value !== undefined) flags.push(`--${name}`, value);
  }
  if (values['skip-errors'] === true) flags.push('--skip-errors');
  return flags;
}
