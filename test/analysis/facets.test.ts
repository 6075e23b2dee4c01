import { describe, expect, it } from 'vitest';
import { FacetAccumulator, facetsOf } from '../../src/analysis/facets.js';

describe('number facets', () => {
  it('merges streamed groups into sorted distinct lists and ignores nulls', () => {
    const acc = new FacetAccumulator();
    acc.add({ templates: ['Renewal {n}', null], contexts: ['subscription-renewal'], brands: [['Norton LifeLock', 'PayPal']], wheres: [['body'], ['image', 'body']], types: [['jpeg']] });
    acc.add({ templates: ['Order {n}', 'Renewal {n}'], contexts: [null, 'order-shipping'], brands: [['PayPal'], []], wheres: [null], types: [['heic', 'jpeg']] });
    expect(acc.facets()).toEqual({
      brands: ['Norton LifeLock', 'PayPal'],
      brandCount: 2,
      subjectTemplates: ['Order {n}', 'Renewal {n}'],
      templateCount: 2,
      contexts: ['order-shipping', 'subscription-renewal'],
      contextCount: 2,
      seenIn: ['body', 'image'],
      attachmentTypes: ['heic', 'jpeg'],
      attachmentTypeCount: 2,
    });
  });

  it('counts attachment types only for sightings inside an attachment', () => {
    const facets = facetsOf([
      { brands: ['McAfee'], template: 'A', context: null, where: ['body'], attachmentTypes: ['docx'] },
      { brands: ['McAfee'], template: 'A', context: null, where: ['pdf'], attachmentTypes: ['pdf', 'png'] },
      { brands: [], template: null, context: null, where: ['attachment', 'subject'], attachmentTypes: ['zip'] },
    ]);
    expect(facets.attachmentTypes).toEqual(['pdf', 'png', 'zip']);
    expect(facets.seenIn).toEqual(['attachment', 'body', 'pdf', 'subject']);
    expect(facets.templateCount).toBe(1);
    expect(facets.contexts).toEqual([]);
  });

  it('gives empty facets for a number without emails', () => {
    expect(new FacetAccumulator().facets()).toMatchObject({ brandCount: 0, templateCount: 0, attachmentTypeCount: 0, seenIn: [] });
  });
});
