// The shape of src/, as the layout in docs/development.md promises: no import circles (type-only ones included),
// the library never imports what sits on top of it (the command line, the simulator), and those use
// the library only through its public entry.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');
const ON_TOP = ['cli', 'simulator'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Each file's relative imports (static, dynamic and type-only), as paths under src/. */
const graph = new Map<string, string[]>(
  sourceFiles(SRC).map((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
    const targets = specifiers.map((specifier) => relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'));
    return [relative(SRC, file), targets];
  }),
);
const area = (file: string) => (file.includes('/') ? file.split('/')[0]! : '');

describe('src/', () => {
  test('has the folders a newcomer reads at a glance', () => {
    const areas = new Set([...graph.keys()].map(area));
    for (const folder of ['client', 'checks', 'transport', 'bulk', 'auth', 'simulator', 'cli', 'generated']) expect(areas).toContain(folder);
  });

  test('every relative import names a file that exists', () => {
    for (const [file, targets] of graph) for (const target of targets) expect(graph.has(target), `${file} imports ${target}`).toBe(true);
  });

  test('has no import circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') return void circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toStrictEqual([]);
  });

  test('the library never imports the command line or the simulator', () => {
    for (const [file, targets] of graph) {
      if (ON_TOP.includes(area(file))) continue;
      expect(targets.filter((target) => ON_TOP.includes(area(target))), file).toStrictEqual([]);
    }
  });

  test('the command line and the simulator use the library through its public entry only', () => {
    for (const [file, targets] of graph) {
      if (!ON_TOP.includes(area(file))) continue;
      const library = targets.filter((target) => area(target) !== area(file) && !ON_TOP.includes(area(target)));
      expect(library.filter((target) => target !== 'index.ts'), file).toStrictEqual([]);
    }
  });

  test('no source file passes about 200 lines, generated code aside', () => {
    const long = [...graph.keys()]
      .filter((file) => area(file) !== 'generated')
      .map((file) => [file, readFileSync(join(SRC, file), 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 220);
    expect(long).toStrictEqual([]);
  });
});
