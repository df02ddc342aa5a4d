// Runs in the sandboxed preload of our window: builds window.pic (the PicBridge) on top of IPC.
// Only `electron` may be required here; shared/api.ts and zod are inlined by the bundle.
import '../../shared/zodSetup';
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('pic', createBridge(ipcRenderer));
