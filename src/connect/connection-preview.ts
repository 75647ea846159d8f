import type { Platform, ProbeResult } from '../../connectors/core/connector';
import { ShopSummary, toDocument } from '../catalog/product-document';
import { ProductHit, toProductHit } from '../search/product-hit';
import type { DirectoryShop } from '../shops/shop-directory.service';

/** "Tester la connexion": what the street would show of this shop, before anything is saved. */
export interface ConnectionPreview {
  ok: boolean;
  platform: Platform;
  /** Products the shop says it holds, when it says so; else the samples read. */
  productCount: number | null;
  /** The first products exactly as residents would see them in search. */
  products: ProductHit[];
  /** Items that would be left out, each with its reason in French. */
  skipped: Array<{ externalId: string | null; reason: string }>;
  /** Plain French: what is wrong and what to do. Null when the shop reads well. */
  diagnosis: string | null;
  errorKind: string | null;
}

/**
 * Maps the probe's samples through the very code that indexes them (`toDocument`) and
 * shows them (`toProductHit`), so the preview cannot drift from search results.
 */
export function toConnectionPreview(platform: Platform, probe: ProbeResult, shop: ShopSummary, now: Date): ConnectionPreview {
  // Not saved yet: never verified, no position.
  const unsaved: DirectoryShop = { ...shop, lat: 0, lng: 0, visible: false, lastSuccessAt: null };
  const products = probe.samples.flatMap((p) => toProductHit(toDocument(p, shop, now), { shops: () => unsaved, now }) ?? []);
  return {
    ok: probe.ok,
    platform,
    productCount: probe.productCount ?? (probe.ok ? probe.samples.length : null),
    products,
    skipped: probe.skippedSamples.map((s) => ({ externalId: s.externalId ?? null, reason: s.reason })),
    diagnosis: probe.ok ? null : (probe.diagnosis ?? 'La boutique n’a pas pu être lue.'),
    errorKind: probe.ok ? null : (probe.errorKind ?? null),
  };
}
