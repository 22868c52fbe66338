-- AlterTable
ALTER TABLE "problem" ADD COLUMN     "adopted_standard_id" UUID,
ADD COLUMN     "adopted_target_id" UUID;

-- CreateIndex
CREATE INDEX "problem_adopted_target_id_idx" ON "problem"("adopted_target_id");

-- CreateIndex
CREATE INDEX "problem_adopted_standard_id_idx" ON "problem"("adopted_standard_id");

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_adopted_target_id_fkey" FOREIGN KEY ("adopted_target_id") REFERENCES "improvement_target"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_adopted_standard_id_fkey" FOREIGN KEY ("adopted_standard_id") REFERENCES "standard"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill (hand-written): until now the target or standard a problem was adopted as was kept
-- only in the audit record of its status change. Take it from the latest status change of each
-- problem, where that change is the adoption the problem still shows and the row still exists.
WITH "last_change" AS (
  SELECT DISTINCT ON ("subject_id") "subject_id", "after"
  FROM "audit_record"
  WHERE "subject_type" = 'Problem' AND "action" = 'problem.change_status'
  ORDER BY "subject_id", "created_at" DESC, "id" DESC
)
UPDATE "problem" AS p
SET "adopted_target_id" = t."id"
FROM "last_change" AS c
JOIN "improvement_target" AS t ON t."id"::text = c."after" ->> 'targetId'
WHERE p."id" = c."subject_id"
  AND p."status" = 'ADOPTED_AS_TARGET'
  AND c."after" ->> 'status' = 'ADOPTED_AS_TARGET';

WITH "last_change" AS (
  SELECT DISTINCT ON ("subject_id") "subject_id", "after"
  FROM "audit_record"
  WHERE "subject_type" = 'Problem' AND "action" = 'problem.change_status'
  ORDER BY "subject_id", "created_at" DESC, "id" DESC
)
UPDATE "problem" AS p
SET "adopted_standard_id" = s."id"
FROM "last_change" AS c
JOIN "standard" AS s ON s."id"::text = c."after" ->> 'standardId'
WHERE p."id" = c."subject_id"
  AND p."status" = 'ADOPTED_AS_STANDARD'
  AND c."after" ->> 'status' = 'ADOPTED_AS_STANDARD';

-- CHECK constraints (hand-written; invisible to Prisma's diff): a link only with its status.
ALTER TABLE "problem" ADD CONSTRAINT "problem_adopted_target_status"
  CHECK ("adopted_target_id" IS NULL OR "status" = 'ADOPTED_AS_TARGET');
ALTER TABLE "problem" ADD CONSTRAINT "problem_adopted_standard_status"
  CHECK ("adopted_standard_id" IS NULL OR "status" = 'ADOPTED_AS_STANDARD');
