// `node --import` this file to have the process list, at exit, every module it
// loaded into the file named by SUBLOC_LOADED_LOG: ES modules as the loader
// resolves them, CommonJS ones from the require cache (a lazy `require` passes
// no ESM hook).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.SUBLOC_LOADED_LOG;
if (log === undefined) throw new Error('loaded-modules.mjs needs SUBLOC_LOADED_LOG');
const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
process.on('exit', () => appendFileSync(log, `${Object.keys(createRequire(import.meta.url).cache).join('\n')}\n`));
