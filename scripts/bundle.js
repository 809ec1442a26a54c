// Lints nothing; bundles the multi-file document into dist/openapi.yaml and dist/openapi.json.
import { redocly } from './redocly.js';

const root = 'openapi/openapi.yaml';
redocly(['bundle', root, '--output', 'dist/openapi.yaml']);
redocly(['bundle', root, '--ext', 'json', '--output', 'dist/openapi.json']);
