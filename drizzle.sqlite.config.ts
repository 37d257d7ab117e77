import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/db/drizzle-schema.ts',
  out: './migrations/sqlite',
});
