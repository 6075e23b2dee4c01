// @title One number across several attachment types
// @description Numbers found inside attachments of several file types, as in Talos' figure 8: the same
// number in HEIC and JPEG images.
// @tags attachment, talos
// @result table
// @param minTypes integer = 2 -- fewest distinct attachment types
// @param places list<string> = pdf,image,attachment -- placements that count as inside an attachment
// EXISTS skips, cheaply, the many numbers never seen inside an attachment.
MATCH (p:PhoneNumber)
WHERE EXISTS { (p)<-[m:MENTIONS]-(:Email) WHERE any(place IN m.where WHERE place IN $places) }
WITH p, COLLECT {
  MATCH (p)<-[m:MENTIONS]-(:Email)-[:HAS_ATTACHMENT]->(:Attachment)-[:OF_TYPE]->(t:AttachmentType)
  WHERE any(place IN m.where WHERE place IN $places)
  RETURN DISTINCT t.name AS name ORDER BY name
} AS types
WHERE size(types) >= $minTypes
RETURN p.e164 AS number, types,
       COLLECT { MATCH (p)<-[:MENTIONS]-(:Email)-[:IMPERSONATES]->(b:Brand) RETURN DISTINCT b.name AS name ORDER BY name } AS brands,
       COUNT { (p)<-[:MENTIONS]-(:Email) } AS emails
ORDER BY size(types) DESC, emails DESC, number
