import { inject } from 'vitest';

// Runs in every integration worker before the test file is imported: point lib/env at the test services.
Object.assign(process.env, inject('serviceEnv'));
