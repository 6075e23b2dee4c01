import { keyProperties } from './model.js';

/**
 * The model key of a node: `Label:value` of its key property (`PhoneNumber:+18047134598`, `Email:<sha256>`,
 * `Brand:PayPal`, `DidBlock:+1804713`). Everything that leaves the engine names nodes this way, never by
 * Neo4j's internal ids, so that results, snapshots and links survive a rebuild of the database.
 * Returns undefined for a node that has no keyed label or lacks its key property.
 */
export function modelKey(labels: readonly string[], properties: Readonly<Record<string, unknown>>): string | undefined {
  for (const [label, property] of Object.entries(keyProperties)) {
    if (!labels.includes(label)) continue;
    const value = properties[property];
    if (value === undefined || value === null) continue;
    return `${label}:${String(value)}`;
  }
  return undefined;
}

/** Splits a model key back into its label and key value (the value may itself contain colons). */
export function parseModelKey(key: string): { label: string; property: string; value: string } | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const label = key.slice(0, colon);
  const property = keyProperties[label];
  if (property === undefined) return undefined;
  return { label, property, value: key.slice(colon + 1) };
}
