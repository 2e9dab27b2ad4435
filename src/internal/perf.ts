/** Runs an async loader between two performance marks and records a measure named `name`. */
export async function measured<T>(name: string, load: () => Promise<T>): Promise<T> {
  const start = `${name}:start`;
  performance.mark(start);
  try {
    return await load();
  } finally {
    performance.mark(`${name}:end`);
    performance.measure(name, start, `${name}:end`);
  }
}
