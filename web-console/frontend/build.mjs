// Bundles the console into one script and one stylesheet (the server's CSP allows nothing
// inline and nothing from elsewhere). Their names carry a hash of their content, under assets/,
// so that the server can let browsers keep them for a year; index.html, which names them, is
// never kept. Usage: node build.mjs [outdir]; Maven passes target/classes/webroot so that the
// packaged jar serves it.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

const outdir = resolve(process.argv[2] ?? process.env.LUPAUS_WEBROOT ?? '../target/classes/webroot');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  entryPoints: { app: 'src/main.js', style: 'src/app.css', apidoc: 'src/apidoc.js', 'apidoc-style': 'src/apidoc.css' },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: resolve(outdir, 'assets'),
  entryNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'linked',
});
const named = (entry) => basename(Object.entries(result.metafile.outputs)
  .find(([, output]) => output.entryPoint === entry)[0]);
const html = readFileSync('src/index.html', 'utf8')
  .replace('href="style.css"', `href="assets/${named('src/app.css')}"`)
  .replace('src="app.js"', `src="assets/${named('src/main.js')}"`);
if (!html.includes('assets/app-') || !html.includes('assets/style-')) throw new Error('index.html does not name the bundles');
writeFileSync(resolve(outdir, 'index.html'), html);
// The API page: the server's OpenAPI document drawn by its own script and stylesheet.
const apiHtml = readFileSync('src/api.html', 'utf8')
  .replace('href="style.css"', `href="assets/${named('src/app.css')}"`)
  .replace('href="apidoc-style.css"', `href="assets/${named('src/apidoc.css')}"`)
  .replace('src="apidoc.js"', `src="assets/${named('src/apidoc.js')}"`);
if (!apiHtml.includes('assets/apidoc-') || !apiHtml.includes('assets/style-')) throw new Error('api.html does not name the bundles');
writeFileSync(resolve(outdir, 'api.html'), apiHtml);
cpSync('src/favicon.svg', resolve(outdir, 'favicon.svg'));
console.log(`console bundled into ${outdir}`);
