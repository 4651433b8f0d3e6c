import { describe, expect, it } from 'vitest';
import { pickAction } from '../../src/cli/pick-action.js';
import { withLanguage } from '../../src/cli/i18n.js';
import { SublocError } from '../../src/errors.js';

const actions = Object.freeze({ export: 'export the memory', stats: 'count its entries' });

function usageError(name: string | undefined): SublocError {
  try {
    pickAction(actions, name);
  } catch (error) {
    if (error instanceof SublocError) return error;
    throw error;
  }
  throw new Error(`pickAction took \`${name}\``);
}

describe('pickAction', () => {
  it('gives the action its name picks', () => {
    expect(pickAction(actions, 'stats')).toBe('count its entries');
  });

  it('refuses a missing action, listing the expected ones in the order of the table', () => {
    const error = usageError(undefined);
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('missing action; expected one of export, stats');
  });

  it.each(['purge', 'toString', '__proto__', 'constructor', 'Export', ''])('refuses `%s`, which is none of its own actions', (name) => {
    const error = usageError(name);
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe(`unknown action \`${name}\`; expected one of export, stats`);
  });

  it('says it in the run’s language', async () => {
    expect(await withLanguage('zh-CN', async () => usageError('purge').message)).toBe('未知操作 `purge`；可用操作为 export, stats');
  });
});
