import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { PAGE_GRANTABLE_ROLES, type PageGrantableRole, type Role } from '@yima/shared';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { confirmAction } from '../../../confirm';
import { formatChinaDateTime } from '../../../format';
import type { MessageKey } from '../../../i18n/messages';
import { usePageMessages } from '../../../components/usePageMessages';
import { usePrefs } from '../../../prefs';
import { fetchGrants, grantRole, revokeRole, type GrantView } from '../../../services/ops';

/** A grant's element id: stable across loads (an operator's scope is empty: "city"). */
const grantId = (g: Pick<GrantView, 'userId' | 'role' | 'scope'>) => `grant-${g.userId}-${g.role}-${g.scope || 'city'}`;

/**
 * Role grants for admins (issue 12; docs/decisions/0023-operator-pages.md): every grant with the
 * account's phone masked, a form granting a role for a scope to the account of a phone, and
 * revoking. Admin itself is granted only on the command line: the page offers it nowhere and
 * shows admin grants without a revoke. Every change is logged by the BFF. In the ops subpackage.
 */
export default function GrantsPage() {
  const { t, pageClass } = usePrefs();
  const [grants, setGrants] = useState<GrantView[] | null>(null);
  const [find, setFind] = useState('');
  const [form, setForm] = useState({ phone: '', role: 'operator' as PageGrantableRole, scope: '' });
  const [busy, setBusy] = useState(false);
  const { error, notice, fail, say } = usePageMessages();

  const load = (phone: string) => fetchGrants(phone.trim() || null).then(setGrants, fail);
  useDidShow(() => void load(find));
  const roleText = (role: Role) => t(`role.${role}` as MessageKey);

  async function grant() {
    setBusy(true);
    try {
      const { created } = await grantRole({ phone: form.phone.trim(), role: form.role, scope: form.role === 'operator' ? '' : form.scope.trim() });
      say(created ? t('grants.granted') : t('grants.alreadyHeld'));
      setForm({ ...form, phone: '', scope: '' });
      await load(find);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(g: GrantView) {
    if (
      !(await confirmAction(
        t('grants.revokeTitle'),
        t('grants.revokeConfirm', { phone: g.phone, role: roleText(g.role) }),
        t('grants.revoke'),
        t('ops.cancel'),
      ))
    )
      return;
    try {
      await revokeRole({ userId: g.userId, role: g.role, scope: g.scope });
      say(t('grants.revoked'));
      await load(find);
    } catch (err) {
      fail(err);
    }
  }

  return (
    <View className={`${pageClass} ops-page`}>
      <PageHeader title={t('grants.title')} subtitle={t('grants.subtitle')} />
      <Message error={error} notice={notice} />
      <View className='card' id='grant-new'>
        <Text className='section-title'>{t('grants.new')}</Text>
        <Field id='grant-phone' label={t('grants.phone')} type='number' maxlength={11} value={form.phone} onChange={(phone) => setForm({ ...form, phone })} />
        <Text className='field__label'>{t('grants.role')}</Text>
        <Chips
          id='grant-role'
          options={PAGE_GRANTABLE_ROLES.map((role) => ({ value: role, label: roleText(role) }))}
          selected={[form.role]}
          onToggle={(role) => setForm({ ...form, role: role as PageGrantableRole })}
        />
        {form.role === 'operator' ? (
          <Text className='hint'>{t('grants.scope.operator')}</Text>
        ) : (
          <Field
            id='grant-scope'
            label={t('grants.scope')}
            placeholder={t(`grants.scope.${form.role}` as MessageKey)}
            maxlength={64}
            value={form.scope}
            onChange={(scope) => setForm({ ...form, scope })}
          />
        )}
        <Button id='grant-submit' className='primary' loading={busy} onClick={() => void grant()}>
          {t('grants.submit')}
        </Button>
      </View>

      <View className='card' id='grant-list'>
        <Text className='section-title'>{t('grants.list')}</Text>
        <Field
          id='grants-find'
          label={t('grants.find')}
          type='number'
          maxlength={11}
          value={find}
          onChange={setFind}
          extra={
            <Text id='grants-find-go' className='link-button' onClick={() => void load(find)}>
              {t('grants.findGo')}
            </Text>
          }
        />
        {grants && !grants.length ? <Text className='hint'>{t('ops.empty')}</Text> : null}
        {grants?.map((g) => (
          <View key={grantId(g)} id={grantId(g)} className='ops-item' data-role={g.role}>
            <Text className='ops-item__title'>
              {g.phone}
              {g.name ? ` · ${g.name}` : ''}
            </Text>
            <Text className='ops-item__line'>
              {roleText(g.role)} · {g.scope || t('grants.cityWide')} · {t('grants.grantedAt', { time: formatChinaDateTime(new Date(g.grantedAt)) })}
            </Text>
            <View className='ops-actions'>
              {g.revocable ? (
                <Text id={`revoke-${grantId(g)}`} className='link-button' onClick={() => void revoke(g)}>
                  {t('grants.revoke')}
                </Text>
              ) : (
                <Text className='hint'>{t('grants.cliOnly')}</Text>
              )}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
