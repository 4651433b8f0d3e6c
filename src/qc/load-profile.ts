import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { checkReadable, fileErrorReason, SublocError } from '../errors.js';
import { profileInvalid as msg } from './messages.js';
import type { Profile } from './profile.js';
import { parseProfile } from './profile-file.js';
import { profiles } from './profiles/index.js';

/** Whether a profile reference is a file's path (a folder in it, or `.json`) rather than a profile's name. */
export function namesProfileFile(nameOrPath: string): boolean {
  return !Object.hasOwn(profiles, nameOrPath) && /[\\/]|\.json$/i.test(nameOrPath);
}

/**
 * A built-in profile by name (`default`, `festival`), else a profile file
 * resolved from `cwd`. A name that is neither is refused with the choices.
 */
export function loadProfile(nameOrPath: string, cwd: string): Profile {
  if (Object.hasOwn(profiles, nameOrPath)) return profiles[nameOrPath]!;
  const path = resolve(cwd, nameOrPath);
  let bytes: Uint8Array;
  try {
    checkReadable(statSync(path));
    bytes = readFileSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !namesProfileFile(nameOrPath)) throw new SublocError('CONFIG_INVALID', msg.unknownProfile(nameOrPath, Object.keys(profiles)));
    throw new SublocError('INPUT_UNREADABLE', `cannot read the profile ${nameOrPath}: ${fileErrorReason(cause)}`, { cause, file: nameOrPath });
  }
  return parseProfile(bytes, nameOrPath, basename(nameOrPath, extname(nameOrPath)));
}
