-- AlterEnum
BEGIN;
CREATE TYPE "PublicCommentStatus_new" AS ENUM ('PENDING', 'PUBLISHED', 'REJECTED');
ALTER TABLE "public"."public_comment" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "public_comment" ALTER COLUMN "status" TYPE "PublicCommentStatus_new" USING ("status"::text::"PublicCommentStatus_new");
ALTER TYPE "PublicCommentStatus" RENAME TO "PublicCommentStatus_old";
ALTER TYPE "PublicCommentStatus_new" RENAME TO "PublicCommentStatus";
DROP TYPE "public"."PublicCommentStatus_old";
ALTER TABLE "public_comment" ALTER COLUMN "status" SET DEFAULT 'PENDING';
COMMIT;

-- DropIndex
DROP INDEX "public_comment_version_id_submitted_at_idx";

-- AlterTable
ALTER TABLE "public_comment" DROP COLUMN "answered_at",
ADD COLUMN     "guideline_section_id" UUID,
ADD COLUMN     "moderated_at" TIMESTAMP(3),
ADD COLUMN     "moderated_by_id" UUID,
ADD COLUMN     "reject_reason" TEXT,
ADD COLUMN     "responded_at" TIMESTAMP(3),
ADD COLUMN     "responded_by_id" UUID,
ADD COLUMN     "sender_key" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "status" SET DEFAULT 'PENDING';

-- CreateTable
CREATE TABLE "standard_retirement" (
    "review_id" UUID NOT NULL,
    "standard_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "standard_retirement_pkey" PRIMARY KEY ("review_id","standard_id")
);

-- CreateTable
CREATE TABLE "review_assignment" (
    "round_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,

    CONSTRAINT "review_assignment_pkey" PRIMARY KEY ("round_id","user_id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" UUID,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "group_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "read_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "review_assignment_user_id_idx" ON "review_assignment"("user_id");

-- CreateIndex
CREATE INDEX "notification_user_id_read_at_created_at_idx" ON "notification"("user_id", "read_at", "created_at");

-- CreateIndex
CREATE INDEX "notification_user_id_group_key_idx" ON "notification"("user_id", "group_key");

-- CreateIndex
CREATE INDEX "public_comment_version_id_status_submitted_at_idx" ON "public_comment"("version_id", "status", "submitted_at");

-- CreateIndex
CREATE INDEX "public_comment_sender_key_submitted_at_idx" ON "public_comment"("sender_key", "submitted_at");

-- AddForeignKey
ALTER TABLE "public_comment" ADD CONSTRAINT "public_comment_guideline_section_id_fkey" FOREIGN KEY ("guideline_section_id") REFERENCES "guideline_section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "public_comment" ADD CONSTRAINT "public_comment_moderated_by_id_fkey" FOREIGN KEY ("moderated_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "public_comment" ADD CONSTRAINT "public_comment_responded_by_id_fkey" FOREIGN KEY ("responded_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_retirement" ADD CONSTRAINT "standard_retirement_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "standard_review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_retirement" ADD CONSTRAINT "standard_retirement_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_assignment" ADD CONSTRAINT "review_assignment_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "review_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_assignment" ADD CONSTRAINT "review_assignment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
