// @title Numbers found only inside attachments
// @description Numbers never written in a subject or body, only in PDFs, images or other attachments:
// invisible to text-only filters.
// @tags attachment, evasion
// @result table
// @param places list<string> = pdf,image,attachment -- placements that count as inside an attachment
// EXISTS stops at the first mention outside an attachment, before anything is collected.
MATCH (p:PhoneNumber)
WHERE NOT EXISTS { (p)<-[m:MENTIONS]-(:Email) WHERE any(place IN m.where WHERE NOT place IN $places) }
WITH p, COLLECT { MATCH (p)<-[m:MENTIONS]-(:Email) UNWIND m.where AS place RETURN DISTINCT place ORDER BY place } AS seenIn
WHERE size(seenIn) > 0 AND all(place IN seenIn WHERE place IN $places)
RETURN p.e164 AS number, seenIn,
       COLLECT { MATCH (p)<-[:MENTIONS]-(:Email)-[:HAS_ATTACHMENT]->(:Attachment)-[:OF_TYPE]->(t:AttachmentType) RETURN DISTINCT t.name AS name ORDER BY name } AS types,
       COUNT { (p)<-[:MENTIONS]-(:Email) } AS emails
ORDER BY emails DESC, number
