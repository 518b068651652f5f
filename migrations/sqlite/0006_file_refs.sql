-- Lookups of a stored file by its hash, for the sweep that removes files no
-- row refers to (uploads refused after they were stored).
CREATE INDEX attachments_sha256 ON attachments (sha256);
CREATE INDEX kb_attachments_sha256 ON kb_attachments (sha256);
