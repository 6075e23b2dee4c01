// @title One number behind several subject templates
// @description Numbers used under several subject templates (and so business contexts), as in Talos'
// figure 6: one number behind order confirmations and transaction verifications.
// @tags lure, talos
// @result table
// @param minTemplates integer = 2 -- fewest distinct subject templates
// A number needs at least as many emails as templates: the emailCount index skips the rest.
MATCH (p:PhoneNumber)
WHERE p.emailCount >= $minTemplates
WITH p, COLLECT {
  MATCH (p)<-[:MENTIONS]-(e:Email) WHERE e.subjectTemplate IS NOT NULL
  RETURN DISTINCT e.subjectTemplate AS template ORDER BY template
} AS templates
WHERE size(templates) >= $minTemplates
RETURN p.e164 AS number, templates,
       COLLECT { MATCH (p)<-[:MENTIONS]-(e:Email) WHERE e.context IS NOT NULL RETURN DISTINCT e.context AS c ORDER BY c } AS contexts,
       COLLECT { MATCH (p)<-[:MENTIONS]-(:Email)-[:IMPERSONATES]->(b:Brand) RETURN DISTINCT b.name AS name ORDER BY name } AS brands,
       COUNT { (p)<-[:MENTIONS]-(:Email) } AS emails
ORDER BY size(templates) DESC, emails DESC, number
