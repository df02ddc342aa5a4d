import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test/support/tempDir';
import { configureLogging, createLogger, redactCodiciFiscali } from './log';

afterEach(() => {
  configureLogging({ file: null });
  vi.restoreAllMocks();
});

describe('logging', () => {
  it('masks codici fiscali, also omocodes and inside messages and fields', () => {
    expect(redactCodiciFiscali('patient RSSMRA58D12G388C not found')).toBe('patient RSS************C not found');
    expect(redactCodiciFiscali('{"cf":"rssmra58d12g38uc"}')).toBe('{"cf":"rss************c"}');
    // Other 16-character words are left alone.
    expect(redactCodiciFiscali('run 1234567890ABCDEF done')).toBe('run 1234567890ABCDEF done');
  });

  it('writes to its file info and above, never debug unless asked, and no codice fiscale', () => {
    const file = path.join(tempDir(), 'pic.log');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    configureLogging({ file });
    const log = createLogger('test');
    log.debug('debug line', { cf: 'RSSMRA58D12G388C' });
    log.info('call failed', { message: 'patient RSSMRA58D12G388C already exists' });
    log.warn('invalid codice fiscale: "RSSMRA58D12G388C"');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['info', 'warn']);
    expect(lines.join('\n')).toContain('RSS************C');
    expect(lines.join('\n')).not.toContain('RSSMRA58D12G388C');
  });
});
