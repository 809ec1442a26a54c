import { InputError } from '../errors.js';

/**
 * Refuses option names the callee does not know, for callers without types: a misspelt option
 * (`interval` for `intervalMs`) would otherwise be dropped without a word and its default used.
 */
export function assertKnownOptions(options: object, known: readonly string[], where: string): void {
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const nearest = nearestName(name, known);
    throw new InputError(`${where} has no option ${JSON.stringify(name)}${nearest ? ` (did you mean ${nearest}?)` : ''}; it takes ${known.join(', ')}`);
  }
}

function nearestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    // A prefix (`interval` for `intervalMs`) is as near as a name gets.
    const distance = other.startsWith(lower) || lower.startsWith(other) ? 0.5 : editDistance(lower, other);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, name.length / 3) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
