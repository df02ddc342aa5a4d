import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => ['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax'].includes(m.ruleId ?? '')).map((m) => m.message);
}

describe('layer boundaries (ESLint)', () => {
  it('keeps shared/ free of Node, DOM, Electron and the other layers', async () => {
    expect(await problems('shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;")).toHaveLength(1);
    expect(await problems('shared/domain/x.ts', "import { app } from 'electron';\nexport const a = app;")).toHaveLength(1);
    expect(await problems('shared/domain/x.ts', "import { Core } from '../../main/core';\nexport const a = Core;")).toHaveLength(1);
    expect(await problems('shared/domain/x.ts', 'export const a = process.env.X;')).toHaveLength(1);
    expect(await problems('shared/domain/x.ts', 'export const a = document.title;')).toHaveLength(1);
    expect(await problems('shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z;")).toEqual([]);
  });

  it('lets only main/electron/ import electron', async () => {
    expect(await problems('main/services/x.ts', "import { app } from 'electron';\nexport const a = app;")).toHaveLength(1);
    expect(await problems('native/x.ts', "import { app } from 'electron';\nexport const a = app;")).toHaveLength(1);
    expect(await problems('main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;")).toEqual([]);
  });

  it('keeps the renderer to shared/ only', async () => {
    expect(await problems('renderer/src/x.ts', "import { Core } from '../../main/core';\nexport const a = Core;")).toHaveLength(1);
    expect(await problems('renderer/src/x.ts', "import fs from 'fs';\nexport const a = fs;")).toHaveLength(1);
    expect(await problems('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;")).toHaveLength(1);
    expect(await problems('renderer/src/x.ts', "import { apiCalls } from '../../shared/api';\nexport const a = apiCalls;")).toEqual([]);
  });

  it("keeps the renderer and shared/ off the machine's clock: the core's clock is the one source of today", async () => {
    for (const file of ['renderer/src/x.tsx', 'renderer/src/x.test.ts', 'shared/domain/x.ts']) {
      expect(await problems(file, 'export const a = new Date();'), file).toEqual([expect.stringMatching(/useToday/)]);
      expect(await problems(file, 'export const a = Date.now();'), file).toEqual([expect.stringMatching(/useToday/)]);
      expect(await problems(file, "export const a = new Date('2025-03-12T08:05:00Z').getTime();"), file).toEqual([]);
    }
    expect(await problems('renderer/src/x.ts', 'export const a = performance.now();')).toEqual([]);
    // The core owns the clock (main/clock.ts) and may read it.
    expect(await problems('main/clock.ts', 'export const a = new Date();')).toEqual([]);
  });

  it('keeps test doubles and fixtures out of the app', async () => {
    for (const file of ['main/cards/x.ts', 'native/pcsc/x.ts', 'renderer/src/x.tsx', 'shared/domain/x.ts', 'main/electron/x.ts']) {
      const from = path.relative(path.dirname(path.join(root, file)), path.join(root, 'test', 'doubles', 'fakePcsclite'));
      expect(await problems(file, `import { FakePcsclite } from '${from}';\nexport const a = FakePcsclite;`), file).toEqual([expect.stringMatching(/never imports from test/)]);
      expect(await problems(file, `export * from '${from}';`), file).toHaveLength(1);
    }
    expect(await problems('main/cards/x.test.ts', "import { FakePcsclite } from '../../test/doubles/fakePcsclite';\nexport const a = FakePcsclite;")).toEqual([]);
    expect(await problems('test/e2e/x.e2e.ts', "import { openApp } from '../support/browserMode';\nexport const a = openApp;")).toEqual([]);
  });

  it('keeps the store off the API contract', async () => {
    expect(await problems('main/store/x.ts', "import type { PatientDetail } from '../../shared/contract/patients';\nexport type A = PatientDetail;")).toHaveLength(1);
    expect(await problems('main/store/x.ts', "import type { CallName } from '../../shared/api';\nexport type A = CallName;")).toHaveLength(1);
    expect(await problems('main/store/x.ts', "import type { Sex } from '../../shared/domain/patient';\nexport type A = Sex;")).toEqual([]);
  });

  it('gives handlers services only: no store, no core', async () => {
    expect(await problems('main/api/handlers/x.ts', "import type { Store } from '../../store/store';\nexport type A = Store;")).toHaveLength(1);
    expect(await problems('main/api/handlers/x.ts', "import type { Core } from '../../core';\nexport type A = Core;")).toHaveLength(1);
    expect(await problems('main/api/handlers/x.ts', "import type { PatientService } from '../../services/patientService';\nexport type A = PatientService;")).toEqual([]);
  });

  it('keeps the core independent of the UI', async () => {
    expect(await problems('main/services/x.ts', "import React from 'react';\nexport const a = React;")).toHaveLength(1);
  });
});
