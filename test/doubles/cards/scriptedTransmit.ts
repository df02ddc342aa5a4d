import { fromHex, toHex } from '../../../native/cards/bytes';
import type { Transmit } from '../../../native/cards/types';

/**
 * Test helper: a transmit that replays a recorded exchange. Each step names the exact command it
 * expects (hex, spaces allowed) and the response to give; a different command, or one too many,
 * throws. `remaining()` tells whether the script was played to the end.
 */
export type Step = readonly [command: string, response: string];

export interface ScriptedTransmit extends Transmit {
  /** Commands received so far, upper-case hex without spaces. */
  readonly sent: string[];
  remaining(): number;
}

export function scriptedTransmit(steps: readonly Step[]): ScriptedTransmit {
  const sent: string[] = [];
  let next = 0;
  const transmit = async (apdu: Uint8Array): Promise<Uint8Array> => {
    const got = toHex(apdu);
    sent.push(got);
    const step = steps[next];
    if (!step) throw new Error(`unexpected APDU #${next + 1}: ${got} (the script has ${steps.length})`);
    const expected = toHex(fromHex(step[0]));
    if (got !== expected) throw new Error(`APDU #${next + 1}: expected ${expected}, got ${got}`);
    next++;
    return fromHex(step[1]);
  };
  return Object.assign(transmit, { sent, remaining: () => steps.length - next });
}
