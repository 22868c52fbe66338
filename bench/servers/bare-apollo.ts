// The baseline: Apollo Server 5's own standalone hello-world, nothing else.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const server = new ApolloServer({
  typeDefs: `type Viewer { id: ID! } type Query { hello: String! viewer: Viewer }`,
  resolvers: { Query: { hello: () => 'world', viewer: () => null } },
});
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
console.log(JSON.stringify({ ready: url.replace(/\/$/, '') }));
