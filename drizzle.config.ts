import { defineConfig } from 'drizzle-kit'

// `npm run db:generate -- --name <what>` writes the next migration from src/store/schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema/index.ts',
  out: './src/store/migrations',
  casing: 'snake_case',
  migrations: { prefix: 'timestamp' },
})
