import { checkRequirementSets, mailboxApiSets } from '../../manifest/checks/requirementSets';
import { prodPackage } from './support';

const extension = () => prodPackage().manifest.extensions[0]!;

describe('requirement sets against the APIs the add-in calls', () => {
  it('reads the Mailbox set of each Outlook API from @types/office-js', () => {
    const sets = mailboxApiSets();
    expect([sets.get('addFileAttachmentFromBase64Async'), sets.get('sessionData'), sets.get('closeAsync'), sets.get('sendAsync')]).toEqual(['1.8', '1.11', '1.14', '1.15']);
  });

  it('accepts a task pane using base64 attachments (1.8) and sessionData (1.11) under its 1.11 runtime', () => {
    const sources = [{ file: 'addin/src/office/attachments.ts', text: 'export const add = (b: string) => Office.context.mailbox.item.addFileAttachmentFromBase64Async(b, "advice.pdf");\nconst s = Office.context.mailbox.item.sessionData;' }];
    expect(checkRequirementSets(extension(), sources)).toEqual([]);
  });

  it('flags a task pane call above its runtime’s set, naming the file, line and the set it needs', () => {
    const sources = [{ file: 'addin/src/office/close.ts', text: 'import x from "y";\nexport const close = () => Office.context.mailbox.item.closeAsync();' }];
    expect(checkRequirementSets(extension(), sources)).toEqual([
      {
        check: 'requirement-sets',
        where: 'addin/src/office/close.ts:2',
        message: "calls closeAsync, which needs Mailbox 1.14, but runtime TaskPaneRuntime declares 1.11; raise its requirement or guard the call with isSetSupported('Mailbox', '1.14')",
      },
    ]);
  });

  it('accepts the same call when the file guards it with isSetSupported', () => {
    const text = 'export const close = () => { if (Office.context.requirements.isSetSupported("Mailbox", "1.14")) Office.context.mailbox.item.closeAsync(); };';
    expect(checkRequirementSets(extension(), [{ file: 'addin/src/office/close.ts', text }])).toEqual([]);
  });

  it('checks handler files against the event runtime', () => {
    const sources = [{ file: 'addin/src/handlers/onSend.ts', text: 'Office.context.mailbox.item.sessionData.getAllAsync(() => {});\nOffice.context.mailbox.item.sendAsync();' }];
    expect(checkRequirementSets(extension(), sources).map((p) => p.where)).toEqual(['addin/src/handlers/onSend.ts:2']);
  });

  it('flags an event whose autoRunEvents entry asks for a lower set than the event needs', () => {
    const ext = extension();
    ext.autoRunEvents[1]!.requirements = { capabilities: [{ name: 'Mailbox', minVersion: '1.11' }] };
    expect(checkRequirementSets(ext, []).map((p) => p.message)).toEqual(['appointmentSending needs Mailbox 1.12, but its autoRunEvents entry asks only for 1.11']);
  });

  it('ignores files that never touch Office, comments, and member names too common to be Office calls', () => {
    const sources = [
      { file: 'addin/src/ui/Pane.tsx', text: 'const t = list.sendAsync;' },
      { file: 'addin/src/office/fetchAdvice.ts', text: 'const item = Office.context.mailbox.item;\nconst body = (await res.json()).content;\nconst p = url.path;' },
      { file: 'addin/src/office/notes.ts', text: '// Office.context.mailbox.item.closeAsync() needs 1.14\nexport {};' },
    ];
    expect(checkRequirementSets(extension(), sources)).toEqual([]);
  });
});
