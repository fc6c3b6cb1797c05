import { sql, type Kysely, type Migration } from 'kysely';

/** One set of migrations for SQLite and PostgreSQL: portable column types only. */
export const migrations: Record<string, Migration> = {
  '001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('team', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createTable('suggestions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('crm', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('record_name', 'text')
        .addColumn('change_set', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('confidence', 'double precision', (c) => c.notNull())
        .addColumn('impact', 'text', (c) => c.notNull())
        .addColumn('amount', 'double precision', (c) => c.notNull())
        .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('assignee_user', 'text')
        .addColumn('assignee_team', 'text')
        .addColumn('lane', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('routing_rule', 'text', (c) => c.notNull())
        .addColumn('routing_detail', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('timeout_action', 'text')
        .addColumn('condition', 'text')
        .addColumn('approvals', 'text', (c) => c.notNull())
        .addColumn('final_change_set', 'text')
        .addColumn('final_hash', 'text')
        .addColumn('outcome', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('created_seq', 'bigint', (c) => c.notNull().unique())
        .addColumn('last_seq', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('suggestions_record').on('suggestions').columns(['crm', 'record_id']).execute();
      await db.schema
        .createIndex('suggestions_status_expiry')
        .on('suggestions')
        .columns(['status', 'expires_at'])
        .execute();
      await db.schema.createIndex('suggestions_last_seq').on('suggestions').column('last_seq').execute();
      await db.schema
        .createTable('decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('condition', 'text')
        .addColumn('opened_ms', 'bigint')
        .addColumn('final_change_set', 'text')
        .addColumn('final_hash', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('decisions_suggestion').on('decisions').column('suggestion_id').execute();
      await db.schema
        .createTable('idempotency')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_pk', ['user_id', 'key'])
        .execute();
      await db.schema
        .createTable('audit_events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('suggestion_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_suggestion').on('audit_events').column('suggestion_id').execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);
      await db.schema
        .createTable('policy')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
    },
  },
  /** The demo CRM's own records, which its built-in connector changes when a person approves. */
  '002_demo_crm': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('demo_deals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('amount', 'double precision', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('close_date', 'text')
        .addColumn('next_step', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('demo_activity')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('deal_id', 'text', (c) => c.notNull().references('demo_deals.id'))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('suggestion_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('lines', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('demo_activity_deal').on('demo_activity').columns(['deal_id', 'seq']).execute();
    },
  },
  /** The outbox of approved items that a signed webhook executes. */
  '003_webhook_outbox': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_outbox')
        .addColumn('suggestion_id', 'text', (c) => c.primaryKey().references('suggestions.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_at', 'bigint', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_outbox_due').on('webhook_outbox').columns(['state', 'next_at']).execute();
    },
  },
  /** Idempotency answers expire (see `pruneIdempotency`): found by age. */
  '004_idempotency_age': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('idempotency_created').on('idempotency').column('created_at').execute();
    },
  },
  /** Metrics take the proposals of a window (see `withFacts`): found by age, not by reading the whole history. */
  '005_suggestions_age': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('suggestions_created').on('suggestions').column('created_at').execute();
    },
  },
  /**
   * A connector's catch-up takes the approved items of its own CRM, oldest first (see `startExecutors`): found
   * without reading every approved item of every other CRM, which stay approved until their agent reports back.
   */
  '006_suggestions_approved_by_crm': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('suggestions_status_crm_updated')
        .on('suggestions')
        .columns(['status', 'crm', 'updated_at'])
        .execute();
    },
  },
};

/** The hash the first event chains to. */
export const GENESIS_HASH = '0'.repeat(64);
