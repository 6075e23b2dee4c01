// @title One number behind several brands
// @description Numbers whose emails impersonate several brands, as in Talos' figure 7: one number in
// PDF lures for PayPal and Norton LifeLock.
// @tags brand, talos
// @result table
// @param minBrands integer = 2 -- fewest distinct brands
// A number needs at least as many emails as brands: the emailCount index skips the rest.
MATCH (p:PhoneNumber)
WHERE p.emailCount >= $minBrands
WITH p, COLLECT {
  MATCH (p)<-[:MENTIONS]-(:Email)-[:IMPERSONATES]->(b:Brand) RETURN DISTINCT b.name AS name ORDER BY name
} AS brands
WHERE size(brands) >= $minBrands
RETURN p.e164 AS number, brands,
       COLLECT { MATCH (p)<-[m:MENTIONS]-(:Email) UNWIND m.where AS place RETURN DISTINCT place ORDER BY place } AS seenIn,
       COUNT { (p)<-[:MENTIONS]-(:Email) } AS emails
ORDER BY size(brands) DESC, emails DESC, number
