// callhound schema: one uniqueness constraint per model key (DESIGN.md section 2), indexes on the
// properties that hunts and the UI filter by, and a full-text index on email subjects.
// Applied idempotently by `callhound db migrate`, `db start` and `serve` (every statement is IF NOT EXISTS).

CREATE CONSTRAINT email_id IF NOT EXISTS FOR (n:Email) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT phone_e164 IF NOT EXISTS FOR (n:PhoneNumber) REQUIRE n.e164 IS UNIQUE;
CREATE CONSTRAINT did_block_prefix IF NOT EXISTS FOR (n:DidBlock) REQUIRE n.prefix IS UNIQUE;
CREATE CONSTRAINT brand_name IF NOT EXISTS FOR (n:Brand) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT lure_key IF NOT EXISTS FOR (n:Lure) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT attachment_type_name IF NOT EXISTS FOR (n:AttachmentType) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT attachment_sha256 IF NOT EXISTS FOR (n:Attachment) REQUIRE n.sha256 IS UNIQUE;
CREATE CONSTRAINT carrier_name IF NOT EXISTS FOR (n:Carrier) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT domain_name IF NOT EXISTS FOR (n:Domain) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT platform_name IF NOT EXISTS FOR (n:Platform) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT snapshot_id IF NOT EXISTS FOR (n:Snapshot) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ingest_issue_id IF NOT EXISTS FOR (n:IngestIssue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT registry_block_prefix IF NOT EXISTS FOR (n:RegistryBlock) REQUIRE n.prefix IS UNIQUE;
// The graph's change counter (src/graph/graph-version.ts): one node, raised by every callhound writer.
CREATE CONSTRAINT graph_state_id IF NOT EXISTS FOR (n:GraphState) REQUIRE n.id IS UNIQUE;

CREATE INDEX email_day IF NOT EXISTS FOR (n:Email) ON (n.day);
CREATE INDEX email_sent_at IF NOT EXISTS FOR (n:Email) ON (n.sentAt);
CREATE INDEX email_subject_template IF NOT EXISTS FOR (n:Email) ON (n.subjectTemplate);
CREATE INDEX email_message_id IF NOT EXISTS FOR (n:Email) ON (n.messageId);
CREATE INDEX email_source IF NOT EXISTS FOR (n:Email) ON (n.source);
CREATE INDEX phone_first_seen IF NOT EXISTS FOR (n:PhoneNumber) ON (n.firstSeen);
CREATE INDEX phone_last_seen IF NOT EXISTS FOR (n:PhoneNumber) ON (n.lastSeen);
CREATE INDEX phone_line_type IF NOT EXISTS FOR (n:PhoneNumber) ON (n.lineType);
CREATE INDEX phone_country IF NOT EXISTS FOR (n:PhoneNumber) ON (n.country);
CREATE INDEX phone_email_count IF NOT EXISTS FOR (n:PhoneNumber) ON (n.emailCount);
CREATE INDEX did_block_country IF NOT EXISTS FOR (n:DidBlock) ON (n.country);
CREATE INDEX cluster_size IF NOT EXISTS FOR (n:Cluster) ON (n.size);
CREATE INDEX cluster_last_seen IF NOT EXISTS FOR (n:Cluster) ON (n.lastSeen);
CREATE INDEX snapshot_created IF NOT EXISTS FOR (n:Snapshot) ON (n.created);

CREATE FULLTEXT INDEX email_subject_fulltext IF NOT EXISTS FOR (n:Email) ON EACH [n.subject];
// Facets written by `callhound analyze`: the reuse hunts (one number behind several templates, brands or
// attachment types) start from these instead of walking every number's emails.
CREATE INDEX phone_brand_count IF NOT EXISTS FOR (n:PhoneNumber) ON (n.brandCount);
CREATE INDEX phone_template_count IF NOT EXISTS FOR (n:PhoneNumber) ON (n.templateCount);
CREATE INDEX phone_attachment_type_count IF NOT EXISTS FOR (n:PhoneNumber) ON (n.attachmentTypeCount);
