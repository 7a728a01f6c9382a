import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  // Lets <script lang="ts"> use non-type-only TS syntax (enums, etc.) in .svelte files.
  preprocess: vitePreprocess(),
};
