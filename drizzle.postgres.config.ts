import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './sync-server/src/db/drizzle-schema.ts',
  out: './migrations/postgres',
});
