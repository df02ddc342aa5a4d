import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../store/secrets';
import type { SettingsStore } from '../store/settingsStore';
import { assertSecureUrl } from './fhirClient';
import { FhirSystems, systemsWithDefaults } from './systems';

const KEY = 'centroServizi';

const isSystemName = (name: string): name is keyof FhirSystems => Object.hasOwn(FhirSystems.shape, name);

export class UnknownSystemError extends AppError {
  constructor(name: string) {
    super('unknown-system', `unknown code system setting ${name}`, `Sistema di codifica sconosciuto: ${name}. Quelli impostabili sono: ${Object.keys(FhirSystems.shape).join(', ')}.`);
  }
}

const Stored = z.object({
  url: z.string().nullable(),
  /** The Gestore's code on the Centro Servizi; the studio's Gestore name when not set. */
  gestoreCode: z.string().nullable(),
  systems: FhirSystems.partial(),
});
type Stored = z.infer<typeof Stored>;

export interface CentroServiziConfig {
  url: string | null;
  gestoreCode: string | null;
  systems: FhirSystems;
  hasToken: boolean;
}

const EMPTY: Stored = { url: null, gestoreCode: null, systems: {} };

/**
 * Where the Centro Servizi is and how to speak to it: the address and the code systems in the
 * database's settings, the bearer token apart (SecretStore), named after the archive's key id so
 * two archives on one computer keep their own.
 */
export class SyncSettings {
  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
    private readonly archiveName: string,
  ) {}

  private stored(): Stored {
    return this.settings.get(KEY, Stored) ?? EMPTY;
  }

  get(): CentroServiziConfig {
    const s = this.stored();
    return { url: s.url, gestoreCode: s.gestoreCode, systems: systemsWithDefaults(s.systems), hasToken: this.token() !== null };
  }

  /** A URL outside this computer must be https (InsecureServerUrlError); null disconnects the studio. */
  setUrl(url: string | null): void {
    const clean = url === null || url.trim() === '' ? null : assertSecureUrl(url.trim()).href.replace(/\/+$/, '');
    this.settings.set(KEY, { ...this.stored(), url: clean });
  }

  setGestoreCode(code: string | null): void {
    this.settings.set(KEY, { ...this.stored(), gestoreCode: code?.trim() || null });
  }

  /** `name`: one of FhirSystems' (UnknownSystemError otherwise). */
  setSystem(name: string, url: string | null): void {
    if (!isSystemName(name)) throw new UnknownSystemError(name);
    const systems = { ...this.stored().systems };
    if (url === null) delete systems[name];
    else systems[name] = FhirSystems.shape[name].parse(url);
    this.settings.set(KEY, { ...this.stored(), systems });
  }

  token(): string | null {
    return this.secrets.read(this.tokenName());
  }

  setToken(token: string | null): void {
    this.secrets.write(this.tokenName(), token?.trim() || null);
  }

  private tokenName(): string {
    return `${this.archiveName}.centro-servizi-token`;
  }
}
