import { describe, expect, it } from 'vitest';
import { PlaceService } from './placeService';

describe('birthplaces by codice catastale', () => {
  const places = new PlaceService();
  it('names Italian towns with their province, and foreign countries', async () => {
    expect(await places.byCode('G388')).toEqual({ code: 'G388', name: 'Pavia', province: 'PV' });
    expect(await places.byCode('f205')).toEqual({ code: 'F205', name: 'Milano', province: 'MI' });
    expect(await places.byCode('Z404')).toEqual({ code: 'Z404', name: "Stati Uniti d'America", province: null });
  });
  it('knows nothing of codes that are not one', async () => {
    expect(await places.byCode('E6QU')).toBeNull();
    expect(await places.byCode('X999')).toBeNull();
    expect(await places.byCode('')).toBeNull();
  });
});
