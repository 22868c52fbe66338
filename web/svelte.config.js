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
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
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
