import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The fuses the packaged app must ship with (electron-builder.yml explains each choice). */
const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

function builderConfig(): { electronFuses?: Record<string, unknown> } {
  return yaml.load(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };
}

/** The fuse names electron-builder accepts, from the schema it validates its configuration with. */
function knownFuseNames(): string[] {
  const fromBuilder = createRequire(createRequire(path.join(repoRoot, 'package.json')).resolve('electron-builder/package.json'));
  const schema = JSON.parse(fs.readFileSync(fromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
  };
  return Object.keys(schema.definitions.FuseOptionsV1.properties);
}

describe('Electron fuses in electron-builder.yml', () => {
  it('sets every hardening fuse to its expected value', () => {
    expect(builderConfig().electronFuses).toEqual(EXPECTED_FUSES);
  });

  it('names only fuses electron-builder knows (a misspelt one would fail only at packaging time)', () => {
    const known = knownFuseNames();
    expect(Object.keys(builderConfig().electronFuses ?? {}).filter((name) => !known.includes(name))).toEqual([]);
  });
});
