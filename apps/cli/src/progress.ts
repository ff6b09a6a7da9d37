// A progress line on stderr, only for runs that take over a second and only on a terminal.
export interface Progress {
  update(filesSeen: number): void;
  stop(): void;
}

export function startProgress(stream: NodeJS.WriteStream, enabled: boolean, delayMs = 1000): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const startedAt = Date.now();
  let files = 0;
  let shown = false;
  const interval = setInterval(() => {
    if (Date.now() - startedAt < delayMs) return;
    shown = true;
    stream.write(`\rlearnloop: reviewing… ${files} files`);
  }, 200);
  interval.unref();
  return {
    update(n) {
      files = n;
    },
    stop() {
      clearInterval(interval);
      if (shown) stream.write("\r\x1b[2K");
    },
  };
}
