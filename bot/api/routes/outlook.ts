import type { Request } from 'express';
import { Router } from 'express';
import { type GraphClient, attachFile, enableTeamsMeeting, openFileContent } from '../../graph';
import { appendAudit } from '../../store/audit';
import { InvalidInputError, NotFoundError } from '../../store/errors';
import type { Principal } from '../../store/principal';
import { loadReview } from '../../store/reviews/loadReview';
import { type ApiContext, authorise } from '../context';
import type { GraphAccess } from '../graphAccess';
import { AdviceNotInDriveError, AttachmentFailedError, GraphNotConfiguredError, MeetingNotBookedError, TeamsMeetingFailedError } from '../outlookErrors';
import { attachBody, parseWith, teamsBody } from '../../app/schemas';
import { reviewIdOf } from './reviews';

export interface OutlookRouteOptions extends ApiContext {
  graph?: GraphAccess | undefined;
  /** How long to wait for Graph to provision a Teams join link. */
  teamsJoinUrl?: { attempts: number; intervalMs: number };
}

/**
 * What the add-in asks the service to do to the Outlook meeting through Graph, as the
 * signed-in user (on-behalf-of): office-js cannot switch the Teams toggle, and large
 * files go through an upload session the add-in cannot drive.
 */
export function outlookRoutes(ctx: OutlookRouteOptions): Router {
  const router = Router();
  const graphFor = (req: Request, principal: Principal): GraphClient => {
    if (!ctx.graph) throw new GraphNotConfiguredError();
    const token = (req.get('authorization') ?? '').replace(/^bearer\s+/i, '');
    return ctx.graph.forCaller(token, principal);
  };
  const bookedMeeting = async (principal: Principal, id: string, eventId: string) => {
    await loadReview(ctx.db, principal, id, ctx.today());
    const [meeting] = await ctx.db.query<{ outlook_event_id: string | null }>('select outlook_event_id from meetings where review_id = $1', [id]);
    if (!meeting || meeting.outlook_event_id !== eventId) throw new MeetingNotBookedError();
  };

  router.post('/api/reviews/:id/outlook/teams', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/outlook/teams');
    const id = reviewIdOf(req);
    const input = parseWith(teamsBody, req.body);
    if (!input.ok) throw new InvalidInputError(input.problems);
    await bookedMeeting(principal, id, input.value.eventId);
    const gc = graphFor(req, principal);
    let joinUrl: string;
    try {
      joinUrl = (await enableTeamsMeeting(gc, 'me', input.value.eventId, ctx.teamsJoinUrl ?? {})).joinUrl;
    } catch (error) {
      ctx.logger.warn('teams meeting failed', { reviewId: id, error: (error as Error).message });
      throw new TeamsMeetingFailedError((error as Error).message.replace(/\.$/, ''));
    }
    await ctx.db.transaction(async (tx) => {
      const [before] = await tx.query('select teams_join_url from meetings where review_id = $1', [id]);
      await tx.query('update meetings set teams_join_url = $2 where review_id = $1', [id, joinUrl]);
      await appendAudit(tx, principal, 'meeting.teams-enabled', 'review', id, before ?? null, { teams_join_url: joinUrl });
    });
    res.status(200).json({ reviewId: id, joinUrl });
  });

  router.post('/api/reviews/:id/outlook/attachments', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/outlook/attachments');
    const id = reviewIdOf(req);
    const input = parseWith(attachBody, req.body);
    if (!input.ok) throw new InvalidInputError(input.problems);
    const { eventId, adviceItemId } = input.value;
    await bookedMeeting(principal, id, eventId);
    const [item] = await ctx.db.query<{ drive_id: string | null; item_id: string | null; file_name: string | null }>(
      'select drive_id, item_id, file_name from advice_items where id = $1 and review_id = $2',
      [adviceItemId, id],
    );
    if (!item) throw new NotFoundError(`Advice item ${adviceItemId}`);
    const name = item.file_name ?? `advice-${adviceItemId}`;
    const [done] = await ctx.db.query<{ attachment_id: string; size: string }>(
      'select attachment_id, size from meeting_attachments where review_id = $1 and advice_item_id = $2 and outlook_event_id = $3',
      [id, adviceItemId, eventId],
    );
    // Attaching twice would give the meeting two copies; a retry after success answers the same.
    if (done) {
      res.status(200).json({ reviewId: id, adviceItemId, name, size: Number(done.size), attachmentId: done.attachment_id, replayed: true });
      return;
    }
    if (!item.drive_id || !item.item_id) throw new AdviceNotInDriveError(name);
    const gc = graphFor(req, principal);
    let attached: Awaited<ReturnType<typeof attachFile>>;
    try {
      const file = await openFileContent(gc, { driveId: item.drive_id, itemId: item.item_id });
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(Buffer.from(chunk as Uint8Array));
      attached = await attachFile(gc, { mailbox: 'me', kind: 'events', id: eventId }, { name, contentType: file.contentType, content: Buffer.concat(chunks) });
    } catch (error) {
      ctx.logger.warn('attachment failed', { reviewId: id, adviceItemId, error: (error as Error).message });
      throw new AttachmentFailedError(name, (error as Error).message.replace(/\.$/, ''));
    }
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        `insert into meeting_attachments (review_id, advice_item_id, outlook_event_id, attachment_id, size, attached_by) values ($1, $2, $3, $4, $5, $6)
         on conflict do nothing`,
        [id, adviceItemId, eventId, attached.attachmentId, attached.size, principal.personId],
      );
      await appendAudit(tx, principal, 'advice.attached', 'review', id, null, { adviceItemId, fileName: name, size: attached.size, via: attached.via });
    });
    res.status(201).json({ reviewId: id, adviceItemId, name, size: attached.size, via: attached.via, attachmentId: attached.attachmentId });
  });
  return router;
}
