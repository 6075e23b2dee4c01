// @title The cluster of a number
// @description The cluster a number belongs to and all its member numbers, as a graph.
// @tags cluster, graph, pivot
// @result graph
// @param number phone required -- a member number (any format)
// The cluster node travels once, on the first row (its memberships on later rows join it there): a cluster
// of thousands of numbers would otherwise repeat it on every row.
MATCH (:PhoneNumber {e164: $number})-[:IN_CLUSTER]->(c:Cluster)
MATCH (p:PhoneNumber)-[r:IN_CLUSTER]->(c)
WITH c, r, p
ORDER BY p.e164
WITH c, collect([r, p]) AS members
UNWIND range(0, size(members) - 1) AS i
RETURN CASE WHEN i = 0 THEN c END AS cluster, members[i][0] AS membership, members[i][1] AS number
