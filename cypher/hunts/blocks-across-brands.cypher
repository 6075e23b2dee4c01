// @title DID blocks used across several brands
// @description Blocks whose numbers appear in lures for several brands (Talos' figure 10: one block
// across three brands, volumes very uneven), with the emails per brand.
// @tags block, brand, talos
// @result table
// @param minBrands integer = 2 -- fewest distinct brands in the block
// @param minNumbers integer = 2 -- fewest numbers seen in the block
// A block's brands, emails per brand (`brands`, `brandEmails`) and distinct emails (`emailCount`) are written
// by `callhound analyze` (docs/graph-model.md), so the hunt reads them instead of walking the block's emails.
MATCH (b:DidBlock)
WHERE b.numberCount >= $minNumbers AND size(b.brands) >= $minBrands
RETURN b.prefix AS block, b.brands AS brands,
       COLLECT { MATCH (b)<-[:IN_BLOCK]-(p:PhoneNumber) RETURN p.e164 AS e ORDER BY e } AS numbers,
       b.emailCount AS emails,
       [i IN range(0, size(b.brands) - 1) | b.brands[i] + ': ' + toString(b.brandEmails[i])] AS emailsPerBrand
ORDER BY size(brands) DESC, emails DESC, block
