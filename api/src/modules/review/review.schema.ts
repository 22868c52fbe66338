// The review module's GraphQL types and operations (yearly-cycle issue).
export {};
