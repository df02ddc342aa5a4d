import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu in Italian (Electron's default is English and links to electronjs.org).
 * Edit roles are kept so that copy/paste shortcuts keep working on macOS; DevTools only in
 * development builds.
 */
export function italianMenuTemplate(options: { isMac: boolean; devTools: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: 'Dimensione reale' },
    { role: 'zoomIn', label: 'Ingrandisci' },
    { role: 'zoomOut', label: 'Riduci' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Schermo intero' },
  ];
  if (options.devTools) view.push({ type: 'separator' }, { role: 'reload', label: 'Ricarica' }, { role: 'toggleDevTools', label: 'Strumenti di sviluppo' });
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) {
    template.push({
      label: 'PiC Studio',
      submenu: [
        { role: 'about', label: 'Informazioni su PiC Studio' },
        { type: 'separator' },
        { role: 'hide', label: 'Nascondi PiC Studio' },
        { role: 'hideOthers', label: 'Nascondi altre' },
        { role: 'unhide', label: 'Mostra tutte' },
        { type: 'separator' },
        { role: 'quit', label: 'Esci da PiC Studio' },
      ],
    });
  } else {
    template.push({ label: 'File', submenu: [{ role: 'quit', label: 'Esci' }] });
  }
  template.push(
    {
      label: 'Modifica',
      submenu: [
        { role: 'undo', label: 'Annulla' },
        { role: 'redo', label: 'Ripeti' },
        { type: 'separator' },
        { role: 'cut', label: 'Taglia' },
        { role: 'copy', label: 'Copia' },
        { role: 'paste', label: 'Incolla' },
        { role: 'selectAll', label: 'Seleziona tutto' },
      ],
    },
    { label: 'Visualizza', submenu: view },
    { label: 'Finestra', submenu: [{ role: 'minimize', label: 'Riduci a icona' }, { role: 'close', label: 'Chiudi' }] },
  );
  return template;
}
