// Calendar sync that loses nothing (see docs/calendar-sync.md):
//  - competition_changes: one row per insert, update or delete of a competition, written by a
//    trigger in the writing transaction (so every path, imports included, is logged), with the
//    transaction's id (xid8) and a bigserial. The change feed hands a row out only once every
//    transaction with a smaller id has finished, so a slow transaction cannot be skipped.
//  - competition_tombstones: what is left of a deleted competition for COMPETITION_TOMBSTONE_DAYS.
//  - competitions.sequence: grows by one with each change (iCalendar SEQUENCE).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`ALTER TABLE competitions ADD COLUMN sequence integer NOT NULL DEFAULT 0`,
    sql`CREATE TABLE competition_changes (
      seq bigserial PRIMARY KEY,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      competition_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'DELETED')),
      country_id char(3) NOT NULL,
      previous_country_id char(3),
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
    sql`CREATE INDEX competition_changes_position_idx ON competition_changes (xid, seq)`,
    sql`CREATE INDEX competition_changes_country_idx ON competition_changes (country_id, xid, seq)`,
    sql`CREATE INDEX competition_changes_previous_country_idx ON competition_changes (previous_country_id, xid, seq)
      WHERE previous_country_id IS NOT NULL`,
    sql`CREATE INDEX competition_changes_competition_idx ON competition_changes (competition_id)`,
    sql`CREATE INDEX competition_changes_changed_at_idx ON competition_changes (changed_at)`,
    // The newest position pruned away: a cursor before it may have missed a pruned delete.
    sql`CREATE TABLE competition_changes_horizon (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      xid xid8 NOT NULL,
      seq bigint NOT NULL
    )`,
    sql`CREATE TABLE competition_tombstones (
      id uuid PRIMARY KEY,
      country_id char(3) NOT NULL,
      date date NOT NULL,
      finish_date date NOT NULL,
      full_name text NOT NULL,
      slug text NOT NULL,
      organiser_id uuid,
      sequence integer NOT NULL,
      deleted_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
    sql`CREATE INDEX competition_tombstones_country_date_idx ON competition_tombstones (country_id, date)`,
    sql`CREATE INDEX competition_tombstones_deleted_at_idx ON competition_tombstones (deleted_at)`,
    sql`CREATE FUNCTION competition_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.sequence := OLD.sequence + 1;
        RETURN NEW;
      END $$`,
    sql`CREATE TRIGGER competitions_sequence BEFORE UPDATE ON competitions
      FOR EACH ROW EXECUTE FUNCTION competition_sequence()`,
    sql`CREATE FUNCTION competition_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          DELETE FROM competition_tombstones WHERE id = NEW.id;
          INSERT INTO competition_changes (competition_id, kind, country_id) VALUES (NEW.id, 'CREATED', NEW.country_id);
          RETURN NEW;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO competition_changes (competition_id, kind, country_id, previous_country_id)
          VALUES (NEW.id, 'UPDATED', NEW.country_id,
                  CASE WHEN NEW.country_id IS DISTINCT FROM OLD.country_id THEN OLD.country_id END);
          RETURN NEW;
        ELSE
          INSERT INTO competition_tombstones (id, country_id, date, finish_date, full_name, slug, organiser_id, sequence)
          VALUES (OLD.id, OLD.country_id, OLD.date, OLD.finish_date, OLD.full_name, OLD.slug, OLD.organiser_id, OLD.sequence + 1)
          ON CONFLICT (id) DO UPDATE SET country_id = EXCLUDED.country_id, date = EXCLUDED.date,
            finish_date = EXCLUDED.finish_date, full_name = EXCLUDED.full_name, slug = EXCLUDED.slug,
            organiser_id = EXCLUDED.organiser_id, sequence = EXCLUDED.sequence, deleted_at = EXCLUDED.deleted_at;
          INSERT INTO competition_changes (competition_id, kind, country_id) VALUES (OLD.id, 'DELETED', OLD.country_id);
          RETURN OLD;
        END IF;
      END $$`,
    sql`CREATE TRIGGER competitions_log_change AFTER INSERT OR UPDATE OR DELETE ON competitions
      FOR EACH ROW EXECUTE FUNCTION competition_log_change()`,
    // Competitions stored before this migration enter the feed as created.
    sql`INSERT INTO competition_changes (competition_id, kind, country_id)
      SELECT id, 'CREATED', country_id FROM competitions ORDER BY created, id`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS competitions_log_change ON competitions`.execute(db);
  await sql`DROP TRIGGER IF EXISTS competitions_sequence ON competitions`.execute(db);
  await sql`DROP FUNCTION IF EXISTS competition_log_change()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS competition_sequence()`.execute(db);
  await sql`DROP TABLE IF EXISTS competition_tombstones, competition_changes_horizon, competition_changes`.execute(db);
  await sql`ALTER TABLE competitions DROP COLUMN IF EXISTS sequence`.execute(db);
}
