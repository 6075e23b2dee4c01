/**
 * Per-number facets: the distinct brands, subject templates, business contexts, placements and attachment
 * types of the emails that mention a number. `callhound analyze` writes them on `PhoneNumber`
 * (docs/graph-model.md) so that the Talos reuse hunts (figures 6–8: one number behind several templates,
 * brands or attachment types) filter on a property instead of walking every email of every number at query
 * time — on 100,000 emails that walk cost 1.4–1.8 M db hits and up to 1.1 s per hunt.
 */

/** Placements (MENTIONS.where) that mean the number was read inside an attachment. */
export const attachmentPlacements: readonly string[] = ['pdf', 'image', 'attachment'];

/** One group of a number's emails as the analysis stream returns it (lists may repeat values; nulls are absent). */
export interface FacetRow {
  templates?: readonly (string | null)[] | null;
  contexts?: readonly (string | null)[] | null;
  /** One list of brand names per email (or per distinct set of brands). */
  brands?: readonly (readonly string[])[] | null;
  /** One MENTIONS.where list per email (or per distinct list). */
  wheres?: readonly (readonly string[] | null)[] | null;
  /** Attachment types of the emails where the number was seen inside an attachment. */
  types?: readonly (readonly string[])[] | null;
}

export interface NumberFacets {
  brands: string[];
  brandCount: number;
  subjectTemplates: string[];
  templateCount: number;
  contexts: string[];
  contextCount: number;
  seenIn: string[];
  attachmentTypes: string[];
  attachmentTypeCount: number;
}

/** Accumulates facet rows per number; `facets()` gives sorted distinct lists. */
export class FacetAccumulator {
  private readonly brands = new Set<string>();
  private readonly templates = new Set<string>();
  private readonly contexts = new Set<string>();
  private readonly places = new Set<string>();
  private readonly types = new Set<string>();

  add(row: FacetRow): void {
    for (const t of row.templates ?? []) if (t) this.templates.add(t);
    for (const c of row.contexts ?? []) if (c) this.contexts.add(c);
    for (const list of row.brands ?? []) for (const b of list) if (b) this.brands.add(b);
    for (const list of row.types ?? []) for (const t of list) if (t) this.types.add(t);
    for (const where of row.wheres ?? []) for (const p of where ?? []) this.places.add(p);
  }

  facets(): NumberFacets {
    const sorted = (set: Set<string>): string[] => [...set].sort();
    const brands = sorted(this.brands);
    const subjectTemplates = sorted(this.templates);
    const contexts = sorted(this.contexts);
    const attachmentTypes = sorted(this.types);
    return {
      brands,
      brandCount: brands.length,
      subjectTemplates,
      templateCount: subjectTemplates.length,
      contexts,
      contextCount: contexts.length,
      seenIn: sorted(this.places),
      attachmentTypes,
      attachmentTypeCount: attachmentTypes.length,
    };
  }
}

/** Facets of one number from per-email facts (tests and the hunt test graph). */
export function facetsOf(emails: readonly { brands: readonly string[]; template: string | null; context: string | null; where: readonly string[]; attachmentTypes: readonly string[] }[]): NumberFacets {
  const acc = new FacetAccumulator();
  for (const e of emails) {
    const inAttachment = e.where.some((p) => attachmentPlacements.includes(p));
    acc.add({ templates: [e.template], contexts: [e.context], brands: [e.brands], wheres: [e.where], types: inAttachment ? [e.attachmentTypes] : [] });
  }
  return acc.facets();
}
