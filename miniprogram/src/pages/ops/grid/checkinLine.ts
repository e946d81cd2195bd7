import type { ResidentCheckin } from '@yima/shared';
import type { MessageKey } from '../../../i18n/messages';

/** A resident's check-in as one line: today or not, and how long overdue. */
export function checkinLine(c: ResidentCheckin, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  if (c.lastAt === null) return t('grid.never');
  const today = t(c.today ? 'grid.today.yes' : 'grid.today.no');
  return c.overdue && c.overdueDays ? `${today} · ${t('grid.overdueDays', { days: c.overdueDays })}` : today;
}
