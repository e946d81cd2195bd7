/** Display colours of code states: dark enough on white for scanners (contrast ≥ 3:1). */
import type { Color } from '@yima/shared';

export const CODE_COLORS: Record<Color, string> = {
  green: '#12833f',
  yellow: '#b87500',
  red: '#c8102e',
  grey: '#6b7280',
};

/** The demo city's districts (GB/T 2260), offered as the check-in address district. */
export const DISTRICTS = [
  { code: '110101', zh: '东城区', en: 'Dongcheng' },
  { code: '110102', zh: '西城区', en: 'Xicheng' },
  { code: '110105', zh: '朝阳区', en: 'Chaoyang' },
  { code: '110106', zh: '丰台区', en: 'Fengtai' },
  { code: '110108', zh: '海淀区', en: 'Haidian' },
];
