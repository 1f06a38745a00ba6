import { describe, expect, it } from 'vitest';
import { io } from '../../../test/helpers/cli-io.js';
import { execute } from '../main.js';

describe('parse-set-cookie', () => {
  it('notes an Expires in the past, a deleting Max-Age, unknown attributes and the default path', async () => {
    const out = (
      await execute(
        [
          'parse-set-cookie',
          'a=1; Expires=Thu, 01 Jan 2015 00:00:00 GMT; Foo=bar',
          'b=2; Max-Age=0; Priority=High',
        ],
        io(),
      )
    ).stdout;
    expect(out).toContain('(in the past: deletes the cookie)');
    expect(out).toMatch(/^unknown\s+Foo=bar$/m);
    expect(out).toMatch(/^path\s+\(default: the directory of the request path\)$/m);
    expect(out).toContain('0 (deletes the cookie)');
    expect(out).toMatch(/^priority\s+high$/m);
  });

  it('shows the capped Expires and what the line asked for', async () => {
    const out = (
      await execute(['parse-set-cookie', 'a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT'], io())
    ).stdout;
    expect(out).toContain('(capped at 400 days; the line says Fri, 01 Jan 2100 00:00:00 GMT)');
  });
});
