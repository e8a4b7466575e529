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
export async function buildAssets(): Promise<{ css: Asset; js: Asset; chunks: Asset[]; fonts: Asset[] }> {
  const { css: fontFaces, fonts } = await buildFonts();
  const cssSources = await Promise.all(
    [
      resolvePackage('@utrecht/component-library-css/dist/index.css'),
      resolvePackage('@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'),
      path.join(root, 'src/ui/styles/app.css'),
    ].map((file) => fs.readFile(file, 'utf8')),
  );
  const css = await transform([fontFaces, ...cssSources].join('\n'), { loader: 'css', minify: true });
  // The islands are split: the runtime every page loads is small, and big islands (the post
  // editor with its Markdown renderer) are chunks that load only on pages that use them.
  // esbuild names every file by its content hash, and the runtime imports chunks by those names.
  const js = await build({
    entryPoints: [path.join(root, 'src/ui/islands/main.ts')],
    bundle: true,
    splitting: true,
    outdir: '/assets',
    entryNames: '[name].[hash]',
    chunkNames: '[name].[hash]',
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
  });
  const scripts = js.outputFiles.map((file) => fixedAsset(`/assets/${path.basename(file.path)}`, 'text/javascript; charset=utf-8', Buffer.from(file.contents)));
  const main = scripts.find((asset) => path.basename(asset.path).startsWith('main.'));
  if (!main) throw new Error('islands bundle: no main entry');
  return {
    css: toAsset('app', 'css', 'text/css; charset=utf-8', Buffer.from(css.code)),
    js: main,
    chunks: scripts.filter((asset) => asset !== main),
    fonts,
  };
}

/**
 * The Voorbeeld theme asks for Noto Sans (text) and Noto Serif (headings). They are served from
 * this origin (no font CDN: the CSP allows none, and municipal networks often block them),
 * Latin and Latin Extended only, in the weights the pages use.
 */
const FONT_FILES = [
  { family: 'noto-sans', weights: ['400', '700'] },
  { family: 'noto-serif', weights: ['700'] },
];

async function buildFonts(): Promise<{ css: string; fonts: Asset[] }> {
  const fonts: Asset[] = [];
  const faces: string[] = [];
  for (const { family, weights } of FONT_FILES) {
    for (const weight of weights) {
      const source = await fs.readFile(resolvePackage(`@fontsource/${family}/${weight}.css`), 'utf8');
      for (const block of source.split('@font-face').slice(1)) {
        const file = block.match(/url\(\.\/files\/([a-z0-9-]+-(?:latin|latin-ext)-\d+-normal)\.woff2\)/)?.[1];
        if (!file) continue;
        const font = toAsset(file, 'woff2', 'font/woff2', await fs.readFile(resolvePackage(`@fontsource/${family}/files/${file}.woff2`)));
        fonts.push(font);
        faces.push(`@font-face${block.replace(/src:[^;]+;/, `src: url(${font.path}) format('woff2');`)}`);
      }
    }
  }
  return { css: faces.join('\n'), fonts };
}

function toAsset(name: string, ext: string, type: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return fixedAsset(`/assets/${name}.${hash}.${ext}`, type, body);
}

/** An asset whose path already carries its content hash (esbuild's output names). */
const fixedAsset = (assetPath: string, type: string, body: Buffer): Asset => ({ path: assetPath, body, gzip: gzipSync(body), type });
