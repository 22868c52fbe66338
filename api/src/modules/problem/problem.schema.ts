// The problem module's GraphQL types and operations (yearly-cycle issue).
export {};
