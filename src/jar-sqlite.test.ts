import { describe, expect, it } from 'vitest';
import * as sqlite from './jar-sqlite.js';

describe('shortbread/jar/sqlite entry', () => {
  it('exports the SQLite store only', () => {
    expect(Object.keys(sqlite)).toEqual(['SqliteJarStore']);
  });
});
