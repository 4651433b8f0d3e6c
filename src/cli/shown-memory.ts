import { isAbsolute, relative } from 'node:path';
import { isPostgresLocation, publicLocation } from '../memory/location.js';

/** The memory as a summary line names it: a file inside `cwd` by its path from there, a Postgres URL without its password. */
export function shownMemory(location: string, cwd: string): string {
  if (location === ':memory:' || isPostgresLocation(location)) return publicLocation(location);
  const inside = relative(cwd, location);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? location : inside;
}
