import { runInNewContext } from 'node:vm';
import type { ManifestExtension } from '../appManifest';
import type { Problem } from './problem';

/**
 * A stand-in for whatever office.js offers, as permissive as possible: every property is
 * another stand-in and every call returns one, so a script that reads `Office.context` or
 * calls `Office.onReady` at load time still runs to its `associate` calls.
 */
function permissive(): unknown {
  const target = () => undefined;
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

/**
 * Loads a built event-handler script the way classic Outlook on Windows does (one script,
 * no DOM, no module loader) and lists the names it passes to `Office.actions.associate`
 * with a function.
 *
 * @example registeredHandlers('Office.actions.associate("onAppointmentSendHandler", function (e) {})') // ['onAppointmentSendHandler']
 * @throws Error when the script throws while loading (it would fail the same way in Outlook).
 */
export function registeredHandlers(script: string, file = 'commands.js'): string[] {
  const names: string[] = [];
  const other = permissive();
  const office = new Proxy(
    {},
    {
      get: (_t, key) =>
        key === 'actions'
          ? {
              associate: (name: unknown, fn: unknown) => {
                if (typeof name === 'string' && typeof fn === 'function') names.push(name);
              },
            }
          : other,
    },
  );
  const sandbox: Record<string, unknown> = { Office: office, console: { log() {}, warn() {}, error() {}, info() {}, debug() {} }, setTimeout, clearTimeout, Promise };
  sandbox.self = sandbox;
  sandbox.globalThis = sandbox;
  runInNewContext(script, sandbox, { filename: file, timeout: 2000 });
  return names;
}

/**
 * Every event in `autoRunEvents` names an action of a runtime, that action runs a function
 * (`executeFunction`), and the built script registers a function under exactly that name
 * (Outlook looks the handler up by the action id; an unregistered one fails at send time,
 * and in softBlock mode blocks the user).
 *
 * @param script the built handler script's text, or undefined when it has not been built
 */
export function checkEventHandlers(extension: ManifestExtension | undefined, script: { text: string; file: string } | undefined): Problem[] {
  if (!extension) return [];
  const problems: Problem[] = [];
  const actions = new Map<string, { runtime: string; type: string; script: boolean }>();
  extension.runtimes?.forEach((r) => {
    for (const a of r.actions ?? []) actions.set(a.id, { runtime: r.id, type: a.type, script: Boolean(r.code?.script) });
  });
  let registered: Set<string> | undefined;
  if (script) {
    try {
      registered = new Set(registeredHandlers(script.text, script.file));
    } catch (e) {
      problems.push({ check: 'event-handlers', where: script.file, message: `throws when loaded as classic Outlook loads it (one script, no DOM): ${(e as Error).message}` });
    }
  }
  extension.autoRunEvents?.forEach((group, g) => {
    group.events.forEach((event, i) => {
      const where = `/extensions/0/autoRunEvents/${g}/events/${i}/actionId`;
      const action = actions.get(event.actionId);
      if (!action) {
        problems.push({ check: 'event-handlers', where, message: `"${event.actionId}" (${event.type}) is not an action of any runtime; add it to the event runtime's actions` });
        return;
      }
      if (action.type !== 'executeFunction') problems.push({ check: 'event-handlers', where, message: `"${event.actionId}" is a ${action.type} action; an event needs an executeFunction action` });
      if (!action.script) problems.push({ check: 'event-handlers', where, message: `runtime ${action.runtime} has no code.script; classic Outlook on Windows needs the handler script itself` });
      if (registered && !registered.has(event.actionId)) {
        problems.push({
          check: 'event-handlers',
          where,
          message: `"${event.actionId}" (${event.type}) is not registered by ${script?.file}: it calls Office.actions.associate with ${[...registered].map((n) => `"${n}"`).join(', ') || 'nothing'}`,
        });
      }
    });
  });
  return problems;
}
