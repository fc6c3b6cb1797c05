import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../services/deps';
import { DEAL_ID, getDeal, listDeals, recentActivity } from './deals';
import { dealPage, dealsPage, notFoundPage } from './pages';

/**
 * No script may run on these pages: they show text that agents wrote, and escaping is the first guard, this the
 * second. Frames and styles stay unrestricted: the extension docks its review panel here as an iframe.
 */
const CSP = "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

function send(reply: FastifyReply, status: number, page: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(page);
}

/** The demo CRM: a deals list and deal pages, served without sign-in as a stand-in for a real CRM. */
export async function demoCrmPlugin(app: FastifyInstance, deps: Deps): Promise<void> {
  const list = async (_req: unknown, reply: FastifyReply) => send(reply, 200, dealsPage(await listDeals(deps.db)));
  app.get('/demo', (_req, reply) => reply.redirect('/demo/'));
  app.get('/demo/', list);
  app.get('/demo/deals', list);
  app.get<{ Params: { id: string } }>('/demo/deals/:id', async (req, reply) => {
    const { id } = req.params;
    const deal = DEAL_ID.test(id) ? await getDeal(deps.db, id) : undefined;
    if (!deal) return send(reply, 404, notFoundPage(id));
    return send(reply, 200, dealPage(deal, await recentActivity(deps.db, id)));
  });
}
