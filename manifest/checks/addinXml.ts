import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AppManifest } from '../appManifest';
import { xmlVersion } from '../addinXml';
import { addinEvents } from '../contract';
import type { Problem } from './problem';

type Node = Record<string, unknown>;

const repeated = new Set(['Rule', 'Set', 'bt:Set', 'Host', 'ExtensionPoint', 'LaunchEvent', 'bt:Image', 'bt:Url', 'bt:String', 'AppDomain', 'Scope', 'Group', 'Control', 'Runtime', 'VersionOverrides']);

/** The elements every Outlook add-in-only manifest needs, in schema order (OfficeApp, MailApp). */
const requiredTopLevel = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'Requirements', 'FormSettings', 'Permissions', 'Rule'];

const children = (node: unknown, name: string): Node[] => {
  const v = (node as Node | undefined)?.[name];
  return Array.isArray(v) ? (v as Node[]) : v === undefined ? [] : [v as Node];
};
const text = (node: unknown): string | undefined => {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  const t = (node as Node | undefined)?.['#text'];
  return t === undefined ? undefined : String(t);
};
const attr = (node: unknown, name: string): string | undefined => {
  const v = (node as Node | undefined)?.[`@_${name}`];
  return v === undefined ? undefined : String(v);
};

/**
 * Checks the add-in-only XML manifest offline, structurally: Microsoft's XSDs are not in any
 * npm package here and `office-addin-manifest validate` needs the network for XML. It checks:
 * well-formed; the required MailApp elements; VersionOverrides 1.1 inside 1.0 with a
 * LaunchEvent extension point declaring every event of the unified manifest with the same
 * function names and send mode; every resource id referenced is defined; every address is
 * HTTPS on a domain the unified manifest declares; and the ids and version match it.
 */
