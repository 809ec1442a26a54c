import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { fileChunks } from '../readers/source.js';

export interface CsvRow {
  fields: string[];
  /** The line the row starts on, 1-based, counting line feeds only (a CRLF inside a quoted field is one line break). */
  line: number;
}

/**
 * The rows of a CSV file, header first, each as its fields' text. Parsed with the import's own settings
 * (BOM, delimiter, empty lines skipped), so that row n + 1 is the record the load counted as n.
 */
export async function* csvRows(path: string, delimiter: string): AsyncGenerator<CsvRow> {
  // info gives the empty lines skipped so far; its own line count takes a CRLF inside a quoted field
  // for two lines, so lines are counted here from the fields instead.
  const parser = parse({ bom: true, delimiter, skip_empty_lines: true, info: true });
  const source = Readable.from(fileChunks(path));
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let next = 1;
  let emptyBefore = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { empty_lines: number } }>) {
      const line = next + info.empty_lines - emptyBefore;
      emptyBefore = info.empty_lines;
      let breaks = 0;
      for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) breaks++;
      next = line + 1 + breaks;
      yield { fields: record, line };
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
}

export interface CsvLayout {
  bom: boolean;
  newline: string;
  /** Every field of the header is quoted: the file quotes every field (else only those that need it). */
  quoteAll: boolean;
}

/** A field written back as the file writes its fields: quoted (quotes doubled) always, or only when it must be. */
export function csvField(value: string, delimiter: string, quoteAll = false): string {
  return quoteAll || value.includes(delimiter) || /["\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** How the file ends its rows, whether it starts with a BOM and how it quotes, read from its first line. */
export async function csvLayout(path: string, delimiter: string): Promise<CsvLayout> {
  for await (const chunk of fileChunks(path)) {
    const bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    const lf = chunk.indexOf(10);
    const header = chunk.subarray(bom ? 3 : 0, lf === -1 ? chunk.length : lf).toString('utf8').replace(/\r$/, '');
    const quoteAll = header.split(delimiter).every((name) => name.length >= 2 && name.startsWith('"') && name.endsWith('"'));
    return { bom, newline: lf > 0 && chunk[lf - 1] === 13 ? '\r\n' : '\n', quoteAll };
  }
  return { bom: false, newline: '\n', quoteAll: false };
}
