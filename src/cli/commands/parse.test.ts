import { describe, expect, it } from 'vitest';
import { io } from '../../../test/helpers/cli-io.js';
import { execute } from '../main.js';

describe('parse', () => {
  it('marks only the later duplicates, and says when a header has no cookies', async () => {
    const json = JSON.parse((await execute(['parse', '--json', 'a=1; b=2; a=3'], io())).stdout);
    expect(json.cookies.map((c: { kept: boolean }) => c.kept)).toEqual([true, true, false]);
    const empty = await execute(['parse', ';;'], io());
    expect(empty).toEqual({ stdout: '(no cookies)\n', exitCode: 0 });
  });

  it('keeps __proto__ a cookie name like any other', async () => {
    const json = JSON.parse((await execute(['parse', '--json', '__proto__=x'], io())).stdout);
    expect(json.cookies).toEqual([{ name: '__proto__', value: 'x', kept: true }]);
  });
});
