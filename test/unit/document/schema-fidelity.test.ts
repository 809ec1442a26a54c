// The 200 response schema of the document against imports as Commerce Layer returns them: the seed
// page's response in its real types, an import carrying every official attribute with the official
// document's example values, one where every nullable attribute is null, and sparse fieldsets. Each
// attribute given a value of the wrong type is refused, so the schema says something about each one.
import { describe, expect, test } from 'vitest';
import { openApiDocument } from '../../support/openapi-document.js';
import { schemaValidator } from '../../support/schema-validator.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Document = { data: { attributes: Record<string, Json> } & Record<string, Json> } & Record<string, Json>;

const JSON_API = 'application/vnd.api+json';

/** The schema name of the 200 response of PATCH /api/imports/{importId}, as the document gives it. */
function okSchemaName(): string {
  const operation = openApiDocument.paths['/api/imports/{importId}']?.patch as unknown as {
    responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
  };
  return operation.responses['200']!.content[JSON_API]!.schema.$ref.split('/').pop()!;
}

const validate = schemaValidator(okSchemaName());
const errorsOf = () => JSON.stringify(validate.errors);

/**
 * The seed page's response (update-an-import), in the types the API really sends: counts as integers
 * (the page quotes them), cleanup_records a boolean (the page quotes it), the logs as one object keyed
 * by input (the page shows the old array form), `status` one of the four (the page's `started` is the
 * old name of `in_progress`). Everything else as the page has it, empty relationships included.
 */
const seedResponse = (): Document => ({
  data: {
    id: 'xYZkjABcde',
    type: 'imports',
    links: { self: 'https://yourdomain.commercelayer.io/api/imports/xYZkjABcde' },
    attributes: {
      resource_type: 'skus',
      parent_resource_id: '1234',
      status: 'in_progress',
      started_at: '2018-01-01T12:00:00.000Z',
      completed_at: '2018-01-01T12:00:00.000Z',
      inputs: [
        { code: 'ABC', name: 'Foo' },
        { code: 'DEF', name: 'Bar' },
      ],
      errors_count: 3,
      warnings_count: 1,
      destroyed_count: 99,
      errors_log: { ABC: { name: ['has already been taken'] } },
      warnings_log: { ABC: ['could not be deleted'] },
      cleanup_records: true,
      created_at: '2018-01-01T12:00:00.000Z',
      updated_at: '2018-01-01T12:00:00.000Z',
      reference: 'ANY-EXTERNAL-REFEFERNCE',
      metadata: { foo: 'bar' },
    },
    relationships: {},
    meta: { mode: 'test' },
  },
});

/**
 * Every attribute of Commerce Layer's OpenAPI document (components.schemas.import), with that
 * document's example values, plus the two deprecated ones the API still returns.
 */
const officialAttributes = (): Record<string, Json> => ({
  resource_type: 'skus',
  format: 'json',
  parent_resource_id: '1234',
  status: 'in_progress',
  started_at: '2018-01-01T12:00:00.000Z',
  completed_at: '2018-01-01T12:00:00.000Z',
  interrupted_at: '2018-01-01T12:00:00.000Z',
  inputs: [
    { code: 'ABC', name: 'Foo' },
    { code: 'DEF', name: 'Bar' },
  ],
  inputs_size: 300,
  errors_count: 30,
  warnings_count: 1,
  processed_count: 270,
  errors_log: { ABC: { name: ['has already been taken'] } },
  warnings_log: { ABC: ['could not be deleted'] },
  skip_errors: true,
  attachment_url: 'http://cl_imports.s3.amazonaws.com/',
  created_at: '2018-01-01T12:00:00.000Z',
  updated_at: '2018-01-01T12:00:00.000Z',
  reference: 'ANY-EXTERNAL-REFEFERNCE',
  reference_origin: 'ANY-EXTERNAL-REFEFERNCE-ORIGIN',
  metadata: { foo: 'bar' },
  destroyed_count: 99,
  cleanup_records: true,
});

