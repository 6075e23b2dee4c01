// @title Clusters active recently
// @description Clusters seen in the last days days up to asOf (default: the newest day in the graph),
// most recent first, with how many of their numbers were active in that window.
// @tags cluster, recency
// @result table
// @param days integer = 7 -- length of the window in days, asOf included
// @param asOf date = null -- end of the window (default: the newest day in the graph)
CALL () {
  MATCH (p:PhoneNumber) WHERE p.lastSeen IS NOT NULL
  RETURN p.lastSeen AS newest ORDER BY newest DESC LIMIT 1
}
WITH coalesce($asOf, newest) AS asOf
WITH asOf, asOf - duration({days: $days}) AS cutoff
MATCH (c:Cluster)
WHERE c.lastSeen > cutoff AND c.lastSeen <= asOf
RETURN c.id AS cluster, c.lastSeen AS lastSeen, c.size AS size, c.emails AS emails, c.brands AS brands,
       COUNT { (p:PhoneNumber)-[:IN_CLUSTER]->(c) WHERE p.lastSeen > cutoff } AS activeNumbers,
       COLLECT { MATCH (p:PhoneNumber)-[:IN_CLUSTER]->(c) RETURN p.e164 AS e ORDER BY e LIMIT 10 } AS members
ORDER BY lastSeen DESC, size DESC, cluster
