/** Calendar days as integers (days since 1970-01-01, UTC), so that gaps and runs are plain arithmetic. */

const msPerDay = 86_400_000;

/** 'YYYY-MM-DD' → day number. Throws on anything else: callers pass dates that came out of the graph. */
export function dayNumber(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / msPerDay;
}

export function dayString(dayNo: number): string {
  return new Date(dayNo * msPerDay).toISOString().slice(0, 10);
}
