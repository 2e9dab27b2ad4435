// Vue's esm-bundler build expects its bundler to define these; without a bundler, define them before Vue loads
// (this module is imported first) so that the test output is not filled with its warning.
Object.assign(globalThis, { __VUE_OPTIONS_API__: true, __VUE_PROD_DEVTOOLS__: false, __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false });
