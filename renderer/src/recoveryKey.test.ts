import { describe, expect, it } from 'vitest';
import { keyDownloadedText, keyGroups, keyLoadedText, keySavedText } from './recoveryKey';

const text = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n';

describe('the recovery key in Impostazioni', () => {
  it('is written on paper in 16 groups of four, in capitals, that give the key back', () => {
    const groups = keyGroups(text);
    expect(groups).toHaveLength(16);
    expect(groups.slice(0, 4)).toEqual(['0123', '4567', '89AB', 'CDEF']);
    expect(groups.join('').toLowerCase()).toBe(text.trim());
  });

  it('says where the key went, and what to do with it', () => {
    expect(keySavedText({ keyId: 'k', path: '/media/chiavetta/k.key' })).toMatch(/^Chiave di ripristino salvata in \/media\/chiavetta\/k\.key\. .*lontano dal disco delle copie/);
    expect(keyDownloadedText('k.key')).toMatch(/scaricata come «k\.key».*Spostarla subito su una chiavetta.*cancellarla dai download/);
    expect(keyLoadedText(true)).toMatch(/caricata ora, apre questa copia ed è salvata su questo computer/);
    expect(keyLoadedText(false)).toMatch(/era già su questo computer/);
  });
});
