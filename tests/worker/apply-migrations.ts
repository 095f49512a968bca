// Each test file gets its own isolated D1; this brings it to the package's schema first.
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
