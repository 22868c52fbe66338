/**
 * The CHECK constraint a failed Prisma write violated, if that is why it failed. Prisma has no
 * error code of its own for check violations (they arrive as P2039 with the driver's error
 * attached), and the hand-written constraints in the migrations are part of the domain rules:
 * the api turns them into user-facing errors by name.
 */
export function violatedCheckConstraint(error: unknown): string | undefined {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { code?: unknown; message?: unknown } } } } | null)
    ?.meta?.driverAdapterError?.cause;
  if (cause?.code !== '23514' || typeof cause.message !== 'string') return undefined;
  return /check constraint "([^"]+)"/.exec(cause.message)?.[1];
}
