import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonShapeScanner, MAX_JSON_DEPTH, MAX_JSON_VALUES } from './jsonShape';
import { fixture } from '../../../test/doubles/importFiles';

const scan = (...chunks: string[]) => {
  const scanner = new JsonShapeScanner();
  for (const c of chunks) {
    const problem = scanner.write(Buffer.from(c, 'utf8'));
    if (problem) return problem;
  }
  return null;
};
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('JSON shape', () => {
  it('lets real bundles through', () => {
    expect(scan(fs.readFileSync(fixture('bundle.json'), 'utf8'))).toBeNull();
  });

  it('refuses nesting past the limit, counting closed containers out', () => {
    expect(scan(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(scan(nested(MAX_JSON_DEPTH + 1))).toEqual({ kind: 'too-deep', depth: MAX_JSON_DEPTH + 1 });
    expect(scan(`[${Array(1000).fill(nested(MAX_JSON_DEPTH - 1)).join(',')}]`)).toBeNull();
  });

  it('refuses more values than the limit', () => {
    // The array and its commas.
    expect(scan(`[${'0,'.repeat(MAX_JSON_VALUES - 1)}0]`)).toBeNull();
    expect(scan(`[${'0,'.repeat(MAX_JSON_VALUES)}0]`)).toEqual({ kind: 'too-many-values', values: MAX_JSON_VALUES + 1 });
    expect(scan(`{${'"a":0,'.repeat(MAX_JSON_VALUES / 2)}"a":0}`)).toMatchObject({ kind: 'too-many-values' });
  });

  it('counts nothing inside strings, escaped quotes included', () => {
    const inside = `"[[[{{{,,,:::\\"[[[\\\\"`;
    expect(scan(`{"a":${inside},"b":"${nested(MAX_JSON_DEPTH + 1)}"}`)).toBeNull();
    expect(scan(`${'['.repeat(MAX_JSON_DEPTH)}${inside}${']'.repeat(MAX_JSON_DEPTH)}`)).toBeNull();
    // After the string, the bracket counts again.
    expect(scan(`${'['.repeat(MAX_JSON_DEPTH)}${inside},[]${']'.repeat(MAX_JSON_DEPTH)}`)).toMatchObject({ kind: 'too-deep' });
  });

  it('gives the same answer wherever the chunks are cut', () => {
    const text = `{"a":"x\\\\","b":"\\"[","c":${nested(MAX_JSON_DEPTH - 1)}}`;
    const deeper = `{"a":"x\\\\","b":"\\"[","c":${nested(MAX_JSON_DEPTH)}}`;
    for (let i = 0; i <= text.length; i++) expect(scan(text.slice(0, i), text.slice(i))).toBeNull();
    for (let i = 0; i <= deeper.length; i++) expect(scan(deeper.slice(0, i), deeper.slice(i))).toMatchObject({ kind: 'too-deep' });
  });
});
