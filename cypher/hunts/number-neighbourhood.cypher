// @title Neighbourhood of a number
// @description The emails and numbers reachable from a number in up to hops steps (number -> email ->
// number), as a graph: who else the same senders used.
// @tags graph, pivot
// @result graph
// @param number phone required -- the starting number (any format)
// @param hops integer = 1 -- steps through shared emails, 1 to 3
MATCH (start:PhoneNumber {e164: $number})
CALL (start) {
  OPTIONAL MATCH (start)<-[:MENTIONS]-(:Email)-[:MENTIONS]->(n:PhoneNumber)
  WHERE $hops >= 1
  RETURN collect(DISTINCT n) AS ring1
}
CALL (ring1) {
  UNWIND CASE WHEN $hops >= 2 THEN ring1 ELSE [] END AS r
  MATCH (r)<-[:MENTIONS]-(:Email)-[:MENTIONS]->(n:PhoneNumber)
  RETURN collect(DISTINCT n) AS ring2
}
CALL (ring2) {
  UNWIND CASE WHEN $hops >= 3 THEN ring2 ELSE [] END AS r
  MATCH (r)<-[:MENTIONS]-(:Email)-[:MENTIONS]->(n:PhoneNumber)
  RETURN collect(DISTINCT n) AS ring3
}
WITH [start] + ring1 + ring2 + ring3 AS reached,
     [start] + CASE WHEN $hops >= 2 THEN ring1 ELSE [] END + CASE WHEN $hops >= 3 THEN ring2 ELSE [] END AS inner
UNWIND inner AS p
MATCH (p)<-[:MENTIONS]-(e:Email)
WITH DISTINCT e, reached
MATCH (e)-[m:MENTIONS]->(q:PhoneNumber)
WHERE q IN reached
RETURN e AS email, m AS mention, q AS number
ORDER BY number.e164, email.id
