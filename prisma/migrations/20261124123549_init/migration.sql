-- CreateEnum
CREATE TYPE "GuidelineStatus" AS ENUM ('DRAFT', 'PUBLIC_COMMENT', 'PUBLISHED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "GuidelineSectionKind" AS ENUM ('PURPOSE', 'DEFINITION', 'SCOPE', 'AIM', 'PHILOSOPHY', 'STANDARDS', 'POLICY_AND_TARGETS', 'ORGANISATION', 'SCHEDULE', 'OTHER');

-- CreateEnum
CREATE TYPE "RecordOrigin" AS ENUM ('DIRECT', 'BOARD', 'SEED');

-- CreateEnum
CREATE TYPE "SectionKind" AS ENUM ('COUNTER', 'HEALTH_WELFARE', 'COMMUNITY', 'INFRASTRUCTURE', 'ADMINISTRATION', 'OTHER_BUREAU');

-- CreateEnum
CREATE TYPE "CommitteeKind" AS ENUM ('WARD_COMMITTEE', 'DIRECTORS_MEETING', 'REVISION_WORKING_GROUP');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('POLICY_ADMIN', 'DIRECTOR', 'WARD_MAYOR', 'WARD_COORDINATOR', 'SECTION_HEAD', 'SECTION_MEMBER', 'COMMITTEE_CHAIR', 'COMMITTEE_MEMBER', 'FACILITATOR');

-- CreateEnum
CREATE TYPE "ApiTokenScope" AS ENUM ('READ_PUBLISHED', 'READ_WARD', 'READ_ALL');

-- CreateEnum
CREATE TYPE "StandardCategory" AS ENUM ('SOFT', 'HARD');

-- CreateEnum
CREATE TYPE "RevisionStatus" AS ENUM ('PROPOSED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "IndicatorDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "StandardReviewStatus" AS ENUM ('OPEN', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "PolicyStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "TargetState" AS ENUM ('DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "AchievementLevel" AS ENUM ('GREATLY_EXCEEDED', 'EXCEEDED', 'ACHIEVED', 'BELOW', 'GREATLY_BELOW');

-- CreateEnum
CREATE TYPE "ResultState" AS ENUM ('REPORTED', 'CONFIRMED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "ReviewRoundStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVE', 'COMMENT', 'REQUEST_CHANGES');

-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('OPEN', 'ADOPTED_AS_TARGET', 'ADOPTED_AS_STANDARD', 'DECLINED');

-- CreateEnum
CREATE TYPE "BoardTemplate" AS ENUM ('REVISION_WORKSHOP', 'PROBLEM_LISTING', 'TARGET_DRAFTING', 'BLANK');

-- CreateEnum
CREATE TYPE "PublicCommentStatus" AS ENUM ('RECEIVED', 'ANSWERED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "guideline_version" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "status" "GuidelineStatus" NOT NULL DEFAULT 'DRAFT',
    "revised_on" DATE,
    "effective_fiscal_year" INTEGER,
    "summary" TEXT NOT NULL DEFAULT '',
    "summary_en" TEXT NOT NULL DEFAULT '',
    "aim" TEXT NOT NULL DEFAULT '',
    "aim_en" TEXT NOT NULL DEFAULT '',
    "philosophy" TEXT NOT NULL DEFAULT '',
    "philosophy_en" TEXT NOT NULL DEFAULT '',
    "comment_opens_at" TIMESTAMP(3),
    "comment_closes_at" TIMESTAMP(3),
    "published_at" TIMESTAMP(3),
    "supersedes_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "guideline_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guideline_section" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "GuidelineSectionKind" NOT NULL,
    "title" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "rationale_en" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "guideline_section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "principle" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "text_en" TEXT NOT NULL,
    "origin" "RecordOrigin" NOT NULL DEFAULT 'DIRECT',
    "origin_board_id" UUID,
    "origin_note_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "principle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "history_event" (
    "id" UUID NOT NULL,
    "occurred_on" DATE NOT NULL,
    "era_label" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "category_en" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "history_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ward" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "section" (
    "id" UUID NOT NULL,
    "ward_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "kind" "SectionKind" NOT NULL,
    "operating_bureau" TEXT,
    "position" INTEGER NOT NULL,
    "is_sample" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "committee" (
    "id" UUID NOT NULL,
    "kind" "CommitteeKind" NOT NULL,
    "ward_id" UUID,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "committee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'ja',
    "is_sample" BOOLEAN NOT NULL DEFAULT false,
    "disabled_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "ward_id" UUID,
    "section_id" UUID,
    "committee_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "user_agent" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scopes" "ApiTokenScope"[],
    "ward_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "standard" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "category" "StandardCategory" NOT NULL,
    "introduced_fiscal_year" INTEGER NOT NULL,
    "retired_fiscal_year" INTEGER,
    "is_sample" BOOLEAN NOT NULL DEFAULT false,
    "origin_ward_id" UUID,
    "origin_target_id" UUID,
    "origin_proposal_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "standard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "standard_revision" (
    "id" UUID NOT NULL,
    "standard_id" UUID NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "status" "RevisionStatus" NOT NULL DEFAULT 'PROPOSED',
    "title" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "minimum_level" TEXT NOT NULL,
    "minimum_level_en" TEXT NOT NULL,
    "aspirational_level" TEXT NOT NULL,
    "aspirational_level_en" TEXT NOT NULL,
    "indicator_name" TEXT,
    "indicator_name_en" TEXT,
    "unit" TEXT,
    "minimum_value" DECIMAL(14,4),
    "aspirational_value" DECIMAL(14,4),
    "direction" "IndicatorDirection",
    "change_note" TEXT NOT NULL DEFAULT '',
    "review_id" UUID,
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "standard_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "standard_review" (
    "id" UUID NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "status" "StandardReviewStatus" NOT NULL DEFAULT 'OPEN',
    "committee_id" UUID,
    "opened_by_id" UUID,
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMP(3),

    CONSTRAINT "standard_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "standard_principle" (
    "standard_id" UUID NOT NULL,
    "principle_id" UUID NOT NULL,

    CONSTRAINT "standard_principle_pkey" PRIMARY KEY ("standard_id","principle_id")
);

-- CreateTable
CREATE TABLE "improvement_policy" (
    "id" UUID NOT NULL,
    "ward_id" UUID NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "status" "PolicyStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "author_id" UUID,
    "is_sample" BOOLEAN NOT NULL DEFAULT false,
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "improvement_policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "improvement_target" (
    "id" UUID NOT NULL,
    "section_id" UUID NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "policy_id" UUID,
    "state" "TargetState" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "indicator_name" TEXT,
    "unit" TEXT,
    "baseline_value" DECIMAL(14,4),
    "target_value" DECIMAL(14,4),
    "milestone" TEXT,
    "due_date" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "carried_over_from_id" UUID,
    "origin" "RecordOrigin" NOT NULL DEFAULT 'DIRECT',
    "origin_board_id" UUID,
    "origin_note_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "origin_proposal_id" UUID,
    "created_by_id" UUID,
    "is_sample" BOOLEAN NOT NULL DEFAULT false,
    "submitted_at" TIMESTAMP(3),
    "approved_at" TIMESTAMP(3),
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "improvement_target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_standard" (
    "target_id" UUID NOT NULL,
    "standard_id" UUID NOT NULL,

    CONSTRAINT "target_standard_pkey" PRIMARY KEY ("target_id","standard_id")
);

-- CreateTable
CREATE TABLE "target_principle" (
    "target_id" UUID NOT NULL,
    "principle_id" UUID NOT NULL,

    CONSTRAINT "target_principle_pkey" PRIMARY KEY ("target_id","principle_id")
);

-- CreateTable
CREATE TABLE "target_revision" (
    "id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "author_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_result" (
    "id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "state" "ResultState" NOT NULL DEFAULT 'REPORTED',
    "actual_value" DECIMAL(14,4),
    "achievement_level" "AchievementLevel" NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '',
    "late_reason" TEXT,
    "reported_by_id" UUID,
    "reported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_by_id" UUID,
    "confirmed_at" TIMESTAMP(3),
    "published_at" TIMESTAMP(3),

    CONSTRAINT "target_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_round" (
    "id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "ReviewRoundStatus" NOT NULL DEFAULT 'OPEN',
    "due_date" DATE,
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "review_round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "reviewer_id" UUID NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment" (
    "id" UUID NOT NULL,
    "author_id" UUID,
    "parent_id" UUID,
    "target_id" UUID,
    "policy_id" UUID,
    "standard_id" UUID,
    "guideline_section_id" UUID,
    "guideline_version_id" UUID,
    "body" TEXT NOT NULL,
    "quote" TEXT,
    "resolved_at" TIMESTAMP(3),
    "resolved_by_id" UUID,
    "edited_at" TIMESTAMP(3),
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "problem" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "title_en" TEXT,
    "body" TEXT NOT NULL DEFAULT '',
    "body_en" TEXT,
    "status" "ProblemStatus" NOT NULL DEFAULT 'OPEN',
    "decline_reason" TEXT,
    "ward_id" UUID,
    "section_id" UUID,
    "guideline_version_id" UUID,
    "origin" "RecordOrigin" NOT NULL DEFAULT 'DIRECT',
    "origin_board_id" UUID,
    "origin_note_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "workshop_date" DATE,
    "author_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proposal" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "title_en" TEXT,
    "body" TEXT NOT NULL DEFAULT '',
    "body_en" TEXT,
    "status" "ProblemStatus" NOT NULL DEFAULT 'OPEN',
    "decline_reason" TEXT,
    "problem_id" UUID,
    "ward_id" UUID,
    "section_id" UUID,
    "guideline_version_id" UUID,
    "origin" "RecordOrigin" NOT NULL DEFAULT 'DIRECT',
    "origin_board_id" UUID,
    "origin_note_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "workshop_date" DATE,
    "author_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "problem_standard" (
    "problem_id" UUID NOT NULL,
    "standard_id" UUID NOT NULL,

    CONSTRAINT "problem_standard_pkey" PRIMARY KEY ("problem_id","standard_id")
);

-- CreateTable
CREATE TABLE "problem_principle" (
    "problem_id" UUID NOT NULL,
    "principle_id" UUID NOT NULL,

    CONSTRAINT "problem_principle_pkey" PRIMARY KEY ("problem_id","principle_id")
);

-- CreateTable
CREATE TABLE "proposal_standard" (
    "proposal_id" UUID NOT NULL,
    "standard_id" UUID NOT NULL,

    CONSTRAINT "proposal_standard_pkey" PRIMARY KEY ("proposal_id","standard_id")
);

-- CreateTable
CREATE TABLE "proposal_principle" (
    "proposal_id" UUID NOT NULL,
    "principle_id" UUID NOT NULL,

    CONSTRAINT "proposal_principle_pkey" PRIMARY KEY ("proposal_id","principle_id")
);

-- CreateTable
CREATE TABLE "board" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "template" "BoardTemplate" NOT NULL DEFAULT 'BLANK',
    "committee_id" UUID,
    "ward_id" UUID,
    "section_id" UUID,
    "facilitator_id" UUID,
    "workshop_date" DATE,
    "document" BYTEA,
    "document_seq" BIGINT NOT NULL DEFAULT 0,
    "archived_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "board_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "board_update" (
    "seq" BIGSERIAL NOT NULL,
    "board_id" UUID NOT NULL,
    "update" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "board_update_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "board_snapshot" (
    "id" UUID NOT NULL,
    "board_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "stage" TEXT,
    "document" BYTEA NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "board_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "public_comment" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "ward_id" UUID,
    "body" TEXT NOT NULL,
    "status" "PublicCommentStatus" NOT NULL DEFAULT 'RECEIVED',
    "response" TEXT,
    "submitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMP(3),

    CONSTRAINT "public_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_record" (
    "id" UUID NOT NULL,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "guideline_version_code_key" ON "guideline_version"("code");

-- CreateIndex
CREATE UNIQUE INDEX "guideline_version_supersedes_id_key" ON "guideline_version"("supersedes_id");

-- CreateIndex
CREATE UNIQUE INDEX "guideline_section_version_id_number_key" ON "guideline_section"("version_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "principle_version_id_key_key" ON "principle"("version_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "principle_version_id_position_key" ON "principle"("version_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "history_event_position_key" ON "history_event"("position");

-- CreateIndex
CREATE UNIQUE INDEX "ward_code_key" ON "ward"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ward_name_key" ON "ward"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ward_position_key" ON "ward"("position");

-- CreateIndex
CREATE INDEX "section_ward_id_position_idx" ON "section"("ward_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "section_ward_id_code_key" ON "section"("ward_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "committee_kind_ward_id_key" ON "committee"("kind", "ward_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE INDEX "membership_user_id_idx" ON "membership"("user_id");

-- CreateIndex
CREATE INDEX "membership_committee_id_idx" ON "membership"("committee_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_hash_key" ON "session"("token_hash");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "standard_code_key" ON "standard"("code");

-- CreateIndex
CREATE INDEX "standard_revision_fiscal_year_idx" ON "standard_revision"("fiscal_year");

-- CreateIndex
CREATE UNIQUE INDEX "standard_revision_standard_id_fiscal_year_key" ON "standard_revision"("standard_id", "fiscal_year");

-- CreateIndex
CREATE UNIQUE INDEX "standard_review_fiscal_year_key" ON "standard_review"("fiscal_year");

-- CreateIndex
CREATE INDEX "standard_principle_principle_id_idx" ON "standard_principle"("principle_id");

-- CreateIndex
CREATE UNIQUE INDEX "improvement_policy_ward_id_fiscal_year_key" ON "improvement_policy"("ward_id", "fiscal_year");

-- CreateIndex
CREATE UNIQUE INDEX "improvement_target_carried_over_from_id_key" ON "improvement_target"("carried_over_from_id");

-- CreateIndex
CREATE INDEX "improvement_target_section_id_fiscal_year_idx" ON "improvement_target"("section_id", "fiscal_year");

-- CreateIndex
CREATE INDEX "improvement_target_fiscal_year_state_idx" ON "improvement_target"("fiscal_year", "state");

-- CreateIndex
CREATE INDEX "improvement_target_updated_at_idx" ON "improvement_target"("updated_at");

-- CreateIndex
CREATE INDEX "target_standard_standard_id_idx" ON "target_standard"("standard_id");

-- CreateIndex
CREATE INDEX "target_principle_principle_id_idx" ON "target_principle"("principle_id");

-- CreateIndex
CREATE UNIQUE INDEX "target_revision_target_id_number_key" ON "target_revision"("target_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "target_result_target_id_key" ON "target_result"("target_id");

-- CreateIndex
CREATE INDEX "target_result_achievement_level_idx" ON "target_result"("achievement_level");

-- CreateIndex
CREATE UNIQUE INDEX "review_round_target_id_number_key" ON "review_round"("target_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "review_round_id_reviewer_id_key" ON "review"("round_id", "reviewer_id");

-- CreateIndex
CREATE INDEX "comment_target_id_created_at_idx" ON "comment"("target_id", "created_at");

-- CreateIndex
CREATE INDEX "comment_policy_id_created_at_idx" ON "comment"("policy_id", "created_at");

-- CreateIndex
CREATE INDEX "comment_parent_id_idx" ON "comment"("parent_id");

-- CreateIndex
CREATE INDEX "board_update_board_id_seq_idx" ON "board_update"("board_id", "seq");

-- CreateIndex
CREATE INDEX "board_snapshot_board_id_created_at_idx" ON "board_snapshot"("board_id", "created_at");

-- CreateIndex
CREATE INDEX "public_comment_version_id_submitted_at_idx" ON "public_comment"("version_id", "submitted_at");

-- CreateIndex
CREATE INDEX "audit_record_subject_type_subject_id_created_at_idx" ON "audit_record"("subject_type", "subject_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_record_actor_id_created_at_idx" ON "audit_record"("actor_id", "created_at");

-- AddForeignKey
ALTER TABLE "guideline_version" ADD CONSTRAINT "guideline_version_supersedes_id_fkey" FOREIGN KEY ("supersedes_id") REFERENCES "guideline_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guideline_section" ADD CONSTRAINT "guideline_section_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "guideline_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "principle" ADD CONSTRAINT "principle_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "guideline_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "principle" ADD CONSTRAINT "principle_origin_board_id_fkey" FOREIGN KEY ("origin_board_id") REFERENCES "board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "section" ADD CONSTRAINT "section_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "committee" ADD CONSTRAINT "committee_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "section"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard" ADD CONSTRAINT "standard_origin_ward_id_fkey" FOREIGN KEY ("origin_ward_id") REFERENCES "ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard" ADD CONSTRAINT "standard_origin_target_id_fkey" FOREIGN KEY ("origin_target_id") REFERENCES "improvement_target"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard" ADD CONSTRAINT "standard_origin_proposal_id_fkey" FOREIGN KEY ("origin_proposal_id") REFERENCES "proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_revision" ADD CONSTRAINT "standard_revision_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_revision" ADD CONSTRAINT "standard_revision_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "standard_review"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_review" ADD CONSTRAINT "standard_review_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_review" ADD CONSTRAINT "standard_review_opened_by_id_fkey" FOREIGN KEY ("opened_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_principle" ADD CONSTRAINT "standard_principle_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_principle" ADD CONSTRAINT "standard_principle_principle_id_fkey" FOREIGN KEY ("principle_id") REFERENCES "principle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_policy" ADD CONSTRAINT "improvement_policy_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_policy" ADD CONSTRAINT "improvement_policy_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_target" ADD CONSTRAINT "improvement_target_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "section"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_target" ADD CONSTRAINT "improvement_target_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "improvement_policy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_target" ADD CONSTRAINT "improvement_target_carried_over_from_id_fkey" FOREIGN KEY ("carried_over_from_id") REFERENCES "improvement_target"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_target" ADD CONSTRAINT "improvement_target_origin_board_id_fkey" FOREIGN KEY ("origin_board_id") REFERENCES "board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_target" ADD CONSTRAINT "improvement_target_origin_proposal_id_fkey" FOREIGN KEY ("origin_proposal_id") REFERENCES "proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvement_target" ADD CONSTRAINT "improvement_target_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_standard" ADD CONSTRAINT "target_standard_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "improvement_target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_standard" ADD CONSTRAINT "target_standard_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_principle" ADD CONSTRAINT "target_principle_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "improvement_target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_principle" ADD CONSTRAINT "target_principle_principle_id_fkey" FOREIGN KEY ("principle_id") REFERENCES "principle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_revision" ADD CONSTRAINT "target_revision_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "improvement_target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_revision" ADD CONSTRAINT "target_revision_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_result" ADD CONSTRAINT "target_result_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "improvement_target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_result" ADD CONSTRAINT "target_result_reported_by_id_fkey" FOREIGN KEY ("reported_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_result" ADD CONSTRAINT "target_result_confirmed_by_id_fkey" FOREIGN KEY ("confirmed_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_round" ADD CONSTRAINT "review_round_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "improvement_target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review" ADD CONSTRAINT "review_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "review_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review" ADD CONSTRAINT "review_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "improvement_target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "improvement_policy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_guideline_section_id_fkey" FOREIGN KEY ("guideline_section_id") REFERENCES "guideline_section"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_guideline_version_id_fkey" FOREIGN KEY ("guideline_version_id") REFERENCES "guideline_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_guideline_version_id_fkey" FOREIGN KEY ("guideline_version_id") REFERENCES "guideline_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_origin_board_id_fkey" FOREIGN KEY ("origin_board_id") REFERENCES "board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem" ADD CONSTRAINT "problem_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_problem_id_fkey" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_guideline_version_id_fkey" FOREIGN KEY ("guideline_version_id") REFERENCES "guideline_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_origin_board_id_fkey" FOREIGN KEY ("origin_board_id") REFERENCES "board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem_standard" ADD CONSTRAINT "problem_standard_problem_id_fkey" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem_standard" ADD CONSTRAINT "problem_standard_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem_principle" ADD CONSTRAINT "problem_principle_problem_id_fkey" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem_principle" ADD CONSTRAINT "problem_principle_principle_id_fkey" FOREIGN KEY ("principle_id") REFERENCES "principle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_standard" ADD CONSTRAINT "proposal_standard_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_standard" ADD CONSTRAINT "proposal_standard_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_principle" ADD CONSTRAINT "proposal_principle_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_principle" ADD CONSTRAINT "proposal_principle_principle_id_fkey" FOREIGN KEY ("principle_id") REFERENCES "principle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board" ADD CONSTRAINT "board_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board" ADD CONSTRAINT "board_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board" ADD CONSTRAINT "board_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board" ADD CONSTRAINT "board_facilitator_id_fkey" FOREIGN KEY ("facilitator_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_update" ADD CONSTRAINT "board_update_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_snapshot" ADD CONSTRAINT "board_snapshot_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_snapshot" ADD CONSTRAINT "board_snapshot_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "public_comment" ADD CONSTRAINT "public_comment_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "guideline_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "public_comment" ADD CONSTRAINT "public_comment_ward_id_fkey" FOREIGN KEY ("ward_id") REFERENCES "ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_record" ADD CONSTRAINT "audit_record_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───────────────────────── hand-written: invariants schema.prisma cannot express ─────────────────────────
-- CHECK constraints are invisible to Prisma's schema diff, so they live only here (and in later
-- migrations that change them); `migrate.ts diff` stays empty. Written with num_nonnulls so the
-- rule reads as what it means. Keep the names stable: the api maps violations by constraint name.

-- A membership is scoped to at most one of ward, section, committee; none = a city-wide role.
ALTER TABLE "membership" ADD CONSTRAINT "membership_single_scope_check"
    CHECK (num_nonnulls("ward_id", "section_id", "committee_id") <= 1);

-- A comment has exactly one subject. Replies repeat their root's subject (enforced by the api).
ALTER TABLE "comment" ADD CONSTRAINT "comment_single_subject_check"
    CHECK (num_nonnulls("target_id", "policy_id", "standard_id", "guideline_section_id", "guideline_version_id") = 1);

-- The ward committee belongs to a ward; the directors' meeting and the revision working group
-- are city-wide.
ALTER TABLE "committee" ADD CONSTRAINT "committee_ward_scope_check"
    CHECK (("kind" = 'WARD_COMMITTEE') = ("ward_id" IS NOT NULL));

-- A result moves REPORTED → CONFIRMED → PUBLISHED; each later state carries the time it was
-- reached. (confirmed_by_id may be NULL after the confirming user is deleted: ON DELETE SET NULL.)
ALTER TABLE "target_result" ADD CONSTRAINT "target_result_confirmed_check"
    CHECK ("state" = 'REPORTED' OR "confirmed_at" IS NOT NULL);
ALTER TABLE "target_result" ADD CONSTRAINT "target_result_published_check"
    CHECK ("state" <> 'PUBLISHED' OR "published_at" IS NOT NULL);
-- A late result must say why; an empty reason is no reason.
ALTER TABLE "target_result" ADD CONSTRAINT "target_result_late_reason_check"
    CHECK ("late_reason" IS NULL OR btrim("late_reason") <> '');

-- Periods run forwards.
ALTER TABLE "guideline_version" ADD CONSTRAINT "guideline_version_comment_period_check"
    CHECK ("comment_closes_at" IS NULL OR "comment_opens_at" IS NULL OR "comment_closes_at" > "comment_opens_at");
ALTER TABLE "standard" ADD CONSTRAINT "standard_retirement_check"
    CHECK ("retired_fiscal_year" IS NULL OR "retired_fiscal_year" >= "introduced_fiscal_year");
