import type { Profile } from '../profile.js';
import { defaultProfile } from './default.js';
import { festivalProfile } from './festival.js';

/** The built-in profiles by id: what `--profile <name>` and a profile file's `extends` name. */
export const profiles: Readonly<Record<string, Profile>> = Object.freeze({
  default: defaultProfile,
  festival: festivalProfile,
});
