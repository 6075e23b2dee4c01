// @title DID blocks used across several brands
// @description Blocks whose numbers appear in lures for several brands (Talos' figure 10: one block
// across three brands, volumes very uneven), with the emails per brand.
// @tags block, brand, talos
// @result table
// @param minBrands integer = 2 -- fewest distinct brands in the block
// @param minNumbers integer = 2 -- fewest numbers seen in the block
MATCH (b:DidBlock)
WHERE COUNT { (b)<-[:IN_BLOCK]-(:PhoneNumber) } >= $minNumbers
// One pass over the block's emails gives both the brands and the emails per brand.
MATCH (b)<-[:IN_BLOCK]-(:PhoneNumber)<-[:MENTIONS]-(e:Email)-[:IMPERSONATES]->(brand:Brand)
WITH b, brand.name AS name, count(DISTINCT e) AS n
ORDER BY name
WITH b, collect(name) AS brands, collect(name + ': ' + toString(n)) AS emailsPerBrand
WHERE size(brands) >= $minBrands
RETURN b.prefix AS block, brands,
       COLLECT { MATCH (b)<-[:IN_BLOCK]-(p:PhoneNumber) RETURN p.e164 AS e ORDER BY e } AS numbers,
       COUNT { MATCH (b)<-[:IN_BLOCK]-(:PhoneNumber)<-[:MENTIONS]-(e:Email) RETURN DISTINCT e } AS emails,
       emailsPerBrand
ORDER BY size(brands) DESC, emails DESC, block
