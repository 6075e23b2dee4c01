// @title Highest-volume numbers per day
// @description For each day, the perDay numbers mentioned in the most emails (Talos: one number in 117
// emails on a single day).
// @tags volume, timeline, talos
// @result table
// @param perDay integer = 3 -- numbers to list per day
// @param from date = null -- first day (default: the first in the graph)
// @param to date = null -- last day (default: the last in the graph)
// A number's active days and its emails on each (`days`, `dayEmails`) are written by `callhound analyze`:
// the numbers active in the window are found by index, without walking every email.
MATCH (p:PhoneNumber)
WHERE p.firstSeen IS NOT NULL AND ($to IS NULL OR p.firstSeen <= $to) AND ($from IS NULL OR p.lastSeen >= $from)
UNWIND range(0, size(p.days) - 1) AS i
WITH p.e164 AS number, p.days[i] AS day, p.dayEmails[i] AS emails
WHERE ($from IS NULL OR day >= $from) AND ($to IS NULL OR day <= $to)
WITH day, number, emails
ORDER BY day, emails DESC, number
WITH day, collect({number: number, emails: emails})[0..$perDay] AS top
UNWIND range(0, size(top) - 1) AS i
RETURN day, i + 1 AS rank, top[i].number AS number, top[i].emails AS emails
ORDER BY day, rank
