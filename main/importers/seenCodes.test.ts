import { describe, expect, it } from 'vitest';
import { SeenCodes } from './seenCodes';

describe('SeenCodes', () => {
  it('answers null the first time, then the row of the first appearance', () => {
    const seen = new SeenCodes();
    try {
      expect(seen.meet('RSSMRA58D12G388C', '2')).toBeNull();
      expect(seen.meet('BNCGLI75A41F205I', '3')).toBeNull();
      expect(seen.batch(() => seen.meet('RSSMRA58D12G388C', '9'))).toBe('2');
      expect(seen.meet('RSSMRA58D12G388C', '12')).toBe('2');
    } finally {
      seen.close();
    }
  });
});
