import type { Decoy } from './decoys.js';
import { escapeHtml, formatPlain } from './disguise.js';
import { checkNanp, pickBlockPrefix } from './nanp.js';
import type { Plan } from './plan.js';
import type { Rng } from './random.js';

/**
 * Hidden-text decoy numbers: a valid phone number in the HTML that no reader sees (display:none, zero size,
 * white on white, off-screen, collapsed box, a <style> rule). It must NOT count as a planted number — the
 * truth lists it under `decoys` (kind `hidden-phone`, the hiding technique as `hiding`), never under
 * `numbers`. Real mail uses such text to poison filters; an extractor that reads markup as text reports it.
 */
export const HIDING = ['display-none', 'font-size-0', 'white-on-white', 'opacity-0', 'max-height-0', 'off-screen', 'style-rule'] as const;
export type Hiding = (typeof HIDING)[number];

const usedByPlan = new WeakMap<Plan, Set<string>>();

/** A valid NANP number in a block no call center of the plan uses (so it can never be a planted number). */
export function unplantedNumber(rng: Rng, plan: Plan): string {
  let used = usedByPlan.get(plan);
  if (!used) {
    used = new Set(plan.numbers.map((n) => n.block));
    usedByPlan.set(plan, used);
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    // A copy: the prefix is a one-off, it must not shrink the pool for other messages (determinism).
    const prefix = pickBlockPrefix(rng, false, new Set(used));
    const e164 = `${prefix}${String(rng.int(0, 9999)).padStart(4, '0')}`;
    if (checkNanp(e164)) return e164;
  }
  throw new Error('could not find a valid unplanted number');
}

export interface HiddenDecoy {
  decoy: Decoy;
  /** HTML to insert in the body (a block element). */
  html: string;
  /** A <style> rule the block needs (for `style-rule`), else ''. */
  css: string;
}

export function hiddenDecoy(rng: Rng, plan: Plan, label: string): HiddenDecoy {
  const e164 = unplantedNumber(rng, plan);
  const written = formatPlain(e164.slice(2), rng, 'en');
  const hiding = rng.pick(HIDING);
  const text = `${escapeHtml(label)} ${escapeHtml(written.text)}`;
  const cls = `h${rng.hex(6)}`;
  const html: Record<Hiding, string> = {
    'display-none': `<div style="display:none">${text}</div>`,
    // No font size set again inside: this text stays zero-sized (unlike a font-size:0 layout wrapper).
    'font-size-0': `<div style="font-size:0;line-height:0">${text}</div>`,
    'white-on-white': `<div style="background-color:#ffffff"><span style="color:#ffffff">${text}</span></div>`,
    'opacity-0': `<div style="opacity:0">${text}</div>`,
    'max-height-0': `<div style="max-height:0;overflow:hidden">${text}</div>`,
    'off-screen': `<div style="position:absolute;left:-9999px;top:-9999px">${text}</div>`,
    'style-rule': `<div class="${cls}">${text}</div>`,
  };
  return {
    decoy: { kind: 'hidden-phone', text: written.text, e164, hiding },
    html: html[hiding],
    css: hiding === 'style-rule' ? `.${cls}{display:none!important}` : '',
  };
}
