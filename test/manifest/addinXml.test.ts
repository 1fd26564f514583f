import { XMLParser } from 'fast-xml-parser';
import { checkAddinXml } from '../../manifest/checks/addinXml';
import { xmlVersion } from '../../manifest/addinXml';
import { prodEnv, prodPackage } from './support';

describe('the add-in-only XML manifest (Outlook on Mac and mobile)', () => {
  it('is generated from the same source and passes the structural checks', () => {
    const pkg = prodPackage();
    expect(checkAddinXml(pkg.addinXml, pkg.manifest)).toEqual([]);
  });

  it('declares the three events in VersionOverrides 1.1 with the unified manifest’s function names, send mode and ids', () => {
    const pkg = prodPackage();
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(pkg.addinXml);
    const inner = doc.OfficeApp.VersionOverrides.VersionOverrides;
    expect(inner['xsi:type']).toBe('VersionOverridesV1_1');
    const points = inner.Hosts.Host.DesktopFormFactor.ExtensionPoint;
    expect(points.map((p: { 'xsi:type': string }) => p['xsi:type'])).toEqual(['AppointmentOrganizerCommandSurface', 'LaunchEvent']);
    expect(points[1].LaunchEvents.LaunchEvent).toEqual([
      { Type: 'OnAppointmentSend', FunctionName: 'onAppointmentSendHandler', SendMode: 'SoftBlock' },
      { Type: 'OnAppointmentTimeChanged', FunctionName: 'onAppointmentTimeChangedHandler' },
      { Type: 'OnAppointmentAttendeesChanged', FunctionName: 'onAppointmentAttendeesChangedHandler' },
    ]);
    expect(doc.OfficeApp.Id).toBe(prodEnv.MANIFEST_APP_ID);
    expect(inner.WebApplicationInfo.Id).toBe(prodEnv.ENTRA_CLIENT_ID);
    expect(doc.OfficeApp.Version).toBe('0.1.0.0');
  });

  it('turns semantic versions into four-part ones', () => {
    expect([xmlVersion('1.2.3'), xmlVersion('0.1.0-beta.2'), xmlVersion('2')]).toEqual(['1.2.3.0', '0.1.0.0', '2.0.0.0']);
  });

  it('is refused when it is not well-formed, naming the line', () => {
    const pkg = prodPackage();
    const problems = checkAddinXml(pkg.addinXml.replace('</Permissions>', '</Permission>'), pkg.manifest);
    expect(problems).toEqual([{ check: 'xml', where: expect.stringMatching(/^line \d+$/), message: expect.stringMatching(/^is not well-formed XML/) }]);
  });

  it('is refused with a plain-HTTP address, a missing required element, a wrong id, an undefined resource, or a renamed handler', () => {
    const pkg = prodPackage();
    const broken = pkg.addinXml
      .replace('DefaultValue="https://ehcp.north.gov.uk/addin/taskpane.html"/>\n      </DesktopSettings>', 'DefaultValue="http://ehcp.north.gov.uk/addin/taskpane.html"/>\n      </DesktopSettings>')
      .replace('  <DefaultLocale>en-GB</DefaultLocale>\n', '')
      .replace(`<Id>${prodEnv.MANIFEST_APP_ID}</Id>`, '<Id>00000000-0000-4000-8000-000000000000</Id>')
      .replace('<Label resid="Group.Label"/>', '<Label resid="Group.Title"/>')
      .replace('FunctionName="onAppointmentTimeChangedHandler"', 'FunctionName="onTimeChanged"');
    expect(checkAddinXml(broken, pkg.manifest).map((p) => `${p.where}: ${p.message}`)).toEqual([
      '/OfficeApp/DefaultLocale: is required',
      "/OfficeApp/Id: is 00000000-0000-4000-8000-000000000000, but the unified manifest's id is 7d3c1b2a-4e5f-4a6b-9c8d-0e1f2a3b4c5d",
      `/OfficeApp/VersionOverrides/VersionOverrides/.../LaunchEvent[@Type="OnAppointmentTimeChanged"]: calls onTimeChanged, but the unified manifest's action is onAppointmentTimeChangedHandler`,
      '/OfficeApp/VersionOverrides/VersionOverrides/Resources: defines no resource "Group.Title", which is referenced',
      '/OfficeApp/FormSettings/Form/DesktopSettings/SourceLocation/@_DefaultValue: "http://ehcp.north.gov.uk/addin/taskpane.html" must use https://',
    ]);
  });

  it('is refused without VersionOverrides 1.1', () => {
    const pkg = prodPackage();
    const flat = pkg.addinXml.replace('xsi:type="VersionOverridesV1_1"', 'xsi:type="VersionOverridesV1_0"');
    expect(checkAddinXml(flat, pkg.manifest).map((p) => p.message)).toEqual([expect.stringMatching(/^must contain VersionOverrides 1\.1/)]);
  });
});
