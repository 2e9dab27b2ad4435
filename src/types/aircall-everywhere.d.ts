// aircall-everywhere ships no types. The surface this library uses is declared in
// src/providers/aircall/sdk-types.ts (which the shipped .d.ts files refer to); the module itself is
// only ever loaded with import() and checked at run time, so its export is `unknown` here.
declare module 'aircall-everywhere' {
  const AircallWorkspace: unknown;
  export default AircallWorkspace;
}
