/// <reference types="office-js" />
/**
 * A stand-in for the part of office.js the add-in uses (Outlook, appointment organizer),
 * written once against @types/office-js and faithful to its documented behaviour:
 *
 * - every `...Async` call answers later, through its callback, with an `AsyncResult`
 *   (`status`, `value`, `error` {name, message, code}, `asyncContext`), never by throwing;
 * - a failure can be injected per method (`state.fail('time.setAsync', ...)`) and arrives
 *   as `status: "failed"` with the error, like a real host refusing a call;
 * - `Office.context.requirements.isSetSupported(name, version)` compares against the
 *   requirement sets this host is configured with (Mailbox 1.13, NestedAppAuth 1.1, ...);
 * - setting the start keeps the meeting's length (Outlook moves the end with it), and
 *   time and attendee changes raise `AppointmentTimeChanged` / `RecipientsChanged` to
 *   handlers added with `item.addHandlerAsync`;
 * - event-based handlers registered with `Office.actions.associate` get an event whose
 *   `completed(options)` is recorded (a second call is ignored, as Outlook does).
 *
 * It has no imports, so it can be bundled into one script for `page.addInitScript` and run
 * alone in a `node:vm` context for the event handler test. State is on
 * `globalThis.__officeStandIn`.
 */

export interface StandInRecipient {
  emailAddress: string;
  displayName?: string;
}

export interface StandInItem {
  subject: string;
  /** ISO instants. */
  start: string;
  end: string;
  location: string;
  body: string;
  requiredAttendees: StandInRecipient[];
  optionalAttendees: StandInRecipient[];
  customProperties: Record<string, unknown>;
  /** EWS id once saved; null for a new, unsaved item. */
  itemId: string | null;
}

export interface StandInInit {
  /** Requirement sets and the highest version supported, e.g. `{ Mailbox: '1.13', NestedAppAuth: '1.1' }`. */
  requirementSets: Record<string, string>;
  item?: Partial<StandInItem>;
  userProfile?: { emailAddress: string; displayName: string; timeZone: string };
  platform?: 'OfficeOnline' | 'PC' | 'Mac';
  /** Milliseconds before a callback answers. Default 1. */
  latencyMs?: number;
}

export interface StandInFailure {
  code: number;
  name: string;
  message: string;
  times: number;
}

export interface CompletedCall {
  event: string;
  options: Office.SmartAlertsEventCompletedOptions | undefined;
}

export interface StandInState {
  item: StandInItem;
  requirementSets: Record<string, string>;
  notifications: Record<string, Office.NotificationMessageDetails>;
  /** Every Office call made, by name, in order. */
  calls: string[];
  /** Functions registered with `Office.actions.associate`. */
  actions: Record<string, (event: unknown) => unknown>;
  completed: CompletedCall[];
  /** Called by `saveAsync`: returns the saved item's EWS id (a test creates the event in Graph here). */
  onSave?: (item: StandInItem) => Promise<string>;
  fail(method: string, failure: Omit<StandInFailure, 'times'> & { times?: number }): void;
  /** Runs an associated event-based handler as Outlook would; resolves when it calls `completed`. */
  runEvent(action: string, type: string, timeoutMs?: number): Promise<CompletedCall>;
}

const FAILED = 'failed' as unknown as Office.AsyncResultStatus;
const SUCCEEDED = 'succeeded' as unknown as Office.AsyncResultStatus;

type Callback<T> = ((result: Office.AsyncResult<T>) => void) | undefined;

