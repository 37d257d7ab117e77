/**
 * The encrypted-data registry for owners and admins (seed 003, issue 19): what in this vault is
 * encrypted, by what, under which key id and version. Ids, names and counts only, never a key.
 * Calls admin.encryptedData (src-main/privacy/registry.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../app/ui';
import { call } from '../app/api';

export function EncryptedData() {
  const { t } = useTranslation();
  const reg = useQuery({ queryKey: ['admin', 'encryptedData'], queryFn: () => call('admin.encryptedData', {}) });
  return (
    <div className="card" data-testid="encrypted-data">
      <h2>{t('console.encryptedTitle')}</h2>
      <ErrorNote error={reg.error} />
      {reg.data && (
        <>
          <p>{t('console.encryptedKey', { keyId: reg.data.vaultKeyId, version: reg.data.version })}</p>
          <table className="simple">
            <thead>
              <tr>
                <th>{t('console.encryptedWhat')}</th>
                <th>{t('console.encryptedHow')}</th>
                <th>{t('console.encryptedKeyCol')}</th>
                <th>{t('console.encryptedRecords')}</th>
              </tr>
            </thead>
            <tbody>
              {reg.data.entries.map((e) => (
                <tr key={`${e.table}.${e.column}`}>
                  <td>
                    <code>{e.column === '*' ? e.table : `${e.table}.${e.column}`}</code>
                  </td>
                  <td>{e.algorithm}</td>
                  <td>
                    <code>{e.keyId}</code> v{e.keyVersion}
                  </td>
                  <td>{e.records}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
