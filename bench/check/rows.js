// The benchmark's file: n valid SKU rows, as a catalogue export would hold them (a quoted name with
// a comma, a shipping category, weight and unit, flags), about 85 bytes a row.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const HEADER = 'code,name,shipping_category_id,description,weight,unit_of_weight,do_not_ship,pieces_per_pack';

export async function writeSkuCsv(path, rows) {
  const out = createWriteStream(path);
  let text = `${HEADER}\n`;
  for (let i = 1; i <= rows; i++) {
    text += `SKU${String(i).padStart(7, '0')},"Product ${i}, size M",nBAvrhRZBl,A plain cotton t-shirt,${(i % 900) + 100},gr,false,1\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}
