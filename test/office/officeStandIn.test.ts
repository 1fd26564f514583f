import { officeAppointment } from '../../addin/src/office/appointment';
import { OfficeCallError } from '../../addin/src/office/officeCall';
import { installOfficeStandIn } from '../../testkit/office/officeStandIn';

/** The add-in's office-js wrapper over the stand-in: promises that settle, failures as AsyncResult errors. */
function setup() {
  const g: Record<string, unknown> = {};
  const state = installOfficeStandIn(g, { requirementSets: { Mailbox: '1.13' }, item: { start: '2027-01-12T10:00:00.000Z', end: '2027-01-12T11:00:00.000Z' } });
  return { state, item: officeAppointment(g.Office as typeof Office) };
}

describe('the office-js wrapper on the stand-in', () => {
  it('moves the end with the start, as Outlook keeps the meeting length, then sets the end', async () => {
    const { state, item } = setup();
    await item.setTimes(new Date('2027-01-18T14:00:00Z'), new Date('2027-01-18T15:30:00Z'));
    expect([state.item.start, state.item.end]).toEqual(['2027-01-18T14:00:00.000Z', '2027-01-18T15:30:00.000Z']);
    expect(state.calls.filter((c) => c.endsWith('setAsync'))).toEqual(['start.setAsync', 'end.setAsync']);
  });

  it('turns a failed AsyncResult into a rejected OfficeCallError carrying its code and name', async () => {
    const { state, item } = setup();
    state.fail('subject.setAsync', { code: 9041, name: 'NetworkError', message: 'The network is unavailable.' });
    const error = await item.setSubject('EHCP annual review: A.B. (N-1)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeCallError);
    expect(error).toMatchObject({ method: 'subject.setAsync', code: 9041, officeName: 'NetworkError' });
    await item.setSubject('EHCP annual review: A.B. (N-1)');
    expect(state.item.subject).toBe('EHCP annual review: A.B. (N-1)');
  });

  it('rejects, never throws, on a bad argument the host refuses (an invalid attendee address)', async () => {
    const { item } = setup();
    await expect(item.setRequiredAttendees([{ email: 'not an address' }])).rejects.toThrow(/requiredAttendees.setAsync failed: "not an address" is not a valid email address/);
  });

  it('answers no saved id before the item is saved, then the REST id of the saved EWS id', async () => {
    const { state, item } = setup();
    expect(await item.savedId()).toBeUndefined();
    state.onSave = async () => 'AAMkAD+abc/def=';
    expect(await item.save()).toBe('AAMkAD-abc_def=');
    expect(await item.savedId()).toBe('AAMkAD-abc_def=');
  });

  it('keeps custom properties across a save and loads them back', async () => {
    const { state, item } = setup();
    await item.writeCustomProperties({ ehcpReviewId: 'r-1' });
    expect(state.item.customProperties).toEqual({ ehcpReviewId: 'r-1' });
    expect(await item.readCustomProperties()).toEqual({ ehcpReviewId: 'r-1' });
  });

  it('answers requirement-set checks by version', () => {
    const g: Record<string, unknown> = {};
    installOfficeStandIn(g, { requirementSets: { Mailbox: '1.10', NestedAppAuth: '1.1' } });
    const req = (g.Office as typeof Office).context.requirements;
    expect([req.isSetSupported('Mailbox', '1.8'), req.isSetSupported('Mailbox', '1.12'), req.isSetSupported('NestedAppAuth', '1.1'), req.isSetSupported('IdentityAPI', '1.3')]).toEqual([true, false, true, false]);
  });
});
