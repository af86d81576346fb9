import { describe, expect, it } from 'vitest';
import { seedRefusal, type SeedTarget } from './seed-guard';

const local: SeedTarget = {
  nodeEnv: 'development',
  databaseUrl: 'postgresql://panel@127.0.0.1:54321/panel_dev',
  serverAddress: '127.0.0.1',
  allowProduction: false,
};

describe('seedRefusal', () => {
  it('allows a local development database', () => {
    expect(seedRefusal(local)).toBeNull();
    expect(seedRefusal({ ...local, databaseUrl: 'postgres://u@localhost/db', serverAddress: '::1' })).toBeNull();
    expect(seedRefusal({ ...local, databaseUrl: 'postgresql://u@[::1]:5432/db' })).toBeNull();
    expect(seedRefusal({ ...local, databaseUrl: undefined, serverAddress: null })).toBeNull();
  });

  it('refuses production and remote hosts', () => {
    expect(seedRefusal({ ...local, nodeEnv: 'production' })).toMatch(/NODE_ENV=production/);
    expect(seedRefusal({ ...local, databaseUrl: 'postgresql://u@db.internal:5432/panel' })).toMatch(/db\.internal/);
    expect(seedRefusal({ ...local, databaseUrl: 'not a url' })).toMatch(/unreadable/);
  });

  it('refuses when the connection lands on another machine whatever the URL says', () => {
    expect(seedRefusal({ ...local, serverAddress: '10.0.3.7' })).toMatch(/10\.0\.3\.7/);
  });

  it('lets an explicit override through', () => {
    expect(seedRefusal({ ...local, nodeEnv: 'production', serverAddress: '10.0.3.7', allowProduction: true })).toBeNull();
  });
});
