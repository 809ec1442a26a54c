import { fileChunks } from '../readers/source.js';

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