export function checkAddinXml(xml: string, unified: AppManifest): Problem[] {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ check: 'xml', where, message });
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    add(`line ${valid.err.line}`, `is not well-formed XML: ${valid.err.msg}`);
    return problems;
  }
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => repeated.has(name), parseTagValue: false }).parse(xml) as Node;
  const app = doc.OfficeApp as Node | undefined;
  if (!app) {
    add('/', 'the root element must be OfficeApp');
    return problems;
  }
  if (attr(app, 'xsi:type') !== 'MailApp') add('/OfficeApp', 'must have xsi:type="MailApp" (an Outlook add-in)');
  for (const name of requiredTopLevel) if (app[name] === undefined) add(`/OfficeApp/${name}`, 'is required');

  if (text(app.Id)?.toLowerCase() !== unified.id.toLowerCase()) add('/OfficeApp/Id', `is ${text(app.Id)}, but the unified manifest's id is ${unified.id}`);
  if (text(app.Version) !== xmlVersion(unified.version)) add('/OfficeApp/Version', `is ${text(app.Version)}, but the unified manifest is version ${unified.version} (${xmlVersion(unified.version)})`);

  const outer = children(app, 'VersionOverrides').find((v) => attr(v, 'xsi:type') === 'VersionOverridesV1_0');
  const inner = children(outer, 'VersionOverrides').find((v) => attr(v, 'xsi:type') === 'VersionOverridesV1_1');
  if (!inner) {
    add('/OfficeApp/VersionOverrides', 'must contain VersionOverrides 1.1 (xsi:type VersionOverridesV1_1) inside VersionOverrides 1.0: event handlers are declared there');
    return problems;
  }
  const where = '/OfficeApp/VersionOverrides/VersionOverrides';
  const webAppId = text((inner.WebApplicationInfo as Node | undefined)?.Id);
  if (webAppId?.toLowerCase() !== unified.webApplicationInfo.id.toLowerCase()) add(`${where}/WebApplicationInfo/Id`, `is ${webAppId}, but the unified manifest's webApplicationInfo.id is ${unified.webApplicationInfo.id}`);

  const host = children(inner.Hosts, 'Host').find((h) => attr(h, 'xsi:type') === 'MailHost');
  const desktop = (host?.DesktopFormFactor ?? {}) as Node;
  const launch = children(desktop, 'ExtensionPoint').find((e) => attr(e, 'xsi:type') === 'LaunchEvent');
  if (!launch) add(`${where}/Hosts/Host/DesktopFormFactor`, 'has no ExtensionPoint of xsi:type LaunchEvent');
  const declared = children(launch?.LaunchEvents, 'LaunchEvent');
  const xmlTypes = new Map<string, string>(addinEvents.map((e) => [e.unifiedType, e.xmlType]));
  for (const group of unified.extensions[0]?.autoRunEvents ?? []) {
    for (const event of group.events) {
      const xmlType = xmlTypes.get(event.type);
      const found = declared.find((d) => attr(d, 'Type') === xmlType);
      if (!found) {
        add(`${where}/.../LaunchEvents`, `declares no ${xmlType ?? event.type} event, which the unified manifest handles with ${event.actionId}`);
        continue;
      }
      if (attr(found, 'FunctionName') !== event.actionId) add(`${where}/.../LaunchEvent[@Type="${xmlType}"]`, `calls ${attr(found, 'FunctionName')}, but the unified manifest's action is ${event.actionId}`);
      const sendMode = event.options?.sendMode;
      if (sendMode && attr(found, 'SendMode')?.toLowerCase() !== sendMode.toLowerCase()) add(`${where}/.../LaunchEvent[@Type="${xmlType}"]`, `has SendMode ${attr(found, 'SendMode')}, but the unified manifest's sendMode is ${sendMode}`);
    }
  }
  if (launch && !(launch.SourceLocation as Node | undefined)) add(`${where}/.../ExtensionPoint[LaunchEvent]`, 'needs a SourceLocation (the event runtime page)');

  // resids: each one referenced must be defined in Resources.
  const resources = (inner.Resources ?? {}) as Node;
  const defined = new Map<string, string>();
  for (const [group, item] of [['bt:Images', 'bt:Image'], ['bt:Urls', 'bt:Url'], ['bt:ShortStrings', 'bt:String'], ['bt:LongStrings', 'bt:String']] as const) {
    for (const r of children(resources[group], item)) {
      const id = attr(r, 'id');
      if (id) defined.set(id, attr(r, 'DefaultValue') ?? '');
    }
  }
  const referenced = new Set<string>();
  const collect = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const n of node) collect(n);
    }
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '@_resid') referenced.add(String(v));
        else collect(v);
      }
    }
  };
  collect(inner.Hosts);
  for (const id of referenced) if (!defined.has(id)) add(`${where}/Resources`, `defines no resource "${id}", which is referenced`);

  // Every address: DefaultValue attributes, AppDomain text, the resources.
  const domains = unified.validDomains.map((d) => d.toLowerCase());
  const addresses: Array<{ where: string; url: string }> = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, `${path}[${i}]`);
      });
    }
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k.startsWith('@_xmlns')) continue;
        if (typeof v === 'string' && /^[a-z]+:\/\//i.test(v)) addresses.push({ where: `${path}/${k}`, url: v });
        else walk(v, k.startsWith('@_') || k === '#text' ? path : `${path}/${k}`);
      }
    }
  };
  walk(app, '/OfficeApp');
  for (const a of addresses) {
    let url: URL;
    try {
      url = new URL(a.url);
    } catch {
      add(a.where, `"${a.url}" is not a valid address`);
      continue;
    }
    if (url.protocol === 'api:') continue;
    if (url.protocol !== 'https:') add(a.where, `"${a.url}" must use https://`);
    else if (!domains.includes(url.host.toLowerCase())) add(a.where, `"${a.url}" is on ${url.host}, which the unified manifest's validDomains do not declare`);
  }
  return problems;
}
