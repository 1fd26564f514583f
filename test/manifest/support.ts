import { loadPackageSettings } from '../../bot/config/env';
import { type AppPackage, buildPackage, type CheckContext } from '../../manifest/appPackage';

/** A council's production settings, as its administrator would set them. */
export const prodEnv = {
  PUBLIC_URL: 'https://ehcp.north.gov.uk',
  MANIFEST_APP_ID: '7d3c1b2a-4e5f-4a6b-9c8d-0e1f2a3b4c5d',
  BOT_CLIENT_ID: 'b0b0b0b0-1111-4222-8333-444455556666',
  ENTRA_CLIENT_ID: 'a1a1a1a1-2222-4333-8444-555566667777',
  MANIFEST_PRIVACY_URL: 'https://ehcp.north.gov.uk/privacy',
  MANIFEST_TERMS_URL: 'https://ehcp.north.gov.uk/terms',
};

export const prodSettings = () => loadPackageSettings(prodEnv, 'prod');

/** A fresh production package (each test may change its copy). */
export function prodPackage(): AppPackage {
  const pkg = buildPackage(prodSettings());
  return { ...pkg, manifest: structuredClone(pkg.manifest), icons: new Map(pkg.icons) };
}

/** A handler script as the add-in's build would emit it: one IIFE registering the given names. */
export function handlerScript(names: readonly string[]): string {
  return `"use strict";(()=>{var n=e=>{e.completed({allowEvent:true})};${names.map((name) => `Office.actions.associate(${JSON.stringify(name)},n);`).join('')}})();`;
}

export const allHandlers = ['onAppointmentSendHandler', 'onAppointmentTimeChangedHandler', 'onAppointmentAttendeesChangedHandler'];

/** The context of a service running with the production ids and an add-in built to the contract. */
export function context(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    service: { botClientId: prodEnv.BOT_CLIENT_ID, entraClientId: prodEnv.ENTRA_CLIENT_ID },
    commandsScript: { text: handlerScript(allHandlers), file: 'dist/addin/commands.js' },
    addinSources: [],
    ...overrides,
  };
}
