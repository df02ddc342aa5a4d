import { describe, expect, it } from 'vitest';
import { MAX_SCAN_BYTES } from '../../shared/contract/enrollment';
import { scanMediaType } from './scanFile';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from([...b, 0, 0, 0, 0]);

describe('scanMediaType', () => {
  it('reads the type from the bytes', () => {
    expect(scanMediaType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(scanMediaType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(scanMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(scanMediaType(bytes(0x49, 0x49, 0x2a, 0x00))).toBe('image/tiff');
    expect(scanMediaType(bytes(0x4d, 0x4d, 0x00, 0x2a))).toBe('image/tiff');
  });

  it('refuses an empty, oversized or foreign file with an Italian reason', () => {
    expect(() => scanMediaType(new Uint8Array())).toThrow(expect.objectContaining({ code: 'scan-empty' }));
    const big = new Uint8Array(MAX_SCAN_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-'));
    expect(() => scanMediaType(big)).toThrow(expect.objectContaining({ code: 'scan-too-large', userMessage: expect.stringContaining('10 MB') }));
    expect(() => scanMediaType(new TextEncoder().encode('PK\u0003\u0004 a docx'))).toThrow(expect.objectContaining({ code: 'scan-unknown-format' }));
  });
});
