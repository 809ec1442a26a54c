/**
 * Counts the records of a CSV text after its header, as a CSV parser does: a line break inside a
 * quoted field does not end a record, and blank lines hold none.
 */
export function csvRecordCount(text: string): number {
  let records = 0;
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 34 /* " */) {
      // A doubled quote inside a quoted field is an escaped quote: it toggles twice.
      quoted = !quoted;
      empty = false;
    } else if (!quoted && (char === 10 || char === 13)) {
      if (!empty) records++;
      empty = true;
    } else empty = false;
  }
  if (!empty) records++;
  return Math.max(0, records - 1);
}
