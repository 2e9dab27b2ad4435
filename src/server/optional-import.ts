import { CallServerOptionsError } from './errors.js';

/**
 * Loads a package that only some deployments need (`pg`, `@electric-sql/pglite`, `twilio` are
 * optional peer dependencies), saying which one to install when it is missing.
 */
export async function importOptional<Module>(name: string, usedFor: string): Promise<Module> {
  try {
    return (await import(name)) as Module;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new CallServerOptionsError([`${usedFor} needs the "${name}" package: npm install ${name}`]);
    }
    throw error;
  }
}
