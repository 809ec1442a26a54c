import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { fileChunks } from '../readers/source.js';

/** A field as the file holds it: its value, and whether it was quoted. */
export interface CsvField {
  value: string;
  quoted: boolean;
}

export interface CsvRow {
  fields: CsvField[];
  /** The line the row starts on, 1-based, counting line feeds only (a CRLF inside a quoted field is one line break). */
  line: number;
}

interface Cell extends CsvField {
  emptyLines: number;
}

/**
 * The rows of a CSV file, header first, as it holds them: each field's text and whether it was quoted,
 * so that a row can be written back as it was. Parsed with the import's own settings (BOM, delimiter,
 * empty lines skipped), so that row n + 1 is the record the load counted as n.
 */
export async function* csvRows(path: string, delimiter: string): AsyncGenerator<CsvRow> {
  const parser = parse({
    bom: true,
    delimiter,
    skip_empty_lines: true,
    // csv-parse's own line numbers count a CRLF inside a quoted field twice: the lines are counted here instead.
    cast: (value, context): Cell => ({ value, quoted: context.quoting, emptyLines: context.empty_lines }),
  });
  const source = Readable.from(fileChunks(path));
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let next = 1;
  let emptyBefore = 0;
  try {
    for await (const cells of parser as AsyncIterable<Cell[]>) {
      const emptyLines = cells[0]?.emptyLines ?? emptyBefore;
      const line = next + emptyLines - emptyBefore;
      emptyBefore = emptyLines;
      let breaks = 0;
      for (const cell of cells) for (let i = cell.value.indexOf('\n'); i !== -1; i = cell.value.indexOf('\n', i + 1)) breaks++;
      next = line + 1 + breaks;
      yield { fields: cells.map(({ value, quoted }) => ({ value, quoted })), line };
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** A field written back: quoted as it was (quotes doubled), or as it is; a new field quoted only when it must be. */
export function csvField(field: CsvField | string, delimiter: string): string {
  const { value, quoted } = typeof field === 'string' ? { value: field, quoted: needsQuotes(field, delimiter) } : field;
  return quoted ? `"${value.replaceAll('"', '""')}"` : value;
}

const needsQuotes = (value: string, delimiter: string) => value.includes(delimiter) || /["\r\n]|^\s|\s$/.test(value);

/** How the file ends its rows and whether it starts with a BOM, read from its first bytes. */
export async function csvLayout(path: string): Promise<{ bom: boolean; newline: string }> {
  for await (const chunk of fileChunks(path)) {
    const lf = chunk.indexOf(10);
    return { bom: chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf, newline: lf > 0 && chunk[lf - 1] === 13 ? '\r\n' : '\n' };
  }
  return { bom: false, newline: '\n' };
}
