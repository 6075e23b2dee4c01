// @title One number behind several brands
// @description Numbers whose emails impersonate several brands, as in Talos' figure 7: one number in
// PDF lures for PayPal and Norton LifeLock.
// @tags brand, talos
// @result table
// @param minBrands integer = 2 -- fewest distinct brands
// The distinct brands and placements of a number's emails are written by `callhound analyze`
// (docs/graph-model.md): the brandCount index finds the numbers without walking their emails.
MATCH (p:PhoneNumber)
WHERE p.brandCount >= $minBrands
RETURN p.e164 AS number, p.brands AS brands, p.seenIn AS seenIn, p.emailCount AS emails
ORDER BY p.brandCount DESC, emails DESC, number
