// The live documents of the problem and proposal pages, as constants: every document the
// browser sends is listed in the trusted-documents allow-list (lib/server/documents.ts).
export const LIVE_RECORD_CHANGED = {
  problem: /* GraphQL */ `
    subscription ProblemChanged {
      problemChanged {
        change
        problem {
          id
        }
      }
    }
  `,
  proposal: /* GraphQL */ `
    subscription ProposalChanged {
      proposalChanged {
        change
        proposal {
          id
        }
      }
    }
  `,
} as const;
