import { describe, expect, it } from 'vitest';
import { maxWaitDays } from './rules';

describe('CUP priority classes', () => {
  it('allow the waits of the regional guidelines', () => {
    expect(maxWaitDays('U', 'visita')).toBe(3);
    expect(maxWaitDays('B', 'strumentale')).toBe(10);
    expect(maxWaitDays('D', 'visita')).toBe(30);
    expect(maxWaitDays('D', 'strumentale')).toBe(60);
    expect(maxWaitDays('P', 'visita')).toBe(120);
  });
});
