// Stand-in for `@/lib/db` in skills that use the database without defining
// the client themselves. The `prisma` skill defines the real file; this stub
// has the same export so the two never disagree about its shape.
import type { PrismaClient } from "../generated/prisma/client";

export declare const db: PrismaClient;
