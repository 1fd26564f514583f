/**
 * The FROM clause that reads a review with each step's record beside it: the review cycle
 * (`r`), its plan (`p`) and child (`c`), and, where recorded, the meeting (`m`), the report
 * (`rp`), the decision (`d`) and the amendment (`a`). The reminder rules and the SEN2
 * timeliness report both read this shape; writing the seven tables out once keeps their
 * idea of "a review's steps" the same when a step's table changes.
 *
 * @example `select r.id, m.invitations_sent_on from ${reviewStepsFrom} where r.council_id = $1`
 */
export const reviewStepsFrom = `review_cycles r
       join plans p on p.id = r.plan_id
       join children c on c.id = p.child_id
       left join meetings m on m.review_id = r.id
       left join reports rp on rp.review_id = r.id
       left join decisions d on d.review_id = r.id
       left join amendments a on a.review_id = r.id`;
