// @title New numbers in known blocks or clusters
// @description Numbers first seen in the last days days up to asOf (default: the newest day in the graph)
// that sit in a DID block or a cluster known from before: likely rotations of a known operation.
// @tags rotation, block, cluster, recency
// @result table
// @param days integer = 7 -- what counts as new: first seen within this many days, asOf included
// @param asOf date = null -- end of the window (default: the newest day in the graph)
CALL () {
  MATCH (p:PhoneNumber) WHERE p.lastSeen IS NOT NULL
  RETURN p.lastSeen AS newest ORDER BY newest DESC LIMIT 1
}
WITH coalesce($asOf, newest) AS asOf
WITH asOf, asOf - duration({days: $days}) AS cutoff
MATCH (p:PhoneNumber)
WHERE p.firstSeen > cutoff AND p.firstSeen <= asOf
OPTIONAL MATCH (p)-[:IN_BLOCK]->(b:DidBlock)
OPTIONAL MATCH (p)-[:IN_CLUSTER]->(c:Cluster)
// A cluster is known from before when it was first seen before the window (its firstSeen is its
// earliest member's): one property read instead of walking clusters of thousands of numbers.
WITH p, b, c, coalesce(c.firstSeen <= cutoff, false) AS knownCluster,
     COLLECT { MATCH (b)<-[:IN_BLOCK]-(o:PhoneNumber) WHERE o.firstSeen <= cutoff RETURN o.e164 AS e ORDER BY e LIMIT 10 } AS knownInBlock
WHERE size(knownInBlock) > 0 OR knownCluster
RETURN p.e164 AS number, p.firstSeen AS firstSeen, b.prefix AS block, knownInBlock,
       CASE WHEN knownCluster THEN c.id END AS cluster, CASE WHEN knownCluster THEN c.size END AS clusterSize,
       CASE WHEN knownCluster THEN c.firstSeen END AS clusterFirstSeen
ORDER BY firstSeen DESC, number
