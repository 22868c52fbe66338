// The live state of a comment thread in the browser: starts from what the page loaded and
// takes in commentEvents as they come, so comments of others appear while one reads.
// Reactive (runes) so CommentThread.svelte re-renders on every change.
import { invalidateAll } from '$app/navigation';
import { subscribe } from '$lib/live/client';

export interface LiveComment {
  id: string;
  body: string;
  quote: string | null;
  isDeleted: boolean;
  createdAt: string;
  editedAt: string | null;
  resolvedAt: string | null;
  author: { id: string; displayName: string } | null;
  resolvedBy: { displayName: string } | null;
  parent: { id: string } | null;
  viewerCanEdit: boolean;
  viewerCanResolve: boolean;
}

export interface LiveThread extends LiveComment {
  replies: LiveComment[];
}

export type CommentChange = 'ADDED' | 'EDITED' | 'RESOLVED' | 'REOPENED' | 'DELETED';

export class CommentThreadState {
  threads: LiveThread[] = $state([]);
  /** The last thing announced in the polite live region. */
  announcement = $state('');

  constructor(initial: LiveThread[]) {
    this.threads = initial;
  }

  /** The page re-loaded (after one's own action): take the server's view. */
  replace(threads: LiveThread[]): void {
    this.threads = threads;
  }

  apply(change: CommentChange, comment: LiveComment): void {
    const parentId = comment.parent?.id ?? null;
    if (parentId === null) {
      const index = this.threads.findIndex((t) => t.id === comment.id);
      if (index === -1) {
        if (change === 'ADDED') this.threads = [...this.threads, { ...comment, replies: [] }];
        return;
      }
      const current = this.threads[index]!;
      this.threads[index] = { ...comment, replies: current.replies };
      return;
    }
    const thread = this.threads.find((t) => t.id === parentId);
    if (!thread) return;
    const index = thread.replies.findIndex((r) => r.id === comment.id);
    if (index === -1) {
      if (change === 'ADDED') thread.replies = [...thread.replies, comment];
    } else {
      thread.replies[index] = comment;
    }
  }

  /**
   * Listens to commentEvents(subjectId); `announce` words what happened for the live region
   * (only others' doings: one's own action is announced by its form). Returns the stop function.
   */
  listen(
    query: string,
    subjectId: string,
    viewerId: string | null,
    announce: (change: CommentChange, comment: LiveComment) => string,
  ): () => void {
    return subscribe<{ commentEvents: { change: CommentChange; comment: LiveComment } }>(
      query,
      { subjectId },
      {
        next: ({ commentEvents }) => {
          this.apply(commentEvents.change, commentEvents.comment);
          if (commentEvents.comment.author?.id !== viewerId) {
            this.announcement = announce(commentEvents.change, commentEvents.comment);
          }
        },
        // Back after a dropped connection: the page re-reads the thread (and hands it to replace).
        missed: (changes) => {
          if (changes && !changes.some((c) => c.topic === 'COMMENT_CHANGED')) return;
          void invalidateAll();
        },
      },
    );
  }
}
