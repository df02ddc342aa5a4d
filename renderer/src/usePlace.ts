import { useCall } from './api';

/** "Pavia (PV)", "Stati Uniti d'America", or the bare code while unknown: a birthplace as people read it. */
export function usePlaceName(code: string | null): string | null {
  const place = useCall('places.byCode', { code: code ?? '' });
  if (code === null) return null;
  const p = place.value;
  if (!p) return code;
  return p.province ? `${p.name} (${p.province})` : p.name;
}
