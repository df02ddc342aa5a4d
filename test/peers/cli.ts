/**
 * `npm run centro-servizi [-- --port P] [--token T] [--hold CF:YEAR:GESTORECODE:GESTORENAME]...`:
 * a Centro Servizi on loopback for demos and trying the sync by hand, until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { startCentroServizi, type HeldPatient } from './centroServizi';

function parseHold(value: string): HeldPatient {
  const [codiceFiscale, year, code, ...name] = value.split(':');
  if (!codiceFiscale || !/^\d{4}$/.test(year ?? '') || !code || name.length === 0) {
    throw new Error(`--hold ${value}: expected CF:YEAR:GESTORECODE:GESTORENAME`);
  }
  // The name may hold colons of its own.
  return { codiceFiscale, year: Number(year), gestore: { code, name: name.join(':') } };
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    token: { type: 'string' },
    hold: { type: 'string', multiple: true, default: [] },
  },
});

const held = values.hold.map(parseHold);
const peer = await startCentroServizi({ port: Number(values.port), token: values.token ?? null });
for (const h of held) await peer.holdPatient(h);

console.log(`Centro Servizi (FHIR R4, in memory) at ${peer.url}`);
if (peer.token) console.log(`Requests need: Authorization: Bearer ${peer.token}`);
for (const h of held) console.log(`${h.codiceFiscale} held for ${h.year} by ${h.gestore.name} (${h.gestore.code})`);
console.log('Ctrl+C stops it.');

const stop = async () => {
  await peer.close();
  const n = peer.requests.count();
  console.log(`Stopped after ${n} request${n === 1 ? '' : 's'}.`);
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
