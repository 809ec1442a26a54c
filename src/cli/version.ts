import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package's version, read from its package.json (the one above the running script, however it was linked). */
export function packageVersion(script = process.argv[1] ?? ''): string {
  let directory = dirname(realpathSync(script));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'commercelayer-imports' && manifest.version) return manifest.version;
    } catch {
      // no package.json here, or not ours: look further up
    }
    const parent = dirname(directory);
    if (parent === directory) return 'unknown';
    directory = parent;
  }
}
