// @title The cluster of a number
// @description The cluster a number belongs to and all its member numbers, as a graph.
// @tags cluster, graph, pivot
// @result graph
// @param number phone required -- a member number (any format)
MATCH (:PhoneNumber {e164: $number})-[:IN_CLUSTER]->(c:Cluster)
MATCH (p:PhoneNumber)-[r:IN_CLUSTER]->(c)
RETURN c AS cluster, r AS membership, p AS number
ORDER BY number.e164
