import { describe, expect, it } from 'vitest';
import { io } from '../../../test/helpers/cli-io.js';
import { execute } from '../main.js';

describe('lint', () => {
  it('marks clean, warned and failed lines, and counts them', async () => {
    const result = await execute(
      ['lint', 'ok=1', 'sid=1; Secure; HttpOnly', 'x=1; SameSite=None'],
      io(),
    );
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('✓ ok=1');
    expect(lines[1]).toBe('! sid=1; Secure; HttpOnly');
    expect(result.stdout).toContain('3 lines: 1 error, 1 warning, 0 info');
  });

  it('says when piped curl output has no Set-Cookie line', async () => {
    const result = await execute(
      ['lint'],
      io({ stdinIsTTY: false, readStdin: async () => 'HTTP/1.1 200 OK\nSet-Cookie:\n' }),
    );
    expect(result.stdout).toContain('1 line: 1 error');
    const none = await execute(['lint', '--url', 'ftp://localhost/'], io());
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('--url must be http(s) on localhost');
    const bad = await execute(['lint', '--url', 'not a url'], io());
    expect(bad.stderr).toContain('--url is invalid');
  });
});
