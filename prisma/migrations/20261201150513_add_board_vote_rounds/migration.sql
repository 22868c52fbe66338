-- CreateTable
CREATE TABLE "board_vote_round" (
    "id" TEXT NOT NULL,
    "board_id" UUID NOT NULL,
    "votes_per_person" INTEGER NOT NULL,
    "results" JSONB,
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "board_vote_round_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "board_vote_round_board_id_opened_at_idx" ON "board_vote_round"("board_id", "opened_at");

-- AddForeignKey
ALTER TABLE "board_vote_round" ADD CONSTRAINT "board_vote_round_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE CASCADE;