export function installOfficeStandIn(target: Record<string, unknown>, init: StandInInit): StandInState {
  const latency = init.latencyMs ?? 1;
  const failures: Record<string, StandInFailure> = {};
  const handlers: Record<string, ((arg: unknown) => void)[]> = {};
  const item: StandInItem = {
    subject: '',
    start: new Date(Date.UTC(2027, 0, 12, 10)).toISOString(),
    end: new Date(Date.UTC(2027, 0, 12, 11)).toISOString(),
    location: '',
    body: '',
    requiredAttendees: [],
    optionalAttendees: [],
    customProperties: {},
    itemId: null,
    ...init.item,
  };
  const state: StandInState = {
    item,
    requirementSets: { ...init.requirementSets },
    notifications: {},
    calls: [],
    actions: {},
    completed: [],
    fail(method, failure) {
      failures[method] = { times: 1, ...failure };
    },
    runEvent(action, type, timeoutMs = 300_000) {
      const handler = state.actions[action];
      if (!handler) return Promise.reject(new Error(`No handler associated with ${action}; check the name given to Office.actions.associate.`));
      return new Promise<CompletedCall>((resolve, reject) => {
        let done = false;
        const timer = setTimeout(() => reject(new Error(`${action} never called event.completed (Outlook gives up after about 300 s)`)), timeoutMs);
        const event = {
          type,
          completed(options?: Office.SmartAlertsEventCompletedOptions) {
            if (done) return;
            done = true;
            clearTimeout(timer);
            const call = { event: type, options };
            state.completed.push(call);
            resolve(call);
          },
        };
        try {
          handler(event);
        } catch (error) {
          // Outlook treats a handler that throws before completing as one that never completes.
          state.calls.push(`threw:${String(error)}`);
        }
      });
    },
  };

  /** Answers a callback later with success, or with the injected failure for `method`. */
  const answer = <T>(method: string, callback: Callback<T>, asyncContext: unknown, run: () => T) => {
    state.calls.push(method);
    setTimeout(() => {
      const failure = failures[method];
      let result: Office.AsyncResult<T>;
      if (failure && failure.times > 0) {
        failure.times--;
        result = { status: FAILED, value: undefined as T, error: { code: failure.code, name: failure.name, message: failure.message }, asyncContext, diagnostics: undefined };
      } else {
        try {
          result = { status: SUCCEEDED, value: run(), error: undefined as unknown as Office.Error, asyncContext, diagnostics: undefined };
        } catch (error) {
          result = { status: FAILED, value: undefined as T, error: { code: 9000, name: 'InvalidArgument', message: (error as Error).message }, asyncContext, diagnostics: undefined };
        }
      }
      callback?.(result);
    }, latency);
  };
  /** office.js overloads: (value, options, callback), (value, callback), (callback). */
  const split = (a: unknown, b: unknown): { options: Record<string, unknown>; callback: Callback<never> } =>
    typeof a === 'function' ? { options: {}, callback: a as Callback<never> } : { options: (a ?? {}) as Record<string, unknown>, callback: b as Callback<never> };
  const raise = (type: string, arg: Record<string, unknown>) => {
    for (const h of handlers[type] ?? []) setTimeout(() => h({ type, ...arg }), latency);
  };

  const time = (which: 'start' | 'end'): Office.Time => ({
    getAsync(a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer(`${which}.getAsync`, callback as Callback<Date>, options.asyncContext, () => new Date(item[which]));
    },
    setAsync(value: Date, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer(`${which}.setAsync`, callback as Callback<void>, options.asyncContext, () => {
        if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new Error('The value must be a Date object.');
        if (which === 'start') {
          const length = Date.parse(item.end) - Date.parse(item.start);
          item.start = value.toISOString();
          item.end = new Date(value.getTime() + length).toISOString();
        } else {
          if (value.getTime() < Date.parse(item.start)) throw new Error('The end time cannot be before the start time.');
          item.end = value.toISOString();
        }
        raise('appointmentTimeChanged', { start: new Date(item.start), end: new Date(item.end) });
      });
    },
  }) as unknown as Office.Time;

  const toDetails = (r: StandInRecipient): Office.EmailAddressDetails =>
    ({ emailAddress: r.emailAddress, displayName: r.displayName ?? r.emailAddress, appointmentResponse: 'none', recipientType: 'externalUser' }) as unknown as Office.EmailAddressDetails;
  const fromInput = (list: unknown): StandInRecipient[] => {
    if (!Array.isArray(list)) throw new Error('Recipients must be an array.');
    return list.map((r) => {
      if (typeof r === 'string') return { emailAddress: r };
      const rec = r as { emailAddress?: string; displayName?: string; address?: string; name?: string };
      const emailAddress = rec.emailAddress ?? rec.address;
      if (!emailAddress || !/^[^@\s]+@[^@\s]+$/.test(emailAddress)) throw new Error(`"${String(emailAddress)}" is not a valid email address.`);
      return { emailAddress, displayName: rec.displayName ?? rec.name ?? emailAddress };
    });
  };
  const recipients = (which: 'requiredAttendees' | 'optionalAttendees'): Office.Recipients => ({
    getAsync(a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer(`${which}.getAsync`, callback as Callback<Office.EmailAddressDetails[]>, options.asyncContext, () => item[which].map(toDetails));
    },
    setAsync(list: unknown, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer(`${which}.setAsync`, callback as Callback<void>, options.asyncContext, () => {
        item[which] = fromInput(list);
        raise('recipientsChanged', { changedRecipientFields: { requiredAttendees: which === 'requiredAttendees', optionalAttendees: which === 'optionalAttendees' } });
      });
    },
    addAsync(list: unknown, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer(`${which}.addAsync`, callback as Callback<void>, options.asyncContext, () => {
        item[which] = [...item[which], ...fromInput(list)];
        raise('recipientsChanged', { changedRecipientFields: { requiredAttendees: which === 'requiredAttendees', optionalAttendees: which === 'optionalAttendees' } });
      });
    },
  }) as unknown as Office.Recipients;

  const textProperty = (name: 'subject' | 'location', limit: number) => ({
    getAsync(a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer(`${name}.getAsync`, callback as Callback<string>, options.asyncContext, () => item[name]);
    },
    setAsync(value: string, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer(`${name}.setAsync`, callback as Callback<void>, options.asyncContext, () => {
        if (typeof value !== 'string') throw new Error(`The ${name} must be a string.`);
        if (value.length > limit) throw new Error(`The ${name} is longer than ${limit} characters.`);
        item[name] = value;
      });
    },
  });

  const body: Office.Body = {
    getAsync(_coercion: Office.CoercionType | string, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('body.getAsync', callback as Callback<string>, options.asyncContext, () => item.body);
    },
    setAsync(value: string, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('body.setAsync', callback as Callback<void>, options.asyncContext, () => {
        if (typeof value !== 'string') throw new Error('The body must be a string.');
        if (value.length > 1_000_000) throw new Error('The body is longer than 1,000,000 characters.');
        item.body = value;
      });
    },
  } as unknown as Office.Body;

  const customProperties = (): Office.CustomProperties => {
    const working: Record<string, unknown> = { ...item.customProperties };
    return {
      get: (name: string) => working[name],
      set: (name: string, value: unknown) => {
        working[name] = value;
      },
      remove: (name: string) => {
        delete working[name];
      },
      getAll: () => ({ ...working }),
      saveAsync(a?: unknown, b?: unknown) {
        const { options, callback } = split(a, b);
        answer('customProperties.saveAsync', callback as Callback<void>, options.asyncContext, () => {
          // Outlook's limit: 2,500 characters for all custom properties of an item.
          if (JSON.stringify(working).length > 2500) throw new Error('Custom properties exceed 2,500 characters.');
          item.customProperties = { ...working };
        });
      },
    } as unknown as Office.CustomProperties;
  };

  const notificationMessages: Office.NotificationMessages = {
    addAsync(key: string, details: Office.NotificationMessageDetails, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('notificationMessages.addAsync', callback as Callback<void>, options.asyncContext, () => {
        if (state.notifications[key]) throw new Error(`A notification with key ${key} already exists; use replaceAsync.`);
        if (Object.keys(state.notifications).length >= 5) throw new Error('An item can show at most 5 notifications.');
        state.notifications[key] = details;
      });
    },
    replaceAsync(key: string, details: Office.NotificationMessageDetails, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('notificationMessages.replaceAsync', callback as Callback<void>, options.asyncContext, () => {
        if ((details.message ?? '').length > 150) throw new Error('The notification message is longer than 150 characters.');
        state.notifications[key] = details;
      });
    },
    removeAsync(key: string, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('notificationMessages.removeAsync', callback as Callback<void>, options.asyncContext, () => {
        delete state.notifications[key];
      });
    },
    getAllAsync(a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('notificationMessages.getAllAsync', callback as Callback<Office.NotificationMessageDetails[]>, options.asyncContext, () =>
        Object.entries(state.notifications).map(([key, d]) => ({ key, ...d })),
      );
    },
  } as unknown as Office.NotificationMessages;

  const appointment = {
    itemType: 'appointment',
    start: time('start'),
    end: time('end'),
    subject: textProperty('subject', 255),
    location: textProperty('location', 255),
    body,
    requiredAttendees: recipients('requiredAttendees'),
    optionalAttendees: recipients('optionalAttendees'),
    notificationMessages,
    loadCustomPropertiesAsync(callback: Callback<Office.CustomProperties>, userContext?: unknown) {
      answer('loadCustomPropertiesAsync', callback, userContext, customProperties);
    },
    saveAsync(a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      state.calls.push('saveAsync');
      const finish = (result: Office.AsyncResult<string>) => setTimeout(() => (callback as Callback<string>)?.(result), latency);
      const failure = failures.saveAsync;
      if (failure && failure.times > 0) {
        failure.times--;
        finish({ status: FAILED, value: '', error: { code: failure.code, name: failure.name, message: failure.message }, asyncContext: options.asyncContext, diagnostics: undefined });
        return;
      }
      const saved = item.itemId ? Promise.resolve(item.itemId) : (state.onSave?.(item) ?? Promise.resolve(`AAMkAD+standin/${Date.now().toString(36)}=`));
      saved.then(
        (id) => {
          item.itemId = id;
          finish({ status: SUCCEEDED, value: id, error: undefined as unknown as Office.Error, asyncContext: options.asyncContext, diagnostics: undefined });
        },
        (error: Error) =>
          finish({ status: FAILED, value: '', error: { code: 9041, name: 'NetworkError', message: error.message }, asyncContext: options.asyncContext, diagnostics: undefined }),
      );
    },
    getItemIdAsync(a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('getItemIdAsync', callback as Callback<string>, options.asyncContext, () => {
        // Mailbox 1.8: a new item has no id until it is saved (error 9029, ItemNotSaved).
        if (!item.itemId) {
          const error = new Error('The item has not been saved yet; save it to get an id.');
          error.name = 'ItemNotSaved';
          throw error;
        }
        return item.itemId;
      });
    },
    addHandlerAsync(type: string, handler: (arg: unknown) => void, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('addHandlerAsync', callback as Callback<void>, options.asyncContext, () => {
        const list = handlers[String(type)] ?? [];
        list.push(handler);
        handlers[String(type)] = list;
      });
    },
  } satisfies Partial<Record<keyof Office.AppointmentCompose, unknown>>;

  const versionAtLeast = (have: string, want: string) => {
    const [a = 0, b = 0] = have.split('.').map(Number);
    const [c = 0, d = 0] = want.split('.').map(Number);
    return a > c || (a === c && b >= d);
  };
  const requirements: Pick<Office.RequirementSetSupport, 'isSetSupported'> = {
    isSetSupported(name: string, minVersion?: string | number) {
      state.calls.push(`isSetSupported:${name}:${minVersion ?? ''}`);
      const have = state.requirementSets[name];
      return have !== undefined && (minVersion === undefined || versionAtLeast(have, String(minVersion)));
    },
  };

  const mailbox = {
    item: appointment,
    userProfile: init.userProfile ?? { emailAddress: 'senco@north-school.example', displayName: 'Sam Senco', timeZone: 'GMT Standard Time' },
    diagnostics: { hostName: init.platform === 'PC' ? 'Outlook' : 'OutlookWebApp', hostVersion: '16.0', OWAView: 'OneColumn' },
    /** EWS ids use + and /; REST ids (and Graph) use - and _. */
    convertToRestId(itemId: string, _version: Office.MailboxEnums.RestVersion | string) {
      state.calls.push('convertToRestId');
      return itemId.replace(/\+/g, '-').replace(/\//g, '_');
    },
    addHandlerAsync: appointment.addHandlerAsync,
  } satisfies Partial<Record<keyof Office.Mailbox, unknown>>;

  const ui = {
    displayDialogAsync(url: string, a?: unknown, b?: unknown) {
      const { options, callback } = split(a, b);
      answer('displayDialogAsync', callback as Callback<unknown>, options.asyncContext, () => {
        if (!url.startsWith('https://')) throw new Error('The dialog URL must use HTTPS.');
        return { close() {}, addEventHandler() {}, messageChild() {} };
      });
    },
  } satisfies Partial<Record<keyof Office.UI, unknown>>;

  const host = { host: 'Outlook' as unknown as Office.HostType, platform: (init.platform ?? 'OfficeOnline') as unknown as Office.PlatformType };
  const office = {
    onReady(callback?: (info: typeof host) => void) {
      state.calls.push('onReady');
      return new Promise<typeof host>((resolve) =>
        setTimeout(() => {
          callback?.(host);
          resolve(host);
        }, latency),
      );
    },
    context: { mailbox, requirements, ui, host: host.host, platform: host.platform, diagnostics: { host: 'Outlook', platform: host.platform, version: '16.0' } },
    actions: {
      associate(name: string, fn: (event: unknown) => unknown) {
        state.actions[name] = fn;
      },
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: { AppointmentTimeChanged: 'appointmentTimeChanged', RecipientsChanged: 'recipientsChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    HostType: { Outlook: 'Outlook' },
    MailboxEnums: {
      ItemNotificationMessageType: { InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage', InsightMessage: 'insightMessage', ProgressIndicator: 'progressIndicator' },
      RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
      SendModeOverride: { PromptUser: 'promptUser' },
    },
  };
  target.Office = office;
  target.__officeStandIn = state;
  return state;
}
