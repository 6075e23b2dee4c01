/**
 * Carriers and line types as the Talos study saw them: VoIP most common, then wireless, then landline;
 * among VoIP providers Sinch most abused and Verizon and NUSO least. Targets are shares of numbers within
 * the line type; the planner assigns blocks greedily to whichever carrier lags its target most.
 * OCNs are made up (four characters, as in the NANPA reports) and do not belong to the real companies.
 */
export type LineType = 'voip' | 'wireless' | 'landline';

/** Category as written in NANPA block reports: IPES = VoIP, WIRELESS, ILEC/CLEC = landline. */
export type CarrierCategory = 'IPES' | 'WIRELESS' | 'ILEC' | 'CLEC';

export interface Carrier {
  name: string;
  lineType: LineType;
  category: CarrierCategory;
  ocn: string;
  /** Target share of the numbers of this line type. */
  share: number;
}

export const CARRIERS: readonly Carrier[] = [
  { name: 'Sinch', lineType: 'voip', category: 'IPES', ocn: 'X1SN', share: 0.27 },
  { name: 'Bandwidth', lineType: 'voip', category: 'IPES', ocn: 'X1BW', share: 0.18 },
  { name: 'Twilio', lineType: 'voip', category: 'IPES', ocn: 'X1TW', share: 0.15 },
  { name: 'Telnyx', lineType: 'voip', category: 'IPES', ocn: 'X1TX', share: 0.11 },
  { name: 'Onvoy', lineType: 'voip', category: 'IPES', ocn: 'X1ON', share: 0.09 },
  { name: 'Peerless Network', lineType: 'voip', category: 'IPES', ocn: 'X1PN', share: 0.07 },
  { name: 'Commio', lineType: 'voip', category: 'IPES', ocn: 'X1CM', share: 0.06 },
  { name: 'Verizon', lineType: 'voip', category: 'IPES', ocn: 'X1VZ', share: 0.035 },
  { name: 'NUSO', lineType: 'voip', category: 'IPES', ocn: 'X1NU', share: 0.035 },
  { name: 'T-Mobile', lineType: 'wireless', category: 'WIRELESS', ocn: 'X2TM', share: 0.45 },
  { name: 'Verizon Wireless', lineType: 'wireless', category: 'WIRELESS', ocn: 'X2VW', share: 0.3 },
  { name: 'AT&T Mobility', lineType: 'wireless', category: 'WIRELESS', ocn: 'X2AT', share: 0.2 },
  { name: 'UScellular', lineType: 'wireless', category: 'WIRELESS', ocn: 'X2UC', share: 0.05 },
  { name: 'Lumen', lineType: 'landline', category: 'ILEC', ocn: 'X3LU', share: 0.35 },
  { name: 'Frontier', lineType: 'landline', category: 'ILEC', ocn: 'X3FR', share: 0.3 },
  { name: 'Windstream', lineType: 'landline', category: 'ILEC', ocn: 'X3WS', share: 0.2 },
  { name: 'Zayo', lineType: 'landline', category: 'CLEC', ocn: 'X3ZY', share: 0.15 },
];

export function carriersOf(lineType: LineType): Carrier[] {
  return CARRIERS.filter((c) => c.lineType === lineType);
}

/**
 * Greedy deficit assignment: given current counts and a size to add, returns the key whose count lags its
 * target share the most. Keeps realised shares close to targets without randomness drifting them.
 */
export function mostBehind<K extends string>(targets: Record<K, number>, counts: Record<K, number>, size: number): K {
  let total = size;
  for (const key of Object.keys(counts) as K[]) total += counts[key];
  let best: K | undefined;
  let bestGap = -Infinity;
  for (const key of Object.keys(targets) as K[]) {
    const gap = targets[key] * total - (counts[key] + size / 2);
    if (gap > bestGap) {
      bestGap = gap;
      best = key;
    }
  }
  return best as K;
}
