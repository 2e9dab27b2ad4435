import { posix } from 'node:path';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { frameworkTypesPlugin } from './scripts/framework-types.mjs';

/**
 * `npm run analyze` writes custom-elements.json from the JSDoc of the element classes, then from it
 * the editors' metadata (vscode.html-custom-data.json, vscode.css-custom-data.json, web-types.json)
 * and the framework typings (src/frameworks/*.ts, compiled to call-elements/jsx, /vue, /svelte).
 * Globs are explicit: without them the analyzer crawls node_modules for minutes.
 */

/** The elements a page author writes. `<call-aircall-workspace>` is created by the Aircall provider itself. */
const INTERNAL_ELEMENTS = ['AircallWorkspaceElement'];

/**
 * `src/a/b.ts` (and the analyzer's `/src/a/b.js` for superclasses) → `dist/a/b.js`: the manifest
 * describes the files of the package, not the sources.
 */
const shipped = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.d.ts', 'src/**/*.test.ts', 'src/frameworks/**'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [
    {
      // Registration goes through the guarded helper `defineElement(tag, Class)` (src/internal/define.ts),
      // whose own `customElements.define(tagName, constructor)` the analyzer would list as a definition
      // of a tag named "tagName". Each call with a literal tag (or a const holding one) becomes the
      // definition, in the module that makes it; the helper's generic call is dropped.
      name: 'define-element-calls',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isSourceFile(node)) return;
        const constants = new Map();
        const calls = [];
        const visit = (child) => {
          if (ts.isVariableDeclaration(child) && ts.isIdentifier(child.name) && child.initializer && ts.isStringLiteralLike(child.initializer)) {
            constants.set(child.name.text, child.initializer.text);
          }
          if (ts.isCallExpression(child) && ts.isIdentifier(child.expression) && child.expression.text === 'defineElement') {
            const [tag, element] = child.arguments;
            if (tag && element && ts.isIdentifier(element)) calls.push({ tag, className: element.text });
          }
          ts.forEachChild(child, visit);
        };
        visit(node);
        for (const { tag, className } of calls) {
          const tagName = ts.isStringLiteralLike(tag) ? tag.text : ts.isIdentifier(tag) ? constants.get(tag.text) : undefined;
          if (!tagName) continue;
          moduleDoc.exports ??= [];
          moduleDoc.exports.push({ kind: 'custom-element-definition', name: tagName, declaration: { name: className, module: moduleDoc.path } });
        }
      },
      packageLinkPhase({ customElementsManifest }) {
        const classModule = new Map();
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) if (declaration.kind === 'class') classModule.set(declaration.name, mod.path);
        }
        for (const mod of customElementsManifest.modules) {
          mod.exports = (mod.exports ?? []).filter((entry) => {
            if (entry.kind !== 'custom-element-definition') return true;
            const module = classModule.get(entry.declaration.name);
            if (!module) return false;
            entry.declaration.module = module;
            return true;
          });
        }
      },
    },
    {
      // The elements declare their reactive properties in `static properties` (no decorators: no helper
      // code in every bundle). The analyzer then marks those fields "public" (a decorated field has no
      // privacy) and gives an attribute even to internal state (`{ state: true }`), which has none.
      name: 'static-properties',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const declared = node.members.find(
          (member) =>
            ts.isPropertyDeclaration(member) &&
            member.name?.getText() === 'properties' &&
            member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword),
        );
        if (!declared?.initializer || !ts.isObjectLiteralExpression(declared.initializer)) return;
        const internal = declared.initializer.properties
          .filter((entry) => ts.isPropertyAssignment(entry) && ts.isObjectLiteralExpression(entry.initializer))
          .filter((entry) => entry.initializer.properties.some((option) => option.name?.getText() === 'state' && option.initializer?.kind === ts.SyntaxKind.TrueKeyword))
          .map((entry) => entry.name.getText());
        const declaration = moduleDoc.declarations?.find((candidate) => candidate.name === node.name.text);
        if (declaration) declaration.internalState = internal;
      },
      packageLinkPhase({ customElementsManifest }) {
        const declarations = customElementsManifest.modules.flatMap((mod) => mod.declarations ?? []);
        // Internal state is inherited too (<call-controls> gets the dial pad's state from its base class).
        const internalOf = new Map(declarations.map((declaration) => [declaration.name, new Set(declaration.internalState ?? [])]));
        const isInternal = (owner, entry) => !!internalOf.get(entry.inheritedFrom?.name ?? owner)?.has(entry.fieldName ?? entry.name);
        for (const declaration of declarations) {
          delete declaration.internalState;
          for (const member of declaration.members ?? []) {
            if (member.kind === 'field' && member.privacy === 'public') delete member.privacy;
            if (isInternal(declaration.name, member)) delete member.attribute;
          }
          if (!declaration.attributes) continue;
          declaration.attributes = declaration.attributes.filter((attribute) => !isInternal(declaration.name, attribute));
          if (!declaration.attributes.length) delete declaration.attributes;
        }
      },
    },
    {
      // `state` and `unavailable` of <call-button> are getters over private reactive fields (so that
      // they are read-only in the types); their attributes belong to the public, read-only property.
      name: 'attributes-of-read-only-properties',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            const members = declaration.members ?? [];
            for (const attribute of declaration.attributes ?? []) {
              const field = members.find((member) => member.name === attribute.fieldName);
              if (field?.privacy !== 'private') continue;
              const camel = attribute.name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
              const property = members.find((member) => member.name === camel && member.readonly && !member.privacy);
              if (property) {
                attribute.fieldName = property.name;
                property.type ??= field.type;
                property.attribute = attribute.name;
                property.reflects = field.reflects;
              }
            }
          }
        }
      },
    },
    {
      // The package ships dist/*.js (and .d.ts), not src/*.ts: every module path and every reference to
      // a module points at the shipped file.
      name: 'shipped-paths',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          // Re-exports name their module as written in the source (`./config.js`): relative to the module.
          const resolved = (module) => shipped(module.startsWith('.') ? posix.join(posix.dirname(mod.path), module) : module);
          const visit = (value) => {
            if (Array.isArray(value)) value.forEach(visit);
            else if (value && typeof value === 'object') {
              for (const [key, child] of Object.entries(value)) {
                if (key === 'module' && typeof child === 'string') value[key] = resolved(child);
                else visit(child);
              }
            }
          };
          visit(mod);
          mod.path = shipped(mod.path);
        }
      },
    },
    {
      // The analyzer reads files in parallel, so module order varies between runs; CI compares the
      // committed file with a fresh one, so the order must be stable.
      name: 'stable-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
    customElementVsCodePlugin({
      outdir: '.',
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      exclude: INTERNAL_ELEMENTS,
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({
      outdir: '.',
      webTypesFileName: 'web-types.json',
      exclude: INTERNAL_ELEMENTS,
      packageJson: false,
      hideLogs: true,
    }),
    frameworkTypesPlugin({ exclude: INTERNAL_ELEMENTS }),
  ],
};