const withAttributes = (attributes: Record<string, Json>): Document => ({
  data: {
    id: 'XAyRWNUzyN',
    type: 'imports',
    links: { self: 'https://yourdomain.commercelayer.io/api/imports/XAyRWNUzyN' },
    attributes,
    relationships: {
      events: {
        links: {
          self: 'https://yourdomain.commercelayer.io/api/imports/XAyRWNUzyN/relationships/events',
          related: 'https://yourdomain.commercelayer.io/api/imports/XAyRWNUzyN/events',
        },
      },
      event_stores: {
        links: {
          self: 'https://yourdomain.commercelayer.io/api/imports/XAyRWNUzyN/relationships/event_stores',
          related: 'https://yourdomain.commercelayer.io/api/imports/XAyRWNUzyN/event_stores',
        },
      },
    },
    meta: { mode: 'live' },
  },
});

/** The attributes the official document declares `nullable: true`, and the deprecated two. */
const NULLABLE = [
  'format',
  'parent_resource_id',
  'started_at',
  'completed_at',
  'interrupted_at',
  'inputs_size',
  'errors_count',
  'warnings_count',
  'processed_count',
  'errors_log',
  'warnings_log',
  'skip_errors',
  'attachment_url',
  'reference',
  'reference_origin',
  'metadata',
  'destroyed_count',
  'cleanup_records',
];
/** The attributes it declares `nullable: false`. */
const NOT_NULLABLE = ['resource_type', 'status', 'inputs', 'created_at', 'updated_at'];

describe('responses as the API sends them validate against the 200 response schema', () => {
  test('the 200 response of update is ImportResponse', () => {
    expect(okSchemaName()).toBe('ImportResponse');
  });

  test("the seed's response, in its real types and with its empty relationships", () => {
    expect(validate(seedResponse()), errorsOf()).toBe(true);
  });

  test('an import carrying every official attribute, with the official example values', () => {
    const body = withAttributes(officialAttributes());
    expect(Object.keys(body.data.attributes).sort()).toStrictEqual([...NULLABLE, ...NOT_NULLABLE].sort());
    expect(validate(body), errorsOf()).toBe(true);
  });

  test('an import where every nullable attribute is null', () => {
    const attributes = officialAttributes();
    for (const name of NULLABLE) attributes[name] = null;
    expect(validate(withAttributes(attributes)), errorsOf()).toBe(true);
  });

  test('the logs empty, as on a pending import', () => {
    expect(validate(withAttributes({ ...officialAttributes(), errors_log: {}, warnings_log: {} })), errorsOf()).toBe(true);
  });

  test('sparse fieldsets: any attribute may be missing, even all of them', () => {
    expect(validate(withAttributes({ status: 'completed' })), errorsOf()).toBe(true);
    expect(validate(withAttributes({ reference: null, processed_count: 2 })), errorsOf()).toBe(true);
    expect(validate(withAttributes({})), errorsOf()).toBe(true);
  });

  test('an attribute or member the document does not know yet is not an error', () => {
    const body = withAttributes({ ...officialAttributes(), some_new_attribute: { any: ['thing'] } });
    Object.assign(body.data, { some_new_member: 1 });
    Object.assign(body.data.meta as object, { trace_id: 'abc' });
    expect(validate(body), errorsOf()).toBe(true);
  });

  test('the documented examples, the seed example among them, validate too', () => {
    for (const name of ['UpdatedImportResponse', 'InterruptedImportResponse', 'InProgressImportResponse', 'CreatedImportResponse']) {
      expect(validate(openApiDocument.components.examples[name]!.value), `${name}: ${errorsOf()}`).toBe(true);
    }
    const seed = openApiDocument.components.examples.UpdatedImportResponse!.value as Document;
    expect(seed.data.relationships).toStrictEqual({});
  });
});

