import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { RESIDENT_FILTERS, type GridResident } from '@yima/shared';
import { Chips } from '../../../components/Chips';
import { ColorChip } from '../../../components/ColorChip';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { errorText } from '../../../i18n';
import type { MessageKey } from '../../../i18n/messages';
import { usePrefs } from '../../../prefs';
import { gridResidentPage } from '../../../routes';
import { fetchResidents, fetchWorkerGrids, type GridView, type ResidentFilter } from '../../../services/grids';
import { ApiError } from '../../../services/request';
import { checkinLine } from './checkinLine';

/**
 * The community worker's dashboard (网格员工作台, SPEC C8): the residents of the grids they work
 * for — masked name, community, colour, today's check-in, days overdue — narrowed to those
 * overdue, yellow or red, or with a conversion request waiting; a tap opens one resident (a view their history records). In the ops
 * subpackage: residents never download it. Reached from home only by workers.
 */
export default function GridPage() {
  const { t, locale, pageClass } = usePrefs();
  const [grids, setGrids] = useState<GridView[] | null>(null);
  const [grid, setGrid] = useState<string | null>(null);
  const [filter, setFilter] = useState<ResidentFilter | null>(null);
  const [residents, setResidents] = useState<GridResident[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fail = (err: unknown) => setError(errorText(locale, err instanceof ApiError ? err.code : 'default'));

  /** The first page for a grid and filter, or the next one (`more`). */
  async function load(code: string, f: ResidentFilter | null, more: string | null) {
    setBusy(true);
    try {
      const page = await fetchResidents(code, { filter: f, cursor: more });
      setResidents((shown) => (more && shown ? [...shown, ...page.residents] : page.residents));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  useDidShow(() => {
    fetchWorkerGrids().then((list) => {
      setGrids(list);
      const chosen = grid && list.some((g) => g.code === grid) ? grid : (list[0]?.code ?? null);
      setGrid(chosen);
      if (chosen) void load(chosen, filter, null);
    }, fail);
  });

  const choose = (code: string, f: ResidentFilter | null) => {
    setGrid(code);
    setFilter(f);
    setResidents(null);
    void load(code, f, null);
  };

  const filterOptions = [
    { value: 'all', label: t('grid.filter.all') },
    ...RESIDENT_FILTERS.map((f) => ({ value: f, label: t(`grid.filter.${f}` as MessageKey) })),
  ];

  return (
    <View className={pageClass}>
      <PageHeader title={t('grid.title')} subtitle={t('grid.subtitle')} />
      <Message error={error} />
      {grids === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : grids.length === 0 ? (
        <Text id='grid-none' className='hint'>
          {t('grid.noGrids')}
        </Text>
      ) : (
        <View className='card'>
          {grids.length > 1 ? (
            <>
              <Text className='field__label'>{t('grid.choose')}</Text>
              <Chips
                id='grid'
                options={grids.map((g) => ({ value: g.code, label: g.name }))}
                selected={grid ? [grid] : []}
                onToggle={(v) => choose(v, filter)}
              />
            </>
          ) : (
            <Text id='grid-name' className='grid__name'>
              {grids[0].name}
            </Text>
          )}
          <Chips
            id='filter'
            options={filterOptions}
            selected={[filter ?? 'all']}
            onToggle={(v) => grid && choose(grid, v === 'all' ? null : (v as ResidentFilter))}
          />
        </View>
      )}
      {residents === null ? null : residents.length === 0 ? (
        <Text id='residents-empty' className='hint'>
          {t('grid.empty')}
        </Text>
      ) : (
        <View id='residents' className='residents'>
          {residents.map((r) => (
            <View
              key={r.personId}
              className='card resident-item'
              data-person-id={r.personId}
              data-color={r.color}
              onClick={() => grid && void Taro.navigateTo({ url: gridResidentPage(grid, r.personId) })}
            >
              <View className='dependent-item__head'>
                <Text className='dependent-item__name resident-name'>{r.name}</Text>
                <Text className='dependent-item__relation resident-grid'>{r.grid.name ?? r.grid.code}</Text>
                <ColorChip color={r.color} className='resident-color' />
              </View>
              <Text className='dependent-item__note resident-checkin'>{checkinLine(r.checkin, t)}</Text>
              {r.pendingConversion ? <Text className='dependent-item__note resident-pending'>{t('grid.pending')}</Text> : null}
            </View>
          ))}
        </View>
      )}
      {cursor && grid ? (
        <Button id='residents-more' className='secondary' loading={busy || undefined} disabled={busy} onClick={() => void load(grid, filter, cursor)}>
          {t('grid.more')}
        </Button>
      ) : null}
    </View>
  );
}
