import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// dist/widget.js: one self-contained IIFE that a single <script> tag embeds.
// Only src/features/widget (and the shared services/api it uses) goes in it.
export default defineConfig({
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: 'src/features/widget/embed.tsx',
      name: 'LivedeskWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
