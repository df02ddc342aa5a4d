import { afterEach, beforeEach } from 'vitest';
import type { Core } from '../../main/core';
import { startCentroServizi, type CentroServizi, type CentroServiziOptions } from '../peers/centroServizi';
import { syncStudio, type StudioOptions } from './syncStudio';

/** What a sync test works in: this test's Centro Servizi, the studios' clock, the studios opened on it. */
export interface SyncWorld {
  readonly peer: CentroServizi;
  /** What the studios' clock reads: a test moves it, the next test starts again from the start. */
  now: Date;
  /** A studio on this test's Centro Servizi and clock, closed after the test. */
  studio(o?: Partial<StudioOptions>): Core;
  /** Closes a studio before the test ends (the test opens its folder again, or another). */
  close(c: Core): Promise<void>;
  /** A fresh Centro Servizi in place of this test's, empty, with `options`. */
  restartPeer(options?: CentroServiziOptions): Promise<void>;
}

/** A fresh Centro Servizi for each test of the file that calls this, and every studio opened on it closed after the test. */
export function syncWorldEachTest(start: string, peerOptions: CentroServiziOptions = {}): SyncWorld {
  let peer: CentroServizi | null = null;
  const opened: Core[] = [];
  const world: SyncWorld = {
    get peer() {
      if (!peer) throw new Error('the Centro Servizi starts with each test');
      return peer;
    },
    now: new Date(start),
    studio(o = {}) {
      const c = syncStudio({ now: () => world.now, url: world.peer.url, ...o });
      opened.push(c);
      return c;
    },
    async close(c) {
      opened.splice(opened.indexOf(c), 1);
      await c.close();
    },
    async restartPeer(options = peerOptions) {
      await peer?.close();
      peer = await startCentroServizi(options);
    },
  };
  beforeEach(async () => {
    peer = await startCentroServizi(peerOptions);
  });
  afterEach(async () => {
    for (const c of opened.splice(0)) await c.close();
    await peer?.close();
    peer = null;
    world.now = new Date(start);
  });
  return world;
}
