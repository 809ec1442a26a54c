// Renders the document to one self-contained page, dist/docs/index.html, that loads nothing
// from the network: Redoc's scripts are inlined (--inlineBundle) and telemetry is off.
// build-docs bundles the multi-file document itself, so this never rewrites dist/openapi.*
// (which tests running alongside may be reading).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { redocly } from './redocly.js';

const docsPage = 'dist/docs/index.html';

// Redoc 3's sidebar footer fetches its "API docs by Redocly" logo from a CDN at runtime;
// an inline image keeps the attribution without the request.
const remoteLogo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const inlineLogo = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
    '<text x="0" y="12" font-family="sans-serif" font-size="12" fill="#6b7280">Redocly</text></svg>',
).toString('base64')}`;

// Anything in the page that would make a browser fetch from a host as it loads.
const remoteLoads = [
  /<script[^>]+src=["']?https?:/i,
  /<link[^>]+href=["']?https?:/i,
  /<img[^>]+src=["']?https?:/i,
  /<iframe[^>]+src=["']?https?:/i,
  /\bimport\s*(?:\{[^}]*\}\s*from\s*)?["'`]https?:/,
  /@import\s+(?:url\()?["']?https?:/i,
  /url\(\s*["']?https?:/i,
  /fonts\.(?:googleapis|gstatic)\.com/i,
  remoteLogo,
];

// One operation: open every schema and sample, so the seed's example reads without clicking.
const redocOptions = ['--openapi.jsonSamplesExpandLevel=all', '--openapi.schemasExpansionLevel=all'];
redocly(['build-docs', 'openapi/openapi.yaml', '--inlineBundle', ...redocOptions, '--output', docsPage], { capture: true });

// Redoc 3 has no option to open the sidebar's tag groups on load (Redocly/redoc#1305 asks for one):
// a reader landing on the page sees the tag, and its operations only after a click. The sidebar is
// the page's table of contents, so here every tag group starts open (a click still folds it): the
// inlined Redoc's one builder of a tag's sidebar group gives the group `expanded: 'true'`, which
// Redoc's menu honours on load. The pattern is checked to match exactly once, so that a Redoc
// that builds its sidebar otherwise fails this script instead of folding the operations away again.
const tagGroupItem = /(\.push\(\{type:`group`,label:[\w$]+,link:[\w$]+,routeSlug:[\w$]+,items:[\w$]+,)(?=\.\.\.)/g;

let html = readFileSync(docsPage, 'utf8').replace(remoteLogo, inlineLogo);
const tagGroupBuilders = html.match(tagGroupItem)?.length ?? 0;
if (tagGroupBuilders !== 1) {
  console.error(`${docsPage}: expected one builder of Redoc's tag groups in the inlined bundle, found ${tagGroupBuilders}; ` +
    'the sidebar cannot be opened on load (did @redocly/cli change?)');
  process.exit(1);
}
html = html.replace(tagGroupItem, '$1expanded:`true`,');
const found = remoteLoads.map((pattern) => html.match(new RegExp(pattern.source, pattern.flags.replace('g', '')))).filter(Boolean);
if (found.length > 0) {
  console.error(`${docsPage} would load from the network:\n${found.map((match) => `  ${match[0]}`).join('\n')}`);
  process.exit(1);
}
writeFileSync(docsPage, html);
console.log(`Docs: ${docsPage} (${Math.round(statSync(docsPage).size / 1024)} KiB, self-contained)`);
