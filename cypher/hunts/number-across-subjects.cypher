// @title One number behind several subject templates
// @description Numbers used under several subject templates (and so business contexts), as in Talos'
// figure 6: one number behind order confirmations and transaction verifications.
// @tags lure, talos
// @result table
// @param minTemplates integer = 2 -- fewest distinct subject templates
// The distinct templates, contexts and brands of a number's emails are written by `callhound analyze`
// (docs/graph-model.md): the templateCount index finds the numbers without walking their emails.
MATCH (p:PhoneNumber)
WHERE p.templateCount >= $minTemplates
RETURN p.e164 AS number, p.subjectTemplates AS templates, p.contexts AS contexts, p.brands AS brands,
       p.emailCount AS emails
ORDER BY p.templateCount DESC, emails DESC, number
