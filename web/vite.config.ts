import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In `vite dev` the browser talks to Vite, so /graphql (queries over HTTP, subscriptions over
// WebSocket) is proxied to the API. In production the API serves this app itself: one origin.
const apiOrigin = new URL(process.env.SHISHIN_API_URL ?? 'http://127.0.0.1:4000/graphql').origin;

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/graphql': { target: apiOrigin, ws: true },
    },
  },
});
