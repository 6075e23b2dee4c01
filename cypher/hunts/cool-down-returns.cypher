// @title Numbers back after a cool-down
// @description Numbers that went quiet for at least minGap days and then came back into a campaign,
// longest rest first.
// @tags reuse, timeline, talos
// @result table
// @param minGap integer = 1 -- shortest rest, in inactive days between two active days
MATCH (p:PhoneNumber)
WHERE p.maxGap >= $minGap
RETURN p.e164 AS number, p.maxGap AS longestGap, p.coolDowns AS coolDowns, p.activeDays AS activeDays,
       p.firstSeen AS firstSeen, p.lastSeen AS lastSeen, p.emailCount AS emails
ORDER BY longestGap DESC, number
