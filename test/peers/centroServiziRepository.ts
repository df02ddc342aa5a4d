import { AsyncLocalStorage } from 'node:async_hooks';
import { validateResource, type WithId } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { MemoryRepository } from '@medplum/fhir-router';

/** MemoryRepository's private maps (4.5.2), reached to undo a failed transaction's writes. */
interface MemoryMaps {
  resources: Map<string, Map<string, Resource>>;
  history: Map<string, Map<string, Resource[]>>;
}

type UndoLog = (() => void)[];

/**
 * Medplum's MemoryRepository with what a real server's storage gives and it lacks:
 * - resources are validated against R4's StructureDefinitions before they are stored (Medplum's
 *   server does it above its repository; the router alone stores anything);
 * - a transaction that fails leaves nothing behind (MemoryRepository's withTransaction only calls
 *   its callback, so the entries before the failing one stayed written);
 * - `_history` lists newest first every time (MemoryRepository reverses its stored array in
 *   place on each read, so every other read came out oldest first).
 */
export class CentroServiziRepository extends MemoryRepository {
  private readonly transaction = new AsyncLocalStorage<UndoLog>();

  private get maps(): MemoryMaps {
    return this as unknown as MemoryMaps;
  }

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    validateResource(resource);
    const { resourceType, id } = resource;
    const previous = id ? this.maps.resources.get(resourceType)?.get(id) : undefined;
    const versions = id ? (this.maps.history.get(resourceType)?.get(id)?.length ?? 0) : 0;
    const stored = await super.createResource(resource);
    this.transaction.getStore()?.push(() => this.forget(resourceType, stored.id, previous, versions));
    return stored;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    const previous = this.maps.resources.get(resourceType)?.get(id);
    await super.deleteResource(resourceType, id);
    this.transaction.getStore()?.push(() => this.forget(resourceType, id, previous, null));
  }

  override async withTransaction<TResult>(callback: (client: undefined) => Promise<TResult>): Promise<TResult> {
    // A conditional create inside a transaction bundle opens its own: it is part of the outer one.
    if (this.transaction.getStore()) return callback(undefined);
    const undo: UndoLog = [];
    try {
      return await this.transaction.run(undo, () => callback(undefined));
    } catch (err) {
      for (const step of undo.reverse()) step();
      throw err;
    }
  }

  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    const bundle = await super.readHistory<T>(resourceType, id);
    this.maps.history.get(resourceType)?.get(id)?.reverse();
    return bundle;
  }

  /** Puts a resource back as it was before a write: `versions` null leaves its history alone. */
  private forget(resourceType: string, id: string, previous: Resource | undefined, versions: number | null): void {
    const current = this.maps.resources.get(resourceType);
    if (previous) current?.set(id, previous);
    else current?.delete(id);
    if (versions === null) return;
    const history = this.maps.history.get(resourceType);
    if (versions === 0) history?.delete(id);
    else history?.get(id)?.splice(versions);
  }
}
