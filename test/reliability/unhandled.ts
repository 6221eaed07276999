// Counts the promise rejections nobody handled and the exceptions nobody caught while a suite runs
// in the extension host. VS Code keeps its own handlers (it logs them); this only listens.

export interface UnhandledWatch {
  readonly rejections: readonly string[];
  readonly exceptions: readonly string[];
  stop(): void;
}

export function watchUnhandled(): UnhandledWatch {
  const rejections: string[] = [];
  const exceptions: string[] = [];
  const onRejection = (reason: unknown) => rejections.push(describe(reason));
  const onException = (error: unknown) => exceptions.push(describe(error));
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtExceptionMonitor', onException);
  return {
    rejections,
    exceptions,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtExceptionMonitor', onException);
    },
  };
}

function describe(value: unknown): string {
  if (value instanceof Error) return (value.stack ?? `${value.name}: ${value.message}`).split('\n').slice(0, 4).join(' | ');
  return String(value);
}
