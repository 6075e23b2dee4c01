/**
 * How each label looks, shared by the workspace (Cytoscape styles, legend) and the server-side SVG/HTML
 * exports so that an exported picture matches the screen. Shapes are Cytoscape.js shape names.
 */
export interface LabelStyle {
  shape: 'ellipse' | 'round-rectangle' | 'hexagon' | 'diamond' | 'rectangle' | 'triangle' | 'vee' | 'barrel' | 'octagon' | 'tag' | 'star';
  colour: string;
  /** A single character drawn in the node: plain text, so it renders the same everywhere. */
  glyph: string;
  title: string;
}

export const palette: Record<string, LabelStyle> = {
  PhoneNumber: { shape: 'ellipse', colour: '#e4572e', glyph: '☎', title: 'Phone number' },
  Email: { shape: 'round-rectangle', colour: '#4c78a8', glyph: '✉', title: 'Email' },
  Brand: { shape: 'star', colour: '#8e44ad', glyph: 'B', title: 'Brand' },
  Lure: { shape: 'diamond', colour: '#e0a800', glyph: 'L', title: 'Lure' },
  AttachmentType: { shape: 'hexagon', colour: '#6c757d', glyph: 'T', title: 'Attachment type' },
  Attachment: { shape: 'rectangle', colour: '#9aa5b1', glyph: 'A', title: 'Attachment' },
  Carrier: { shape: 'triangle', colour: '#17a2b8', glyph: 'C', title: 'Carrier' },
  Domain: { shape: 'vee', colour: '#2e9e44', glyph: '@', title: 'Sender domain' },
  Platform: { shape: 'tag', colour: '#b279a2', glyph: 'P', title: 'Delivery platform (abused)' },
  DidBlock: { shape: 'barrel', colour: '#f28e2b', glyph: '#', title: 'DID block' },
  Cluster: { shape: 'octagon', colour: '#c0392b', glyph: '◎', title: 'Cluster' },
  IngestIssue: { shape: 'tag', colour: '#999999', glyph: '!', title: 'Ingest issue' },
};

export const fallbackStyle: LabelStyle = { shape: 'ellipse', colour: '#777777', glyph: '?', title: 'Other' };

/**
 * Looked up in a Map, not in `palette`: a label comes from data (an imported snapshot, an export request),
 * and `palette['__proto__']` or `palette['constructor']` would be Object.prototype's, not a style.
 */
const styles: ReadonlyMap<string, LabelStyle> = new Map(Object.entries(palette));

export function styleOf(label: string): LabelStyle {
  return styles.get(label) ?? fallbackStyle;
}

/** Node diameter from its volume (emails, numbers…): grows with the log so hubs stand out without swamping. */
export function nodeSize(volume: number): number {
  return Math.round(22 + 10 * Math.log2(1 + Math.max(0, volume)));
}
