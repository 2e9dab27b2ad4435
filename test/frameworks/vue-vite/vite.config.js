import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      template: {
        compilerOptions: {
          // <call-button>, <call-controls>, <call-notification> are custom elements, not Vue components.
          isCustomElement: (tag) => tag.startsWith('call-') || tag === 'aircall-settings',
        },
      },
    }),
  ],
});
