import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { fileSecretStore } from './secrets';

describe('file secrets', () => {
  it('keeps a secret 0600, replaces and removes it', () => {
    const dir = tempDir('pic-secrets-');
    const secrets = fileSecretStore(dir);
    expect(secrets.read('token')).toBeNull();
    secrets.write('token', 'abc');
    secrets.write('token', 'def');
    expect(secrets.read('token')).toBe('def');
    expect(fs.statSync(path.join(dir, 'token.secret')).mode & 0o777).toBe(0o600);
    secrets.write('token', null);
    expect(secrets.read('token')).toBeNull();
  });
});
