import { describe, expect, it } from 'vitest';
import { renderVisibleText } from '../../../src/extract/visible/render.js';

const SECRET = 'Call 888-555-0101';

/** [case, html, is SECRET seen] */
const cases: Array<[string, string, boolean]> = [
  ['plain paragraph', `<p>${SECRET}</p>`, true],
  ['Google Calendar layout: font-size 0 cell, real size inside', `<table><tr><td style="font-size:0"><div style="font-size:14px">${SECRET}</div></td></tr></table>`, true],
  ['font-size 0 cell, nothing restores it', `<table><tr><td style="font-size:0px"><div>${SECRET}</div></td></tr></table>`, false],
  ['font-size 0 then 1em stays 0', `<div style="font-size:0"><span style="font-size:1em">${SECRET}</span></div>`, false],
  ['font-size 0 then 1rem is real', `<div style="font-size:0"><span style="font-size:1rem">${SECRET}</span></div>`, true],
  ['font shorthand 0/0', `<div style="font:0/0 a">${SECRET}</div>`, false],
  ['1px filler', `<div style="font-size:1px">${SECRET}</div>`, false],
  ['display none', `<div style="display:none">${SECRET}</div>`, false],
  ['display none wins over a child display', `<div style="display: none"><p style="display:block">${SECRET}</p></div>`, false],
  ['DISPLAY:NONE in capitals', `<div style="DISPLAY:NONE">${SECRET}</div>`, false],
  ['visibility hidden', `<div style="visibility:hidden">${SECRET}</div>`, false],
  ['visibility collapse', `<div style="visibility:collapse">${SECRET}</div>`, false],
  ['visibility hidden parent, visible child', `<div style="visibility:hidden"><span style="visibility:visible">${SECRET}</span></div>`, true],
  ['opacity 0', `<div style="opacity:0">${SECRET}</div>`, false],
  ['opacity 0 wins over child opacity 1', `<div style="opacity:0"><p style="opacity:1">${SECRET}</p></div>`, false],
  ['white text on the default white page', `<div style="color:#ffffff">${SECRET}</div>`, false],
  ['white text on a white cell', `<table><tr><td bgcolor="#FFFFFF"><font color="white">${SECRET}</font></td></tr></table>`, false],
  ['white text on a dark button', `<div style="background-color:#0070ba"><span style="color:#fff">${SECRET}</span></div>`, true],
  ['near-white on white', `<div style="color:#fefefe">${SECRET}</div>`, false],
  ['white text on a background picture', `<td background="x.jpg" style="color:#fff">${SECRET}</td>`, true],
  ['text colour rgb() equal to background', `<div style="background:rgb(10, 20, 30)"><p style="color:#0a141e">${SECRET}</p></div>`, false],
  ['link in blue on white is seen', `<div style="color:#fff"><a href="tel:18885550101">${SECRET}</a></div>`, true],
  ['off-screen absolute', `<div style="position:absolute;left:-9999px">${SECRET}</div>`, false],
  ['text-indent off-screen', `<div style="text-indent:-10000px">${SECRET}</div>`, false],
  ['max-height 0 with overflow hidden', `<div style="max-height:0;overflow:hidden">${SECRET}</div>`, false],
  ['max-height 0 without overflow hidden shows', `<div style="max-height:0">${SECRET}</div>`, true],
  ['mso-hide all', `<div style="mso-hide:all">${SECRET}</div>`, false],
  ['hidden attribute', `<div hidden>${SECRET}</div>`, false],
  ['class rule from <style>', `<style>.pre{display:none}</style><div class="x pre">${SECRET}</div>`, false],
  ['id rule from <style>', `<style>#h{font-size:0}</style><div id="h">${SECRET}</div>`, false],
  ['element rule from <style>', `<style>span{visibility:hidden}</style><p><span>${SECRET}</span></p>`, false],
  ['descendant rule', `<style>.wrap p{display:none}</style><div class="wrap"><div><p>${SECRET}</p></div></div>`, false],
  ['descendant rule that does not match', `<style>.wrap p{display:none}</style><div class="other"><p>${SECRET}</p></div>`, true],
  ['child rule that does not match a grandchild', `<style>.wrap > p{display:none}</style><div class="wrap"><div><p>${SECRET}</p></div></div>`, true],
  ['style rule in body', `<div><style>.z{color:#fff}</style><p class="z">${SECRET}</p></div>`, false],
  ['inline style beats the rule', `<style>.z{display:none}</style><p class="z" style="display:block">${SECRET}</p>`, true],
  ['inline size beats a rule size', `<style>td{font-size:0}</style><table><tr><td><span style="font-size:12px">${SECRET}</span></td></tr></table>`, true],
  ['!important rule beats inline', `<style>.z{font-size:0 !important}</style><p class="z" style="font-size:14px">${SECRET}</p>`, false],
  ['higher specificity wins', `<style>#a{font-size:14px} .b{font-size:0}</style><p id="a" class="b">${SECRET}</p>`, true],
  ['later rule wins at equal specificity', `<style>.b{font-size:0} .c{font-size:13px}</style><p class="b c">${SECRET}</p>`, true],
  ['rules under a media condition do not apply', `<style>@media (max-width:600px){.m{display:none}}</style><p class="m">${SECRET}</p>`, true],
  ['rules under @media screen apply', `<style>@media screen{.m{display:none}}</style><p class="m">${SECRET}</p>`, false],
  ['hover rules do not apply', `<style>p:hover{display:none}</style><p>${SECRET}</p>`, true],
  ['broken css keeps the rest', `<style>.a{display:none;;;}} garbage { .b{color:red}</style><p class="b">${SECRET}</p><p class="a">x</p>`, true],
  ['an opacity-0 box opened in <head> swallows the body, as in a browser', `<html><head><center><blockquote style="opacity:0"></head><body><p>${SECRET}</p></body></html>`, false],
  ['a fragment without html/body is read', `<td>${SECRET}</td>`, true],
  ['comments and head are not text', `<head><title>${SECRET}</title></head><body><!-- ${SECRET} --></body>`, false],
];

describe('renderVisibleText: visibility as a renderer computes it', () => {
  it.each(cases)('%s', (_name, html, seen) => {
    const { text } = renderVisibleText(html);
    expect(text.includes(SECRET)).toBe(seen);
  });

  it('keeps reading order, puts blocks on lines and cells apart', () => {
    const { text } = renderVisibleText('<div>Renewal</div><table><tr><td>Amount</td><td>$399</td></tr></table><p>Call<br>us</p>');
    expect(text.split('\n')).toEqual(['Renewal', 'Amount $399', 'Call', 'us']);
  });

  it('collects visible link targets apart from the text, not hidden ones', () => {
    const { text, links } = renderVisibleText('<a href="tel:+18885550101">Call us</a><div style="display:none"><a href="https://x.test/9">x</a></div><div style="visibility:collapse"><a href="tel:+56226851000">x</a></div><map><area href="https://y.test/" alt="Map"></map>');
    expect(links).toEqual(['tel:+18885550101', 'https://y.test/']);
    expect(text).not.toContain('18885550101');
    expect(text).toContain('Map');
  });

  it('decodes entities and keeps image alt text', () => {
    const { text } = renderVisibleText('<p>Call&nbsp;+1&#160;(888)&amp;more <img alt="McAfee logo" src="x"></p>');
    expect(text).toContain('Call\u00a0+1\u00a0(888)&more');
    expect(text).toContain('McAfee logo');
  });
});
