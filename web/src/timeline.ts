import type { Core } from 'cytoscape';
import type { DayCount } from '../../src/api/contract.js';
import { h } from './dom.js';

/**
 * A histogram of emails per day with a brush: drag across it to keep only what was active in that range on
 * the canvas (emails by day, numbers, blocks and clusters by overlap of their active period). Click clears.
 */
export class TimelineBrush {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly label: HTMLElement;
  private days: DayCount[] = [];
  private dragFrom: number | null = null;
  range: { from: string; to: string } | null = null;

  constructor(private readonly onChange: (range: { from: string; to: string } | null) => void) {
    this.canvas = h('canvas', { class: 'brush', height: 56, 'aria-label': 'timeline: drag to filter by date' });
    this.label = h('span', { class: 'brush-label', 'data-testid': 'brush-label' }, 'all dates');
    const reset = h('button', { type: 'button', onclick: () => this.set(null) }, 'All dates');
    this.element = h('div', { class: 'timeline' }, this.canvas, h('div', { class: 'brush-bar' }, this.label, reset));
    this.canvas.addEventListener('mousedown', (e) => {
      this.dragFrom = this.indexAt(e.offsetX);
    });
    this.canvas.addEventListener('mousemove', (e) => {
      if (this.dragFrom !== null) this.preview(this.dragFrom, this.indexAt(e.offsetX));
    });
    window.addEventListener('mouseup', (e) => {
      if (this.dragFrom === null) return;
      const start = this.dragFrom;
      this.dragFrom = null;
      const rect = this.canvas.getBoundingClientRect();
      const end = this.indexAt(e.clientX - rect.left);
      const [a, b] = start <= end ? [start, end] : [end, start];
      const from = this.days[a]?.day;
      const to = this.days[b]?.day;
      this.set(from && to && a !== b ? { from, to } : null);
    });
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  setDays(days: DayCount[]): void {
    this.days = days;
    this.draw();
  }

  set(range: { from: string; to: string } | null): void {
    this.range = range;
    this.label.textContent = range ? `${range.from} → ${range.to}` : 'all dates';
    this.draw();
    this.onChange(range);
  }

  private indexAt(x: number): number {
    const width = this.canvas.clientWidth || 1;
    return Math.max(0, Math.min(this.days.length - 1, Math.floor((x / width) * this.days.length)));
  }

  private preview(a: number, b: number): void {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    this.draw({ lo, hi });
  }

  private draw(selection?: { lo: number; hi: number }): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const width = (this.canvas.width = this.canvas.clientWidth || 600);
    const height = this.canvas.height;
    ctx.clearRect(0, 0, width, height);
    if (this.days.length === 0) return;
    const max = Math.max(...this.days.map((d) => d.emails), 1);
    const bar = width / this.days.length;
    let sel = selection;
    if (!sel && this.range) {
      const lo = this.days.findIndex((d) => d.day >= this.range!.from);
      const hiFound = this.days.findIndex((d) => d.day > this.range!.to);
      sel = { lo: Math.max(0, lo), hi: hiFound < 0 ? this.days.length - 1 : hiFound - 1 };
    }
    this.days.forEach((d, i) => {
      const inside = !sel || (i >= sel.lo && i <= sel.hi);
      ctx.fillStyle = inside ? '#4c78a8' : '#c9d1dc';
      const barHeight = Math.max(1, (d.emails / max) * (height - 4));
      ctx.fillRect(i * bar, height - barHeight, Math.max(1, bar - 0.5), barHeight);
    });
  }
}

/** Hides (class `filtered`) what was not active in the range; clears the filter when range is null. */
export function applyDateFilter(cy: Core, range: { from: string; to: string } | null): number {
  let hidden = 0;
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const props = (n.data('props') as Record<string, unknown>) ?? {};
      let keep = true;
      if (range) {
        const day = typeof props.day === 'string' ? props.day : null;
        const first = typeof props.firstSeen === 'string' ? props.firstSeen : null;
        const last = typeof props.lastSeen === 'string' ? props.lastSeen : null;
        if (day) keep = day >= range.from && day <= range.to;
        else if (first && last) keep = last >= range.from && first <= range.to;
      }
      if (keep) n.removeClass('filtered');
      else {
        n.addClass('filtered');
        hidden += 1;
      }
    });
  });
  return hidden;
}
