// @title Sequential block siblings of a number
// @description Numbers of the same DID block whose last four digits lie within window of the given
// number (which need not be known), with their active days and brands: Talos' figures 9 and 10.
// @tags block, rotation, talos
// @result table
// @param number phone required -- the number whose block to show (any format)
// @param window integer = 100 -- largest distance between last four digits
WITH left($number, size($number) - 4) AS prefix, toInteger(right($number, 4)) AS last4
MATCH (:DidBlock {prefix: prefix})<-[:IN_BLOCK]-(p:PhoneNumber)
WITH p, toInteger(right(p.e164, 4)) - last4 AS offset
WHERE abs(offset) <= $window
RETURN p.e164 AS number, offset, p.days AS days, p.activeDays AS activeDays,
       COUNT { (p)<-[:MENTIONS]-(:Email) } AS emails,
       COLLECT { MATCH (p)<-[:MENTIONS]-(:Email)-[:IMPERSONATES]->(b:Brand) RETURN DISTINCT b.name AS name ORDER BY name } AS brands
ORDER BY offset
