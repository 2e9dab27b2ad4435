export { createDemoProvider, DEMO_OUTCOMES } from './demo-provider.js';
export type { DemoOutcome, DemoProviderOptions } from './demo-provider.js';
