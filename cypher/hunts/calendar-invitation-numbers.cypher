// @title Numbers delivered through calendar invitations
// @description Phone numbers in emails that carry a calendar invitation (text/calendar parts, .ics
// files), by the platform that carried them and the organizer's domain: the invitation lands in the
// victim's calendar and reminds them to call, and a real calendar service passes SPF/DKIM.
// @tags calendar, delivery, toad, platform
// @result table
// @param method string = any -- iTIP method to keep (REQUEST, CANCEL, PUBLISH), or any
// @param calendarOnly boolean = false -- only numbers read inside the invitation itself (placement calendar)
// @param minEmails integer = 1 -- fewest invitations per row
// calendarEvents is set on every Email that carries an invitation (docs/graph-model.md), indexed.
// The platform is matched by type name rather than as a pattern, so the hunt plans and runs the same on a
// graph without any (Email)-[:DELIVERED_VIA]->(Platform) yet: the platform is then "(unknown)".
MATCH (e:Email)
WHERE e.calendarEvents IS NOT NULL AND ($method = 'any' OR e.calendarMethod = toUpper($method))
MATCH (e)-[m:MENTIONS]->(p:PhoneNumber)
WHERE NOT $calendarOnly OR 'calendar' IN m.where
OPTIONAL CALL (e) {
  MATCH (e)-[via]->(platform)
  WHERE type(via) = 'DELIVERED_VIA'
  RETURN platform.name AS platformName ORDER BY platformName LIMIT 1
}
WITH p, e, m, coalesce(platformName, '(unknown)') AS platform,
     CASE WHEN e.calendarOrganizer CONTAINS '@' THEN split(e.calendarOrganizer, '@')[-1] ELSE '(none)' END AS organizerDomain
WITH platform, organizerDomain, p,
     count(DISTINCT e) AS emails,
     collect(DISTINCT e.calendarMethod) AS methods,
     any(w IN collect('calendar' IN m.where) WHERE w) AS inCalendar,
     min(e.calendarStart) AS firstStart, max(e.calendarStart) AS lastStart,
     collect(DISTINCT e.calendarOrganizer)[..5] AS organizers
WHERE emails >= $minEmails
RETURN platform, organizerDomain, p.e164 AS number, emails, methods, inCalendar,
       toString(firstStart) AS firstStart, toString(lastStart) AS lastStart, organizers
ORDER BY emails DESC, platform, organizerDomain, number
