// @title DID blocks used across several brands
// @description Blocks whose numbers appear in lures for several brands (Talos' figure 10: one block
// across three brands, volumes very uneven), with the emails per brand.
// @tags block, brand, talos
// @result table
// @param minBrands integer = 2 -- fewest distinct brands in the block
// @param minNumbers integer = 2 -- fewest numbers seen in the block
MATCH (b:DidBlock)
WITH b, COLLECT { MATCH (b)<-[:IN_BLOCK]-(p:PhoneNumber) RETURN p.e164 AS e ORDER BY e } AS numbers
WHERE size(numbers) >= $minNumbers
WITH b, numbers, COLLECT {
  MATCH (b)<-[:IN_BLOCK]-(:PhoneNumber)<-[:MENTIONS]-(:Email)-[:IMPERSONATES]->(brand:Brand)
  RETURN DISTINCT brand.name AS name ORDER BY name
} AS brands
WHERE size(brands) >= $minBrands
RETURN b.prefix AS block, brands, numbers,
       COUNT { MATCH (b)<-[:IN_BLOCK]-(:PhoneNumber)<-[:MENTIONS]-(e:Email) RETURN DISTINCT e } AS emails,
       COLLECT {
         MATCH (b)<-[:IN_BLOCK]-(:PhoneNumber)<-[:MENTIONS]-(e:Email)-[:IMPERSONATES]->(brand:Brand)
         WITH brand.name AS name, count(DISTINCT e) AS n
         RETURN name + ': ' + toString(n) AS perBrand ORDER BY name
       } AS emailsPerBrand
ORDER BY size(brands) DESC, emails DESC, block
