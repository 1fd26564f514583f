import { Checkbox, Radio, RadioGroup, Field, makeStyles, tokens } from '@fluentui/react-components';
import type { MeetingMode, Rating, RatingFactors } from '../../domain';
import { meaningOf } from '../booking';

const FACTORS: { key: keyof RatingFactors; label: string; level: 'red' | 'amber' }[] = [
  { key: 'lookedAfter', label: 'Child looked after', level: 'red' },
  { key: 'placementAtRisk', label: 'Placement at immediate risk of breakdown', level: 'red' },
  { key: 'poorAttendanceOrPartTime', label: 'Poor attendance or part-time timetable', level: 'red' },
  { key: 'independentSetting', label: 'Independent setting', level: 'red' },
  { key: 'highMultiAgencyProvision', label: 'High level of multi-agency provision (sections F, G, H1, H2)', level: 'red' },
  { key: 'someProgressOnly', label: 'Only some progress towards outcomes', level: 'amber' },
  { key: 'disagreementOnProgress', label: 'Family and setting disagree about progress', level: 'amber' },
  { key: 'transitionNeedingMoreProvision', label: 'Transition likely to need more provision', level: 'amber' },
];

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0 },
  rating: { padding: tokens.spacingVerticalS, borderLeft: `4px solid ${tokens.colorNeutralStroke1}`, margin: `${tokens.spacingVerticalS} 0` },
});

/** Derby toolkit factors: tick what applies; the rating, why, and what it means follow. */
export function RatingView(props: { factors: RatingFactors; onFactor: (key: keyof RatingFactors, on: boolean) => void; rating: Rating; mode: MeetingMode; onMode: (m: MeetingMode) => void }) {
  const styles = useStyles();
  return (
    <section aria-labelledby="rating-heading">
      <h2 id="rating-heading">How: green, amber or red</h2>
      <fieldset>
        <legend>Tick every factor that applies</legend>
        <ul className={styles.list}>
          {FACTORS.map((f) => (
            <li key={f.key}>
              <Checkbox checked={Boolean(props.factors[f.key])} onChange={(_e, d) => props.onFactor(f.key, d.checked === true)} label={`${f.label} (${f.level})`} />
            </li>
          ))}
        </ul>
      </fieldset>
      <div className={styles.rating} role="status" aria-live="polite">
        <strong>Rating: {props.rating.level}</strong>, because: {props.rating.reasons.join('; ')}. {meaningOf[props.rating.level]}
      </div>
      <Field label="How the meeting is held">
        <RadioGroup value={props.mode} onChange={(_e, d) => props.onMode(d.value as MeetingMode)}>
          <Radio value="virtual" label="Teams meeting" />
          <Radio value="hybrid" label="Hybrid (in person and Teams)" />
          <Radio value="in-person" label="In person" />
        </RadioGroup>
      </Field>
    </section>
  );
}
