export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  devtools: { enabled: false },
  telemetry: false,
  vue: {
    compilerOptions: {
      // <call-button>, <call-controls>, <call-notification> are custom elements, not Vue components.
      isCustomElement: (tag) => tag.startsWith('call-') || tag === 'aircall-settings',
    },
  },
});
