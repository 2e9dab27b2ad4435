export { createDemoProvider, DEMO_OUTCOMES } from './demo-provider.js';
export type { DemoOutcome, DemoProvider, DemoProviderOptions } from './demo-provider.js';
