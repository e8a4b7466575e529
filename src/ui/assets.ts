import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';

export interface Asset {
  path: string;
  body: Buffer;
  gzip: Buffer;
  type: string;
}

const root = path.resolve(import.meta.dirname, '../..');
const resolvePackage = (p: string) => path.join(root, 'node_modules', p);

/**
 * Builds the one stylesheet (NL Design System components + the open Voorbeeld theme + ours)
 * and the islands bundle at boot, content-hashed so they can be cached for a year.
 */
export async function buildAssets(): Promise<{ css: Asset; js: Asset }> {
  const cssSources = await Promise.all(
    [
      resolvePackage('@utrecht/component-library-css/dist/index.css'),
      resolvePackage('@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'),
      path.join(root, 'src/ui/styles/app.css'),
    ].map((file) => fs.readFile(file, 'utf8')),
  );
  const css = await transform(cssSources.join('\n'), { loader: 'css', minify: true });
  const js = await build({
    entryPoints: [path.join(root, 'src/ui/islands/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
  });
  return {
    css: toAsset('app', 'css', 'text/css; charset=utf-8', Buffer.from(css.code)),
    js: toAsset('app', 'js', 'text/javascript; charset=utf-8', Buffer.from(js.outputFiles[0]?.contents ?? new Uint8Array())),
  };
}

function toAsset(name: string, ext: string, type: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.${ext}`, body, gzip: gzipSync(body), type };
}
