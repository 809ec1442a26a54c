// Drift test of the records table against its source: src/generated/records.ts must be exactly what
// scripts/records.js makes from the installed @commercelayer/sdk, so that updating the SDK fails here
// until `npm run generate` is run and the change is committed. A copy of the SDK with one property
// made optional shows that a change in the SDK's types does change the table.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RECORD_RULES } from '../../../src/index.js';
import { CONDITIONS, NUMBER_REFINEMENTS } from '../../../src/records/refinements.js';
import { importResourceTypeValues } from '../../../src/generated/openapi.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(ROOT, 'scripts/records.js');
const render = (sdkDir?: string) => {
  const run = spawnSync(process.execPath, [SCRIPT, '--print', ...(sdkDir ? [sdkDir] : [])], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
};
let installed: string | undefined;
const renderInstalled = () => (installed ??= render());
const installedSdk = dirname(dirname(createRequire(import.meta.url).resolve('@commercelayer/sdk')));
const scratch = mkdtempSync(join(tmpdir(), 'records-drift-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the records table', () => {
  test('is what the installed SDK makes, byte for byte (run `npm run generate` after updating the SDK)', { timeout: 60_000 }, () => {
    expect(renderInstalled()).toBe(readFileSync(join(ROOT, 'src/generated/records.ts'), 'utf8'));
  });

  test('changes when the SDK changes what a create type requires', { timeout: 90_000 }, () => {
    // A copy of the SDK's declarations where SkuCreate's name is optional.
    const copy = join(scratch, 'node_modules/@commercelayer/sdk');
    cpSync(join(installedSdk, 'package.json'), join(copy, 'package.json'));
    for (const file of readdirSync(join(installedSdk, 'lib')).filter((name) => name.endsWith('.d.cts'))) {
      cpSync(join(installedSdk, 'lib', file), join(copy, 'lib', file));
    }
    const api = readdirSync(join(copy, 'lib')).find((name) => /^api-.+\.d\.cts$/.test(name))!;
    const text = readFileSync(join(copy, 'lib', api), 'utf8');
    const altered = text.replace(/(interface SkuCreate extends ResourceCreate \{[\s\S]*?\n {4}name): string;/, '$1?: string;');
    expect(altered).not.toBe(text);
    writeFileSync(join(copy, 'lib', api), altered);

    const table = render(copy);
    expect(table).not.toBe(renderInstalled());
    // SkuCreate's name, required in the installed SDK, is optional (no `required`) in the altered one's table.
    const nameOfSkus = (text: string) => /"skus": \{[\s\S]*?"name": (\{[^}]*\})/.exec(text)?.[1]?.replace(/\s+/g, '');
    expect(nameOfSkus(renderInstalled())).toBe('{"type":"string","required":true}');
    expect(nameOfSkus(table)).toBe('{"type":"string"}');
  });

  test('covers exactly the resource types the document lists as importable', () => {
    expect(Object.keys(RECORD_RULES).sort()).toEqual([...importResourceTypeValues].sort());
  });

  test('holds what the SDK says of the types the facts name (SkuCreate, PriceCreate, StockItemCreate, ...)', () => {
    const required = (type: keyof typeof RECORD_RULES) => [
      ...Object.entries(RECORD_RULES[type].attributes).filter(([, rule]) => rule.required).map(([name]) => name),
      ...Object.values(RECORD_RULES[type].relationships).filter((rule) => rule.required).map((rule) => rule.name),
    ].sort();
    expect(required('skus')).toEqual(['code', 'name', 'shipping_category']);
    expect(required('prices')).toEqual(['amount_cents', 'price_list', 'sku']);
    expect(required('stock_items')).toEqual(['quantity', 'stock_location']);
    expect(required('bundles')).toEqual(['code', 'name', 'sku_list']);
    expect(required('coupons')).toEqual(['code', 'promotion_rule']);
    expect(required('gift_cards')).toEqual(['balance_cents']);
    expect(required('customers')).toEqual(['email']);
    expect(required('shipping_categories')).toEqual(['name']);
    expect(RECORD_RULES.skus.attributes.unit_of_weight).toMatchObject({ type: 'enum', values: ['gr', 'oz', 'lb'] });
    expect(RECORD_RULES.prices.relationships.price_list).toMatchObject({ attribute: 'price_list_id', targets: ['price_lists'], parent: true });
    expect(RECORD_RULES.prices.relationships.sku).toMatchObject({ attribute: 'sku_id', codeAttribute: 'sku_code', targets: ['skus'] });
    expect(RECORD_RULES.stock_items.relationships.sku?.codeAttribute).toBe('sku_code');
  });

  test("names in the dashboard's refinements only attributes the SDK's types have, numbers where it refines a number", () => {
    for (const [type, refinements] of Object.entries(NUMBER_REFINEMENTS)) {
      for (const name of Object.keys(refinements!)) {
        expect(RECORD_RULES[type as keyof typeof RECORD_RULES].attributes[name]?.type, `${type}.${name}`).toMatch(/^(integer|number)$/);
      }
    }
    for (const [type, conditions] of Object.entries(CONDITIONS)) {
      const rules = RECORD_RULES[type as keyof typeof RECORD_RULES];
      for (const [name, condition] of Object.entries(conditions!)) {
        const attributes = [...Object.keys(rules.attributes), ...Object.values(rules.relationships).map((r) => r.attribute)];
        for (const named of [name, ...(condition.unlessAny ?? []), ...(condition.unlessTrue ? [condition.unlessTrue] : [])]) {
          expect(attributes, `${type}: ${named}`).toContain(named);
        }
      }
    }
  });

  test('names, for each parent and each unique key, attributes and relationships the type has', () => {
    for (const rules of Object.values(RECORD_RULES)) {
      if (rules.parent !== undefined) expect(rules.relationships[rules.parent], `${rules.resourceType}'s parent`).toBeDefined();
      for (const attribute of rules.uniqueKey ?? []) {
        const known = attribute in rules.attributes || Object.values(rules.relationships).some((r) => r.attribute === attribute);
        // The docs key customer subscriptions by customer_id + reference, while the SDK's
        // CustomerSubscriptionCreate names the customer by customer_email only: the one known gap.
        const documentedOnly = rules.resourceType === 'customer_subscriptions' && attribute === 'customer_id';
        expect(known || documentedOnly, `${rules.resourceType}'s key ${attribute}`).toBe(true);
      }
    }
  });
});
