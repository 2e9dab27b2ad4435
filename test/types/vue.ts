// Vue: the README's "Vue" snippets (imports point at src/ instead of the package). The .vue template
// itself needs vue-tsc and the Vite config needs @vitejs/plugin-vue, neither installed here; this
// checks the same script logic, the runtime-compiler option and a render-function equivalent.
import { createApp, defineComponent, h, ref } from 'vue';
import '../../src/elements/call-button/define.js';
import type { CallButton, CallEndEvent, CallErrorEvent, CallRecord } from '../../src/index.js';

// With templates compiled in the browser (Vue's full build):
export function mountInBrowser(selector: string) {
  const app = createApp({ template: '<call-button number="+33123456789" display-name="Jean Dupont"></call-button>' });
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('call-') || tag === 'aircall-settings';
  return app.mount(selector);
}

/** The SFC's script logic, with the template written as a render function. */
export const LeadCall = defineComponent({
  props: {
    phone: { type: String, required: true },
    name: { type: String, default: '' },
  },
  setup(props) {
    const button = ref<CallButton | null>(null);
    const lastCall = ref<CallRecord>();
    const onCallEnd = (event: CallEndEvent) => {
      lastCall.value = event.detail;
    };
    const onCallError = (event: CallErrorEvent) => console.warn(event.detail.code, event.detail.message);
    const hangUp = () => button.value?.hangup();
    return () => [
      h('call-button', { ref: button, number: props.phone, displayName: props.name, onCallEnd, onCallError }),
      h('button', { type: 'button', onClick: hangUp }, 'Hang up'),
      lastCall.value && h('p', `Last call: ${lastCall.value.status}, ${lastCall.value.durationSec} s`),
    ];
  },
});

// @ts-expect-error call-end's detail is a CallRecord: it has no `code`
export const wrongHandler = (event: CallEndEvent) => event.detail.code;
