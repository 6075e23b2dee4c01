// @title Numbers reused on consecutive days
// @description Numbers active on at least minRun consecutive days, longest runs first
// (Talos: 57 of 1,652 numbers, longest run 4 days, most runs 2 days).
// @tags reuse, timeline, talos
// @result table
// @param minRun integer = 2 -- shortest run of consecutive active days to report
MATCH (p:PhoneNumber)
WHERE p.longestRun >= $minRun
RETURN p.e164 AS number, p.longestRun AS longestRun, p.activeDays AS activeDays,
       p.firstSeen AS firstSeen, p.lastSeen AS lastSeen, p.emailCount AS emails
ORDER BY longestRun DESC, activeDays DESC, number
