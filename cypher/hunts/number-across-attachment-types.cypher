// @title One number across several attachment types
// @description Numbers found inside attachments of several file types, as in Talos' figure 8: the same
// number in HEIC and JPEG images.
// @tags attachment, talos
// @result table
// @param minTypes integer = 2 -- fewest distinct attachment types
// `callhound analyze` writes, per number, the types of the attachments of the emails where the number was
// read inside an attachment (placements pdf, image, attachment; docs/graph-model.md): the
// attachmentTypeCount index finds the numbers without walking their emails.
MATCH (p:PhoneNumber)
WHERE p.attachmentTypeCount >= $minTypes
RETURN p.e164 AS number, p.attachmentTypes AS types, p.brands AS brands, p.emailCount AS emails
ORDER BY p.attachmentTypeCount DESC, emails DESC, number
