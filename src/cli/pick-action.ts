import { SublocError } from '../errors.js';
import { t } from './i18n.js';

/** The action a command's first argument names (`subloc memory export`), else a usage error that lists the ones in `actions`. */
export function pickAction<A>(actions: Readonly<Record<string, A>>, name: string | undefined): A {
  const action = name !== undefined && Object.hasOwn(actions, name) ? actions[name] : undefined;
  if (action !== undefined) return action;
  const expected = Object.keys(actions).join(', ');
  throw new SublocError('USAGE', name === undefined ? t('error.missingAction', { expected }) : t('error.unknownAction', { name, expected }));
}
