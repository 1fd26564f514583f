import { Button, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import type { Contact } from '../../api/types';
import { requiredRoleChecklist, roleNames } from '../booking';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0 },
  missing: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  covered: { color: tokens.colorPaletteGreenForeground1 },
});

/** Contacts to invite, by role, and the Reg 20(2) checklist with any role still missing. */
export function InviteesView(props: { contacts: Contact[]; selected: Set<string>; onToggle: (email: string) => void; onAdd: () => void; busy: boolean; added: boolean }) {
  const styles = useStyles();
  const chosen = props.contacts.filter((c) => props.selected.has(c.email));
  const checklist = requiredRoleChecklist(chosen);
  return (
    <section aria-labelledby="invitees-heading">
      <h2 id="invitees-heading">Who</h2>
      {props.contacts.length === 0 ? (
        <p>No contacts are recorded for this child; ask the LA SEND officer to add them to the case.</p>
      ) : (
        <ul className={styles.list}>
          {props.contacts.map((c) => (
            <li key={`${c.role}-${c.email}`}>
              <Checkbox checked={props.selected.has(c.email)} onChange={() => props.onToggle(c.email)} label={`${roleNames[c.role]}: ${c.name} (${c.email})`} />
            </li>
          ))}
        </ul>
      )}
      <Button onClick={props.onAdd} disabled={props.busy || chosen.length === 0}>
        {props.added ? 'Update invitees on the meeting' : 'Add invitees to the meeting'}
      </Button>
      <h3>Must be invited (Reg 20(2))</h3>
      <ul className={styles.list} aria-label="Required roles">
        {checklist.map((g) => (
          <li key={g.name} className={g.covered ? styles.covered : styles.missing}>
            {g.covered ? '✓ Invited: ' : '✗ Missing: '}
            {g.name}
            {g.roles.includes('school') ? ' (you, as organizer)' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
