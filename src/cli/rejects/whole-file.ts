import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

/**
 * Writes a file through `fill`, which writes its text piece by piece (waiting while the disk catches
 * up, so that memory stays bounded): beside the target first, renamed over it once whole, so that a
 * failure leaves neither half a file nor a damaged earlier one.
 */
export async function writeWholeFile(path: string, fill: (write: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temporary, { flags: 'wx' });
  const failure = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  failure.catch(() => {});
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failure]);
  };
  try {
    await fill(write);
    out.end();
    await Promise.race([once(out, 'finish'), failure]);
    await rename(temporary, path);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
