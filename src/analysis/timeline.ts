import { dayNumber, dayString } from '../domain/index.js';

/**
 * A number's timeline (docs/definitions.md): active days are the distinct UTC days of the emails that
 * mention it; lifespan = last − first + 1; a run is a stretch of consecutive active days; a cool-down is a
 * gap of ≥ 1 inactive day between two active days. Pure: the analysis streams counts out of Neo4j and calls this.
 */

export interface DayCount {
  /** YYYY-MM-DD */
  day: string;
  emails: number;
}

export interface Timeline {
  firstSeen: string | null;
  lastSeen: string | null;
  activeDays: number;
  /** Active days, ascending. */
  days: string[];
  /** Emails on each of `days` (same order). */
  dayEmails: number[];
  lifespan: number | null;
  longestRun: number;
  coolDowns: number;
  /** Longest gap in inactive days between two active days; 0 when there is none. */
  maxGap: number;
  /** All emails, dated or not. */
  emailCount: number;
  peakDay: string | null;
  peakDayEmails: number;
}

/**
 * `counts` may repeat a day (they are summed) and come in any order; `undatedEmails` are emails without a
 * day, which count towards emailCount only.
 */
export function numberTimeline(counts: readonly DayCount[], undatedEmails = 0): Timeline {
  const perDay = new Map<number, number>();
  let emailCount = undatedEmails;
  for (const { day, emails } of counts) {
    if (emails <= 0) continue;
    const n = dayNumber(day);
    perDay.set(n, (perDay.get(n) ?? 0) + emails);
    emailCount += emails;
  }
  const sorted = [...perDay.keys()].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return { firstSeen: null, lastSeen: null, activeDays: 0, days: [], dayEmails: [], lifespan: null, longestRun: 0, coolDowns: 0, maxGap: 0, emailCount, peakDay: null, peakDayEmails: 0 };
  }
  let longestRun = 1;
  let run = 1;
  let coolDowns = 0;
  let maxGap = 0;
  for (let i = 1; i < sorted.length; i += 1) {
    const gap = (sorted[i] as number) - (sorted[i - 1] as number) - 1;
    if (gap === 0) {
      run += 1;
      longestRun = Math.max(longestRun, run);
    } else {
      run = 1;
      coolDowns += 1;
      maxGap = Math.max(maxGap, gap);
    }
  }
  // Peak: the day with most emails; ties go to the earliest day so that results are stable.
  let peak = sorted[0] as number;
  for (const day of sorted) if ((perDay.get(day) ?? 0) > (perDay.get(peak) ?? 0)) peak = day;
  const first = sorted[0] as number;
  const last = sorted[sorted.length - 1] as number;
  return {
    firstSeen: dayString(first),
    lastSeen: dayString(last),
    activeDays: sorted.length,
    days: sorted.map(dayString),
    dayEmails: sorted.map((day) => perDay.get(day) ?? 0),
    lifespan: last - first + 1,
    longestRun,
    coolDowns,
    maxGap,
    emailCount,
    peakDay: dayString(peak),
    peakDayEmails: perDay.get(peak) ?? 0,
  };
}
