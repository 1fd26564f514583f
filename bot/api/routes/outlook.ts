import type { Request } from 'express';
import { Router } from 'express';
import { attachAdvice, enableTeams } from '../../app/outlookMeeting';
import { GraphNotConfiguredError } from '../../app/outlookErrors';
import type { GraphClient } from '../../graph';
import type { Principal } from '../../store/principal';
import { type ApiContext, authorise } from '../context';
import type { GraphAccess } from '../graphAccess';
import { reviewIdOf } from './reviews';

export interface OutlookRouteOptions extends ApiContext {
  graph?: GraphAccess | undefined;
  /** How long to wait for Graph to provision a Teams join link. */
  teamsJoinUrl?: { attempts: number; intervalMs: number };
  /** The app's id in the Teams catalogue and the service's address: the review tab goes into the meeting's chat. */
  meetingTab?: { teamsAppId: string | undefined; publicUrl: () => string } | undefined;
}

/**
 * What the add-in asks the service to do to the Outlook meeting through Graph, as the
 * signed-in user (on-behalf-of): office-js cannot switch the Teams toggle, and large
 * files go through an upload session the add-in cannot drive (bot/app/outlookMeeting).
 */
export function outlookRoutes(ctx: OutlookRouteOptions): Router {
  const router = Router();
  const graphFor = (req: Request, principal: Principal) => (): GraphClient => {
    if (!ctx.graph) throw new GraphNotConfiguredError();
    const token = (req.get('authorization') ?? '').replace(/^bearer\s+/i, '');
    return ctx.graph.forCaller(token, principal);
  };

  router.post('/api/reviews/:id/outlook/teams', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/outlook/teams');
    const done = await enableTeams(ctx, { principal, reviewId: reviewIdOf(req), input: req.body, ifMatch: req.get('if-match'), graph: graphFor(req, principal), teamsJoinUrl: ctx.teamsJoinUrl, meetingTab: ctx.meetingTab });
    res.status(200).json(done);
  });

  router.post('/api/reviews/:id/outlook/attachments', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/outlook/attachments');
    const { status, body } = await attachAdvice(ctx, { principal, reviewId: reviewIdOf(req), input: req.body, ifMatch: req.get('if-match'), graph: graphFor(req, principal) });
    res.status(status).json(body);
  });
  return router;
}
