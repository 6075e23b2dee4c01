import type { Api } from './api.js';
import { clear, h } from './dom.js';
import type { ClusterSummary } from '../../src/api/contract.js';

/** The clusters view: presumed call centers by size, with brands and active period. */
export async function showClusters(panel: HTMLElement, api: Api, open: (cluster: ClusterSummary) => void): Promise<void> {
  clear(panel);
  const brand = h('input', { type: 'search', placeholder: 'filter by brand', class: 'filter' });
  const minSize = h('input', { type: 'number', min: '0', value: '1', class: 'filter', title: 'minimum numbers' });
  const body = h('div', {});
  const load = async (): Promise<void> => {
    clear(body);
    try {
      const res = await api.clusters({ limit: 200, minSize: Number(minSize.value) || 0, brand: brand.value.trim() || undefined });
      body.append(
        h('p', { class: 'muted' }, `${res.total} cluster(s)`),
        h(
          'table',
          { class: 'results clusters' },
          h('thead', {}, h('tr', {}, h('th', {}, 'cluster'), h('th', {}, 'numbers'), h('th', {}, 'emails'), h('th', {}, 'brands'), h('th', {}, 'active'))),
          h(
            'tbody',
            {},
            ...res.clusters.map((c) =>
              h(
                'tr',
                { class: 'clickable', 'data-cluster': c.id, onclick: () => open(c) },
                h('td', {}, c.id),
                h('td', {}, String(c.size)),
                h('td', {}, String(c.emails)),
                h('td', {}, c.brands.join(', ')),
                h('td', {}, `${c.firstSeen ?? '?'} → ${c.lastSeen ?? '?'}`),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      body.append(h('p', { class: 'error' }, (error as Error).message));
    }
  };
  brand.addEventListener('change', () => void load());
  minSize.addEventListener('change', () => void load());
  panel.append(h('div', { class: 'filters' }, brand, minSize), body);
  await load();
}
