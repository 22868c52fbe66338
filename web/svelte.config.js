import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Svelte 5 runes only: legacy reactive syntax is a compile error, not a fallback.
    runes: true,
  },
  kit: {
    // The API process mounts build/handler.js for every path except /graphql and /healthz.
    adapter: adapter({ out: 'build', precompress: false }),
    // Nothing is fetched from outside: scripts, styles, fonts and images all come from us.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // SvelteKit's route announcer (a visually hidden live region) is the one inline style
        // attribute; allow exactly it. The browser tests fail on any CSP violation, so a Kit
        // upgrade that changes it shows up there.
        'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        // data: for the fonts GraphiQL's bundled stylesheet embeds (Roboto, Fira Code) on
        // /developers/graphiql. A data: font can only come from a stylesheet this app serves
        // itself (style-src 'self'), so nothing is loaded from outside.
        'font-src': ['self', 'data:'],
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'object-src': ['none'],
      },
    },
  },
};

export default config;
