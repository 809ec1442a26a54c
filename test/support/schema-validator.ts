// Validates values against a schema of the bundled document with Ajv (JSON Schema 2020-12, the
// dialect of OpenAPI 3.1). Ajv is not a direct dependency: it comes with @stoplight/prism-http.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { openApiDocument } from './openapi-document.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
// OpenAPI's annotation keyword, and the container of the schemas: neither constrains anything.
ajv.addKeyword('example');
ajv.addKeyword('components');
ajvFormats.default(ajv);
// The schemas' $refs read "#/components/schemas/...": give them that root.
ajv.addSchema({ $id: 'openapi.json', components: { schemas: openApiDocument.components.schemas } });

/** The validator of `#/components/schemas/<name>`; call it and read `.errors` when it says false. */
export function schemaValidator(name: string): ValidateFunction {
  const validate = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
  if (!validate) throw new Error(`The document has no schema named ${name}`);
  return validate;
}
