import { describe, expect, it } from 'vitest';
import { recontactMessage } from './walkInService';

describe('the walk-in message', () => {
  it('agrees with the patient and writes card capitals as names', () => {
    expect(recontactMessage({ givenName: 'NICOLÒ', surname: "DELL'ACQUA", sex: 'M' })).toMatch(/^Grazie\. Nicolò Dell'Acqua sarà ricontattato dallo studio/);
    expect(recontactMessage({ givenName: 'Maria', surname: 'De Luca', sex: 'F' })).toMatch(/Maria De Luca sarà ricontattata/);
  });
});
