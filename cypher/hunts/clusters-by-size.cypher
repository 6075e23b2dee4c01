// @title Clusters by size
// @description Presumed call centers: clusters of numbers linked by shared evidence, largest first,
// with their first ten numbers.
// @tags cluster
// @result table
// @param minSize integer = 2 -- fewest numbers in a cluster
MATCH (c:Cluster)
WHERE c.size >= $minSize
RETURN c.id AS cluster, c.size AS size, c.emails AS emails, c.brands AS brands,
       c.firstSeen AS firstSeen, c.lastSeen AS lastSeen,
       COLLECT { MATCH (p:PhoneNumber)-[:IN_CLUSTER]->(c) RETURN p.e164 AS e ORDER BY e LIMIT 10 } AS members
ORDER BY size DESC, emails DESC, cluster
