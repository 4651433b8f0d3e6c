import { describe, expect, it } from 'vitest';
import { fixedMessage } from '../../src/model/diagnostic.js';

describe('fixedMessage', () => {
  it('reports its one wording at each place it is given', () => {
    const noBody = fixedMessage('tmx/no-body', 'error', '`<tmx>` has no `<body>`');
    expect(noBody({ line: 3, column: 1 })).toEqual({ code: 'tmx/no-body', severity: 'error', message: '`<tmx>` has no `<body>`', line: 3, column: 1 });
    expect(noBody({ cueId: 'c7', line: undefined })).toEqual({ code: 'tmx/no-body', severity: 'error', message: '`<tmx>` has no `<body>`', cueId: 'c7' });
  });
});
