-- Budget changes asked before the policy existed were top-ups: what they raise is their positive delta.
UPDATE "BudgetChangeRequest" SET "increaseMinor" = GREATEST("deltaMinor", 0) WHERE "kind" = 'TOP_UP' AND "deltaMinor" IS NOT NULL;

-- The four-eyes top-up limits become the budget policy's per-change limits (docs/decisions/105); its other
-- amounts start at the defaults of that decision. Only where an admin had set the old limits.
INSERT INTO "Setting" ("key", "value", "updatedAt", "updatedById")
SELECT 'budgets.policy',
       jsonb_build_object(
         'OPERATOR', jsonb_build_object('perChangeMinor', COALESCE(op.value, '100000'::jsonb), 'newCardMinor', 100000, 'perPersonDayMinor', 500000, 'perCardDayMinor', 100000),
         'APPROVER', jsonb_build_object('perChangeMinor', COALESCE(ap.value, '1000000'::jsonb), 'newCardMinor', 1000000, 'perPersonDayMinor', 5000000, 'perCardDayMinor', 1000000),
         'ADMIN', jsonb_build_object('perChangeMinor', COALESCE(ad.value, '1000000'::jsonb), 'newCardMinor', 1000000, 'perPersonDayMinor', 5000000, 'perCardDayMinor', 1000000)
       ),
       CURRENT_TIMESTAMP,
       NULL
FROM (SELECT 1) AS one
LEFT JOIN "Setting" op ON op."key" = 'topups.operatorLimitMinor' AND jsonb_typeof(op.value) = 'number'
LEFT JOIN "Setting" ap ON ap."key" = 'topups.approverLimitMinor' AND jsonb_typeof(ap.value) = 'number'
LEFT JOIN "Setting" ad ON ad."key" = 'topups.adminLimitMinor' AND jsonb_typeof(ad.value) = 'number'
WHERE op.value IS NOT NULL OR ap.value IS NOT NULL OR ad.value IS NOT NULL
ON CONFLICT ("key") DO NOTHING;

DELETE FROM "Setting" WHERE "key" IN ('topups.operatorLimitMinor', 'topups.approverLimitMinor', 'topups.adminLimitMinor');
