import { describe, expect, it } from 'vitest';
import { networkOf, PROVIDERS } from './providers';

describe('providers of the network (seed 003)', () => {
  it('hold the CMMC lists of ATS Milano (35) and ATS Pavia (27), a provider on both lists once', () => {
    expect(networkOf('milano').size).toBe(35);
    expect(networkOf('pavia').size).toBe(27);
    expect(new Set(PROVIDERS.map((p) => p.code)).size).toBe(PROVIDERS.length);
    expect(PROVIDERS.find((p) => p.code === 'asst-lodi')).toMatchObject({
      kind: 'asst',
      sites: ['Ospedale di Lodi', 'Ospedale di Codogno', 'Ospedale di Casalpusterlengo', 'Ospedale di Sant\'Angelo Lodigiano'],
      networks: [{ ats: 'milano', section: 'set_di_riferimento' }, { ats: 'pavia', section: 'non_valutato_ats' }],
    });
  });

  it('tell the sections of the Pavia list apart', () => {
    const section = (code: string) => PROVIDERS.find((p) => p.code === code)?.networks.find((n) => n.ats === 'pavia')?.section;
    expect(section('irccs-policlinico-san-matteo')).toBe('set_di_riferimento');
    expect(section('fondazione-san-germano')).toBe('fuori_set');
    expect(section('vivisol')).toBe('non_valutato_ats');
    expect(networkOf('milano').has('asst-pavia')).toBe(false);
    expect(PROVIDERS.find((p) => p.code === 'fondazione-cnao')?.note).toMatch(/in attesa di contratto/);
  });
});
