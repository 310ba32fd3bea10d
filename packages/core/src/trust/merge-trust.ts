// One TrustStore from a bundle's and an explicit store's anchors, intermediates and CRLs (verify() with both).
import { TrustStore } from '../pki/index.js';
import type { TrustBundle } from './bundle.js';

export function mergeTrust(trust: TrustStore | undefined, bundle: TrustBundle | undefined): TrustStore | undefined {
  if (!bundle) return trust;
  const merged = bundle.trustStore();
  if (trust) {
    trust.anchors.forEach((c) => merged.addAnchor(c));
    trust.intermediates.forEach((c) => merged.addIntermediate(c));
    trust.crls.forEach((c) => merged.addCrl(c));
  }
  return merged;
}
