import { describe, expect, it } from 'vitest';
import { describeSource } from './sourceDescription';

describe('describeSource', () => {
  it('keeps paths, hosts and users', () => {
    expect(describeSource({ path: 'C:\\\\Dati\\\\lista.csv' })).toBe('C:\\\\Dati\\\\lista.csv');
    expect(describeSource({ host: 'srv', user: 'medico', database: 'milleps' })).toBe('medico@srv:5432/milleps');
  });

  it('never keeps a password, whatever characters it holds', () => {
    for (const password of ['segreto', 'a/b@c', 'p@ss/w:rd@', '@@//']) {
      const described = describeSource({ url: `postgres://medico:${password}@192.168.1.10:5432/milleps` });
      expect(described).toBe('postgres://medico:***@192.168.1.10:5432/milleps');
    }
    expect(describeSource({ url: 'postgres://srv/milleps?user=medico&password=a/b@c' })).toBe('postgres://srv/milleps?user=medico&password=***');
    expect(describeSource({ url: 'postgres://srv:5432/milleps?password=x@y' })).toBe('postgres://srv:5432/milleps?password=***');
    expect(describeSource({ folder: '/x', dbPassword: 'segreto', apiToken: 't' })).toBe('{"folder":"/x"}');
  });
});
