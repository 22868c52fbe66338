-- CreateTable
CREATE TABLE "board_vote" (
    "id" UUID NOT NULL,
    "board_id" UUID NOT NULL,
    "vote_id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "note_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "board_vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "board_private_document" (
    "board_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "document" BYTEA NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "board_private_document_pkey" PRIMARY KEY ("board_id","user_id")
);

-- CreateIndex
CREATE INDEX "board_vote_board_id_vote_id_user_id_idx" ON "board_vote"("board_id", "vote_id", "user_id");

-- AddForeignKey
ALTER TABLE "board_vote" ADD CONSTRAINT "board_vote_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_vote" ADD CONSTRAINT "board_vote_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_private_document" ADD CONSTRAINT "board_private_document_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_private_document" ADD CONSTRAINT "board_private_document_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
