// The public-comment module's GraphQL types and operations (yearly-cycle issue).
export {};
