/**
 * The preload: exposes exactly the contract as `window.casework`, nothing of Node or Electron. The
 * `satisfies` check keeps it in step with src-shared/contract.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { CallResult, CaseworkApi, EventName } from '../../../src-shared/contract';

const api = {
  invoke: (method, input) => ipcRenderer.invoke('casework:invoke', method, input) as Promise<CallResult>,
  on: (event: EventName, listener: (payload: unknown) => void) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(`casework:${event}`, wrapped);
    return () => void ipcRenderer.removeListener(`casework:${event}`, wrapped);
  },
} satisfies CaseworkApi;

contextBridge.exposeInMainWorld('casework', api);
