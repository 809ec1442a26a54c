// Reads the inputs of a csv import as the API does: a header line, then one record per row, read by
// a real CSV parser (RFC 4180: a quoted field may hold commas, doubled quotes and line breaks).
import { parse } from 'csv-parse/sync';

export type CsvResult = { records: Record<string, string>[] } | { error: string };

export function readCsvInputs(text: string): CsvResult {
  try {
    const records = parse(text, {
      columns: true, // the first row names the attributes
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false, // a row with more or fewer fields than the header is an error
    }) as Record<string, string>[];
    return { records };
  } catch (error) {
    // The parser's message says what and on which line; it quotes no field value.
    return { error: error instanceof Error ? error.message : 'the CSV could not be read' };
  }
}
