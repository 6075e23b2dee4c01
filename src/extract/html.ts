/**
 * HTML bodies to the text a reader sees. Visibility is computed as a renderer would (see visible/): inherited
 * font size, colour and visibility, the nearest declaration winning, `<style>` rules with simple selectors
 * as well as `style=""`; hidden elements (a common filter-evasion trick) are left out. Link targets are
 * collected apart from the text.
 */
import { renderVisibleText } from './visible/render.js';

export interface HtmlText {
  text: string;
  /** href of every visible <a> (and <area>), in document order. */
  links: string[];
}

export function htmlToVisibleText(html: string): HtmlText {
  const { text, links } = renderVisibleText(html);
  return { text, links };
}
