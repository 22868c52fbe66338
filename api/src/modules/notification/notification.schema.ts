// The notification module's GraphQL types and operations (yearly-cycle issue).
export {};
