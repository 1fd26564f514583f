/// <reference types="office-js" />
import { officeCall } from './officeCall';

/** What sign-in needs from the host: requirement sets and a dialog. */
export interface HostPort {
  isSetSupported(name: string, version: string): boolean;
  /** Opens `url` in an Office dialog and resolves with the first message it sends back. */
  dialogMessage(url: string): Promise<string>;
}

export function officeHost(office: typeof Office = Office): HostPort {
  return {
    isSetSupported: (name, version) => office.context.requirements.isSetSupported(name, version),
    async dialogMessage(url) {
      const dialog = await officeCall<Office.Dialog>('displayDialogAsync', (cb) => office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, cb));
      return new Promise<string>((resolve, reject) => {
        dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          if ('message' in arg) resolve(arg.message);
          else reject(new Error(`The sign-in window closed (error ${arg.error}); try again.`));
        });
        dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
          reject(new Error(`The sign-in window closed (${'error' in arg ? arg.error : 'no reason'}); try again.`));
        });
      });
    },
  };
}
