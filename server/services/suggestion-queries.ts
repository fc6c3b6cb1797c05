// The statements every proposal and decision runs on suggestions and their decisions, prepared once (`prepare`).
import { prepare, preparedInsert, preparedUpdate } from '../store/prepared';

export const suggestionById = prepare((db, p: { id: string }) =>
  db.selectFrom('suggestions').selectAll().where('id', '=', p.id),
);

/** A suggestion's decisions in order, with the name and role of whoever took each. */
export const decisionsOn = prepare((db, p: { id: string }) =>
  db
    .selectFrom('decisions')
    .leftJoin('users', 'users.id', 'decisions.actor_id')
    .selectAll('decisions')
    .select(['users.name as actor_name', 'users.role as actor_role'])
    .where('suggestion_id', '=', p.id)
    .orderBy('seq'),
);

export const insertSuggestion = preparedInsert('suggestions');
export const insertDecision = preparedInsert('decisions');
export const updateSuggestion = preparedUpdate('suggestions');