describe('a value of the wrong type is refused, attribute by attribute', () => {
  const wrong: [attribute: string, value: Json, what: string][] = [
    ['resource_type', 42, 'a number'],
    ['resource_type', 'widgets', 'a type that cannot be imported'],
    ['resource_type', null, 'null'],
    ['format', 1, 'a number'],
    ['format', 'xml', 'a format other than json and csv'],
    ['parent_resource_id', 1234, 'a number'],
    ['status', 'started', "the seed page's old status"],
    ['status', null, 'null'],
    ['started_at', 'yesterday', 'not a date-time'],
    ['started_at', 1514808000, 'a number'],
    ['completed_at', 'yesterday', 'not a date-time'],
    ['interrupted_at', true, 'a boolean'],
    ['inputs', { code: 'ABC' }, 'an object'],
    ['inputs', ['ABC'], 'an array of strings'],
    ['inputs', null, 'null'],
    ['inputs_size', '300', 'a string (the seed page quotes counts)'],
    ['inputs_size', 2.5, 'not an integer'],
    ['errors_count', '3', 'a string (the seed page quotes counts)'],
    ['warnings_count', '1', 'a string (the seed page quotes counts)'],
    ['processed_count', '270', 'a string'],
    ['destroyed_count', '99', 'a string (the seed page quotes counts)'],
    ['errors_log', [{ 'code:ABC': { name: ['has already been taken'] } }], "the seed page's old array form"],
    ['errors_log', { ABC: ['has already been taken'] }, 'messages without their attribute'],
    ['errors_log', { ABC: { name: 'has already been taken' } }, 'a message that is not in an array'],
    ['errors_log', 'ABC: name has already been taken', 'a string'],
    ['warnings_log', [{ 'code:ABC': ['could not be deleted'] }], "the seed page's old array form"],
    ['warnings_log', { ABC: 'could not be deleted' }, 'a message that is not in an array'],
    ['warnings_log', { ABC: [42] }, 'a message that is not a string'],
    ['cleanup_records', 'true', 'a string (the seed page quotes it)'],
    ['skip_errors', 'false', 'a string'],
    ['attachment_url', 42, 'a number'],
    ['attachment_url', 'not a url', 'not a URL'],
    ['created_at', null, 'null'],
    ['created_at', 'yesterday', 'not a date-time'],
    ['updated_at', null, 'null'],
    ['reference', 42, 'a number'],
    ['reference_origin', false, 'a boolean'],
    ['metadata', 'foo=bar', 'a string'],
    ['metadata', ['foo', 'bar'], 'an array'],
  ];

  test('every attribute has at least one wrong value in the table', () => {
    expect(new Set(wrong.map(([attribute]) => attribute))).toStrictEqual(new Set([...NULLABLE, ...NOT_NULLABLE]));
  });

  test.each(wrong)('%s as %j (%s) does not validate', (attribute, value) => {
    const body = withAttributes({ ...officialAttributes(), [attribute]: value });
    expect(validate(body)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath.startsWith(`/data/attributes/${attribute}`))).toBe(true);
  });

  test.each(NOT_NULLABLE)('%s may be left out, but not null', (attribute) => {
    const { [attribute]: _left, ...rest } = officialAttributes();
    expect(validate(withAttributes(rest)), errorsOf()).toBe(true);
    expect(validate(withAttributes({ ...rest, [attribute]: null }))).toBe(false);
  });
});

describe('the rest of the resource object', () => {
  test('relationships empty or with links; meta.mode test or live', () => {
    const body = seedResponse();
    body.data.meta = { mode: 'sandbox' };
    expect(validate(body)).toBe(false);
  });

  test('type is imports; id and attributes are present', () => {
    expect(validate({ data: { ...seedResponse().data, type: 'skus' } })).toBe(false);
    const { id: _id, ...withoutId } = seedResponse().data;
    expect(validate({ data: withoutId })).toBe(false);
    const { attributes: _attributes, ...withoutAttributes } = seedResponse().data;
    expect(validate({ data: withoutAttributes })).toBe(false);
  });
});
