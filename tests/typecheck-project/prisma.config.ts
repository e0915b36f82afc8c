// Generation only: no datasource URL is needed to generate the client, and the
// type check never connects to a database.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
});
