import { toE164 as readE164 } from '../domain/index.js';
import type { Driver } from 'neo4j-driver';
import { CallhoundError } from '../errors.js';
import { boundField } from '../graph/bounded.js';
import { int, readRows } from '../graph/driver.js';
import { isNodeLabel, matchByKey, parseModelKey } from './keys.js';
import { nodeProjection, toGraphNode, type GraphNode, type RawNode } from './nodes.js';

export type SearchKind = 'key' | 'number' | 'email' | 'cluster' | 'domain' | 'brand' | 'subject' | 'block';

export interface SearchResult {
  query: string;
  kind: SearchKind;
  /** For numbers: the E.164 the query was read as, so the user sees how their paste was understood. */
  normalised?: string;
  results: Array<GraphNode & { score?: number }>;
}

const sha256Pattern = /^[0-9a-f]{64}$/i;
const clusterPattern = /^c-[0-9a-f]{12}$/i;
const domainPattern = /^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,63}$/i;
/** Looks like a number a user pasted: digits with the usual separators, an optional +, maybe "ext". */
const phoneLike = /^[+(]?[\d\s().\-/]{6,}$/;

/**
 * Reads what a user typed and finds nodes: a model key, a phone number in any format (normalised to E.164
 * with the default region), an email id, a cluster id, a domain, a brand, else subject words through the
 * full-text index. The kind can be forced with `kind`.
 */
export async function search(
  driver: Driver,
  input: { q: string; kind?: SearchKind | undefined; limit: number; region: string },
  database?: string,
): Promise<SearchResult> {
  const q = input.q.trim();
  const kind = input.kind ?? guessKind(q);
  const limit = int(input.limit);
  const run = async (cypher: string, params: Record<string, unknown>): Promise<Array<GraphNode & { score?: number }>> => {
    const rows = await readRows<{ node: RawNode; score: number | null }>(driver, cypher, { ...params, limit }, database);
    return rows.flatMap((row) => {
      const node = toGraphNode(row.node);
      return node === null ? [] : [row.score === null ? node : { ...node, score: row.score }];
    });
  };
  switch (kind) {
    case 'key': {
      const key = parseModelKey(q);
      return { query: q, kind, results: await run(`${matchByKey(key.label)} RETURN ${nodeProjection('n')} AS node, null AS score`, { value: key.value }) };
    }
    case 'number': {
      const e164 = toE164(q, input.region);
      const results = await run(`${matchByKey('PhoneNumber')} RETURN ${nodeProjection('n')} AS node, null AS score`, { value: e164 });
      return { query: q, kind, normalised: e164, results };
    }
    case 'block': {
      return { query: q, kind, results: await run(`${matchByKey('DidBlock')} RETURN ${nodeProjection('n')} AS node, null AS score`, { value: q }) };
    }
    case 'email': {
      const id = q.toLowerCase();
      return {
        query: q,
        kind,
        results: await run(
          `CALL () { MATCH (n:Email {id: $id}) RETURN n UNION MATCH (n:Attachment {sha256: $id}) RETURN n UNION MATCH (n:Email {messageId: $q}) RETURN n }
           RETURN ${nodeProjection('n')} AS node, null AS score LIMIT $limit`,
          // A long Message-ID is stored bounded (docs/graph-model.md): look it up the way the loader stored it.
          { id, q: boundField('messageId', q)?.value ?? q },
        ),
      };
    }
    case 'cluster':
      return { query: q, kind, results: await run(`MATCH (n:Cluster {id: $id}) RETURN ${nodeProjection('n')} AS node, null AS score`, { id: q.toLowerCase() }) };
    case 'domain':
      return {
        query: q,
        kind,
        results: await run(`MATCH (n:Domain) WHERE n.name = $name OR n.name ENDS WITH $suffix RETURN ${nodeProjection('n')} AS node, null AS score ORDER BY size(n.name) LIMIT $limit`, {
          name: q.toLowerCase(),
          suffix: `.${q.toLowerCase()}`,
        }),
      };
    case 'brand':
      return {
        query: q,
        kind,
        results: await run(`MATCH (n:Brand) WHERE toLower(n.name) CONTAINS toLower($q) RETURN ${nodeProjection('n')} AS node, null AS score ORDER BY size(n.name) LIMIT $limit`, { q }),
      };
    case 'subject': {
      const lucene = luceneQuery(q);
      if (lucene === '') throw new CallhoundError('bad_query', 'type a number, an id, a brand, a domain or some subject words', { status: 400 });
      // Brands are few and users search them by name, so a subject search also returns matching brands first.
      const brands = await run(`MATCH (n:Brand) WHERE toLower(n.name) = toLower($q) RETURN ${nodeProjection('n')} AS node, null AS score`, { q });
      const emails = await run(
        `CALL db.index.fulltext.queryNodes('email_subject_fulltext', $lucene, {limit: $limit}) YIELD node AS n, score
         RETURN ${nodeProjection('n')} AS node, score`,
        { lucene },
      );
      return { query: q, kind, results: [...brands, ...emails] };
    }
  }
}

export function guessKind(q: string): SearchKind {
  const colon = q.indexOf(':');
  if (colon > 0 && isNodeLabel(q.slice(0, colon))) return 'key';
  if (sha256Pattern.test(q)) return 'email';
  if (/^<[^<>\s]+@[^<>\s]+>$/.test(q)) return 'email';
  if (clusterPattern.test(q)) return 'cluster';
  if (phoneLike.test(q) || /^tel:/i.test(q)) return 'number';
  if (domainPattern.test(q)) return 'domain';
  return 'subject';
}

/** A pasted number → E.164 by the shared definition (src/domain/phones.ts); one it cannot read is a 400. */
export function toE164(text: string, region: string): string {
  const e164 = readE164(text, region);
  if (e164 === undefined) {
    throw new CallhoundError('bad_number', `"${text.slice(0, 40)}" is not a phone number that can be read with region ${region}`, { status: 400 });
  }
  return e164;
}

/** Words → a Lucene query where every word must appear; Lucene's operators in the input are escaped. */
export function luceneQuery(text: string): string {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&'))
    .filter((word) => word.length > 0 && !/^(AND|OR|NOT|TO)$/.test(word))
    .slice(0, 12);
  return words.map((word) => `+${word}`).join(' ');
}
