-- Written by hand (Prisma does not model triggers). The first migration's row trigger refuses UPDATE
-- and DELETE on "AuditEvent", but TRUNCATE fires no row triggers, so it could still empty the log.
-- TRUNCATE triggers exist only per statement; the existing function reads neither NEW nor OLD and
-- only raises, so it serves here unchanged (docs/decisions/112).
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_is_append_only"();
