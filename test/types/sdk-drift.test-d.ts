// Drift test against an outside source: the generated types of the document (src/generated/) against
// the official SDK, @commercelayer/sdk, whose interfaces Commerce Layer generates from its own
// OpenAPI document. Attribute by attribute: every official attribute exists here, with the same base
// type (string, number, boolean, object, array) and the same nullability. Updating the SDK, or editing
// the document, fails this file at compile time wherever the two part, unless the difference is one
// of the deliberate ones listed below.
import type { Import as SdkImport, ImportCreate as SdkImportCreate, ImportUpdate as SdkImportUpdate } from '@commercelayer/sdk';
import { describe, expectTypeOf, test } from 'vitest';
import type { components, importResourceTypeValues, importStatusValues } from '../../src/generated/openapi.js';

type Schemas = components['schemas'];
type Ours = Schemas['ImportAttributes'];

/** What a type is made of, before any narrowing: unions of literals count as their base type. */
type Base<T> = T extends string
  ? 'string'
  : T extends number
    ? 'number'
    : T extends boolean
      ? 'boolean'
      : T extends readonly unknown[]
        ? 'array'
        : T extends object
          ? 'object'
          : 'other';
/** Base type and nullability in one literal, such as 'string | null': readable in a failure message. */
type Shape<T> = null extends T ? `${Base<NonNullable<T>>} | null` : Base<NonNullable<T>>;
type Shapes<T, K extends keyof T> = { -readonly [P in K]-?: Shape<T[P]> };

/** The SDK's resource members that are not attributes: the JSON:API id and type, and the relationships. */
type NotAttributes = 'id' | 'type' | 'events' | 'event_stores';
type Official = Exclude<keyof SdkImport, NotAttributes>;

/**
 * Attributes the document declares and the SDK does not, each with its reason. Anything else the SDK
 * lacks, or the SDK has and the document lacks, fails the test.
 */
interface OnlyHere {
  /** Deprecated, gone from the official document, still returned (the seed's response has it). */
  destroyed_count: true;
  /** Deprecated, gone from the official document, still returned (the seed's response has it). */
  cleanup_records: true;
}

/**
 * Where the document and the SDK part on purpose, with what each says. Nothing else may part.
 */
interface DeliberateDifferences {
  /**
   * The SDK's `metadata` comes from its hand-written base interface (ResourceBase: `metadata?: Metadata`),
   * not from the generated attributes; Commerce Layer's OpenAPI document (components.schemas.import)
   * declares it `nullable: true`, and the document follows the OpenAPI document.
   */
  metadata: { ours: 'object | null'; sdk: 'object' };
}
type Deliberate = keyof DeliberateDifferences;

/*
 * Differences this comparison does not see, on purpose:
 * - Required or optional: nothing is required in the document's attributes, since a sparse fieldset
 *   (`fields[imports]=status`) leaves any attribute out; the SDK makes resource_type, status, inputs,
 *   created_at and updated_at required. The client's own types decide what a full response carries.
 * - started_at, completed_at, interrupted_at, created_at, updated_at are `format: date-time` strings in
 *   the document, plain strings in the SDK: both `string` to TypeScript.
 * - errors_log and warnings_log: objects in both, the document's values precise (attribute -> messages,
 *   messages), the SDK's `Record<string, any>`.
 * - status, resource_type and format are narrower than `string` in both; their values are compared below.
 */

type OurShapes = Shapes<Ours, Official & keyof Ours>;
type SdkShapes = Shapes<SdkImport, Official>;

describe('the import attributes against @commercelayer/sdk Import', () => {
  test('every official attribute exists here; the only others are the deprecated ones', () => {
    expectTypeOf<Exclude<Official, keyof Ours>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<keyof Ours, Official>>().toEqualTypeOf<keyof OnlyHere>();
  });

  test('same base type and nullability, attribute by attribute, but for the deliberate differences', () => {
    expectTypeOf<Omit<OurShapes, Deliberate>>().toEqualTypeOf<Omit<SdkShapes, Deliberate>>();
  });

  test('the deliberate differences are exactly as listed, on both sides', () => {
    expectTypeOf<Pick<OurShapes, Deliberate>>().toEqualTypeOf<{ [K in Deliberate]: DeliberateDifferences[K]['ours'] }>();
    expectTypeOf<Pick<SdkShapes, Deliberate>>().toEqualTypeOf<{ [K in Deliberate]: DeliberateDifferences[K]['sdk'] }>();
  });

  test('the deprecated attributes are integer and boolean, nullable', () => {
    expectTypeOf<Shape<Ours['destroyed_count']>>().toEqualTypeOf<'number | null'>();
    expectTypeOf<Shape<Ours['cleanup_records']>>().toEqualTypeOf<'boolean | null'>();
  });

  test('the enumerated values are the same: status, resource_type, format', () => {
    expectTypeOf<NonNullable<Ours['status']>>().toEqualTypeOf<SdkImport['status']>();
    expectTypeOf<NonNullable<Ours['resource_type']>>().toEqualTypeOf<SdkImport['resource_type']>();
    expectTypeOf<NonNullable<Ours['format']>>().toEqualTypeOf<NonNullable<SdkImport['format']>>();
    // The run-time lists generated with --enum-values, which create() checks against, say the same.
    expectTypeOf<(typeof importStatusValues)[number]>().toEqualTypeOf<SdkImport['status']>();
    expectTypeOf<(typeof importResourceTypeValues)[number]>().toEqualTypeOf<SdkImport['resource_type']>();
  });

  test('the logs are typed as the API sends them: input -> attribute -> messages, input -> messages', () => {
    expectTypeOf<NonNullable<Ours['errors_log']>>().toEqualTypeOf<Record<string, Record<string, string[]>>>();
    expectTypeOf<NonNullable<Ours['warnings_log']>>().toEqualTypeOf<Record<string, string[]>>();
  });
});

describe('the request attributes against @commercelayer/sdk ImportCreate and ImportUpdate', () => {
  type Members<T> = Exclude<keyof T, 'id' | 'type'>;

  test('create takes the official attributes, and only them', () => {
    expectTypeOf<keyof Schemas['ImportCreateAttributes']>().toEqualTypeOf<Members<SdkImportCreate>>();
    expectTypeOf<Schemas['ImportCreateAttributes']['resource_type']>().toEqualTypeOf<SdkImportCreate['resource_type']>();
    expectTypeOf<Schemas['ImportResourceType']>().toEqualTypeOf<SdkImportCreate['resource_type']>();
  });

  test('update takes the official attributes, and only them', () => {
    expectTypeOf<keyof Schemas['ImportUpdateAttributes']>().toEqualTypeOf<Members<SdkImportUpdate>>();
  });
});
