import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page's folder: src/studio/page under tsx, dist/studio/page once built. */
export const PAGE_DIR = new URL('./page/', import.meta.url);

/** What the page's folder may serve, by extension; anything else in it (type declarations, notes) is not served. */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface PageFiles {
  /** `index.html`, read on each request; undefined when the page is not there (a build without it): the API still answers. */
  index(): Promise<string | undefined>;
  /** An asset by its file name: only a file the folder held at start-up, so no name can reach another folder. */
  asset(name: string): Promise<{ body: Buffer; type: string } | undefined>;
}

/** The page and its assets from `dir`, listed once: a name is looked up, never joined to a path. */
export function pageFiles(dir: URL = PAGE_DIR): PageFiles {
  const listed = new Map<string, string>();
  const index = new URL('index.html', dir);
  for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
    const type = ASSET_TYPES[extname(entry.name).toLowerCase()];
    if (entry.isFile() && type !== undefined) listed.set(entry.name, type);
  }
  return {
    index: async () => (existsSync(index) ? readFile(fileURLToPath(index), 'utf8') : undefined),
    async asset(name) {
      const type = listed.get(name);
      if (type === undefined) return undefined;
      return { body: await readFile(fileURLToPath(new URL(name, dir))), type };
    },
  };
}
