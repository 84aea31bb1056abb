// Bundles the console into one script and one stylesheet (the server's CSP allows nothing
// inline and nothing from elsewhere). Usage: node build.mjs [outdir]; Maven passes
// target/classes/webroot so that the packaged jar serves it.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const outdir = resolve(process.argv[2] ?? process.env.LUPAUS_WEBROOT ?? '../target/classes/webroot');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: { app: 'src/main.js', style: 'src/app.css' },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir,
  logLevel: 'warning',
  legalComments: 'linked',
});
cpSync('src/index.html', resolve(outdir, 'index.html'));
cpSync('src/favicon.svg', resolve(outdir, 'favicon.svg'));
console.log(`console bundled into ${outdir}`);
