// The baseline of `npm run bench:check`: csv-parse alone reading the file, with the options the
// command line's check pass gives it (a header, BOM, empty lines skipped), counting the records.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
for await (const _ of createReadStream(process.argv[2]).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, delimiter: ',' }))) records++;
process.stdout.write(`${JSON.stringify({ records })}\n`);
