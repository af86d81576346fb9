-- Written by hand (Prisma does not model triggers, and its schema diff leaves them alone).
-- "changedAt" moves only when a transaction is inserted or its content changes, whoever writes it:
-- the mirror re-reads unchanged transactions on every reconcile pass (bumping "syncedAt"), and those
-- must not look new to the transactions list's "newer than" poll (docs/decisions/090).
-- clock_timestamp(): the moment of the change, not the start of a long transaction; stored as UTC
-- wall time like every Prisma DateTime, whatever the session's TimeZone.
CREATE FUNCTION "transaction_touch_changed_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW."changedAt" := clock_timestamp() AT TIME ZONE 'UTC';
  ELSIF (NEW."status", NEW."statusRaw", NEW."type", NEW."amountMinor", NEW."currency", NEW."originalAmountMinor",
         NEW."originalCurrency", NEW."merchantName", NEW."mcc", NEW."merchantCountry", NEW."sparadosCardId", NEW."cardId",
         NEW."cardLast4", NEW."balanceId", NEW."approvalSparadosId", NEW."declineReason", NEW."occurredAt",
         NEW."sparadosUpdatedAt")
        IS DISTINCT FROM
        (OLD."status", OLD."statusRaw", OLD."type", OLD."amountMinor", OLD."currency", OLD."originalAmountMinor",
         OLD."originalCurrency", OLD."merchantName", OLD."mcc", OLD."merchantCountry", OLD."sparadosCardId", OLD."cardId",
         OLD."cardLast4", OLD."balanceId", OLD."approvalSparadosId", OLD."declineReason", OLD."occurredAt",
         OLD."sparadosUpdatedAt") THEN
    NEW."changedAt" := clock_timestamp() AT TIME ZONE 'UTC';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Transaction_touch_changed_at"
  BEFORE INSERT OR UPDATE ON "Transaction"
  FOR EACH ROW EXECUTE FUNCTION "transaction_touch_changed_at"();
