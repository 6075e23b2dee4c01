// @title Highest-volume numbers per day
// @description For each day, the perDay numbers mentioned in the most emails (Talos: one number in 117
// emails on a single day).
// @tags volume, timeline, talos
// @result table
// @param perDay integer = 3 -- numbers to list per day
// @param from date = null -- first day (default: the first in the graph)
// @param to date = null -- last day (default: the last in the graph)
MATCH (e:Email)-[:MENTIONS]->(p:PhoneNumber)
WHERE e.day IS NOT NULL AND ($from IS NULL OR e.day >= $from) AND ($to IS NULL OR e.day <= $to)
WITH e.day AS day, p.e164 AS number, count(e) AS emails
ORDER BY day, emails DESC, number
WITH day, collect({number: number, emails: emails})[0..$perDay] AS top
UNWIND range(0, size(top) - 1) AS i
RETURN day, i + 1 AS rank, top[i].number AS number, top[i].emails AS emails
ORDER BY day, rank
