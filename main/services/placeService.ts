import { belfioreConnector as belfiore } from '@marketto/belfiore-connector-embedded';

export interface Place {
  code: string;
  name: string;
  /** The province's abbreviation for an Italian town; null for a foreign country. */
  province: string | null;
}

/**
 * Towns and countries by their codice catastale (the four characters of a codice fiscale that
 * say where one was born: G388 Pavia, Z404 United States). Data: Ministero dell'Interno (ANPR)
 * and Agenzia delle Entrate (CC BY 4.0), ISTAT for countries (CC BY 3.0), embedded in
 * @marketto/belfiore-connector-embedded (MIT). Towns merged or renamed since keep their old code.
 */
export class PlaceService {
  private readonly cache = new Map<string, Place | null>();

  async byCode(code: string): Promise<Place | null> {
    const key = code.toUpperCase();
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    const found = /^[A-Z]\d{3}$/.test(key) ? await belfiore.findByCode(key) : null;
    const place = found ? { code: key, name: found.name, province: 'province' in found && typeof found.province === 'string' ? found.province : null } : null;
    this.cache.set(key, place);
    return place;
  }
}
