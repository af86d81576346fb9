import type { TestProject } from 'vitest/node';
import { startTestServices, TEST_SERVICE_VARIABLES } from './services';

declare module 'vitest' {
  export interface ProvidedContext {
    serviceEnv: Record<string, string>;
  }
}

// `npm test` starts the services once and passes them down in the environment; a bare
// `npx vitest --project integration` starts its own.
export default async function setup(project: TestProject) {
  if (process.env.TEST_SERVICES === 'ready') {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key, value]) => value !== undefined && /^(DATABASE_URL|NEXTAUTH_SECRET|SANDBOX_URL|SPARADOS_)/.test(key)),
    ) as Record<string, string>;
    for (const name of TEST_SERVICE_VARIABLES) if (!env[name]) throw new Error(`TEST_SERVICES=ready but ${name} is missing`);
    project.provide('serviceEnv', env);
    return;
  }
  const services = await startTestServices();
  project.provide('serviceEnv', services.env);
  return () => services.stop();
}
