/** The encrypted-data registry's shape (seed 003, issue 19), shared by the core and the window. */

export interface EncryptedDataLine {
  table: string;
  /** '*': every column (the page cipher); else the one field encrypted on its own. */
  column: string;
  algorithm: string;
  keyId: string;
  keyVersion: number;
  /** Rows (or files) it covers. */
  records: number;
}

/** admin.encryptedData: the vault key's id and version and what is encrypted under what. */
export interface EncryptedDataView {
  vaultKeyId: string;
  version: number;
  entries: EncryptedDataLine[];
}
