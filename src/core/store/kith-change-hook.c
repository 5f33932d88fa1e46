/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"
/* sqlite3_preupdate_hook(): Debian's SQLite is built with it */
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "kith-change-hook.h"
#include "kith-statement.h"

/*
 * Every row the store's connection writes goes into what KithStore::changed reports, without
 * the writers (records, timeline, mail, undo) having to say which: the connection tells, through
 * SQLite's pre-update hook. A row of `records` names its record and kind; a row that belongs to
 * one record (a channel, a tag given, a timeline party, a to-do's person, a file…) names that
 * record; a row no record owns (a stage's name, a tag's, a setting) makes the change "shared".
 * An update of a timeline item or a to-do names no record in its own row: the records it
 * belongs to are looked up once the transaction committed, with the companies and projects
 * whose timelines show the records named (kith_change_hook_take()).
 */

/* Item and to-do ids kept to look up; beyond, the changes say "many" */
#define MAX_ITEMS 1000

typedef enum {
  TABLE_SHARED,   /* anything not listed: no record owns it */
  TABLE_IGNORED,  /* bookkeeping no list shows: undo, the mail index, notifications */
  TABLE_RECORDS,
  TABLE_DETAILS,  /* rows that belong to a record, named by their columns */
  TABLE_ITEMS,    /* timeline items and to-dos: their people are in other tables */
  TABLE_AREA,     /* rows of no record that a list of their own shows: names its area */
} TableClass;

static const struct {
  const char *name;
  TableClass  class;
  const char *columns[2];   /* what names the record(s), for TABLE_DETAILS */
  KithStoreArea area;       /* for TABLE_AREA */
} tables[] = {
  { "records", TABLE_RECORDS, { NULL } },
  { "channels", TABLE_DETAILS, { "record_id" } },
  { "addresses", TABLE_DETAILS, { "record_id" } },
  { "app_links", TABLE_DETAILS, { "record_id" } },
  { "occasions", TABLE_DETAILS, { "record_id" } },
  { "record_tags", TABLE_DETAILS, { "record_id" } },
  { "custom_values", TABLE_DETAILS, { "record_id" } },
  { "project_members", TABLE_DETAILS, { "project_id", "record_id" } },
  { "timeline_people", TABLE_DETAILS, { "record_id" } },
  { "todo_people", TABLE_DETAILS, { "record_id" } },
  { "audit", TABLE_DETAILS, { "record_id" } },
  { "files", TABLE_DETAILS, { "record_id" } },
  { "timeline", TABLE_ITEMS, { NULL } },
  { "todos", TABLE_ITEMS, { NULL } },
  { "undo", TABLE_IGNORED, { NULL } },
  { "notified", TABLE_IGNORED, { NULL } },
  { "mail_accounts", TABLE_IGNORED, { NULL } },
  { "mail_messages", TABLE_IGNORED, { NULL } },
  { "mail_addresses", TABLE_IGNORED, { NULL } },
  { "mail_archive_queue", TABLE_IGNORED, { NULL } },
  { "mail_copies", TABLE_IGNORED, { NULL } },
  { "mail_folders", TABLE_IGNORED, { NULL } },
  { "name_order", TABLE_IGNORED, { NULL } },
  { "outgoing", TABLE_AREA, { NULL }, KITH_STORE_AREA_OUTGOING },
  { "signatures", TABLE_AREA, { NULL }, KITH_STORE_AREA_SIGNATURES },
  { "templates", TABLE_AREA, { NULL }, KITH_STORE_AREA_TEMPLATES },
  /* What a merge's messages did in the Outbox, followed: the Mail Merges page shows it */
  { "mail_merges", TABLE_AREA, { NULL }, KITH_STORE_AREA_OUTGOING },
  { "mail_merge_recipients", TABLE_AREA, { NULL }, KITH_STORE_AREA_OUTGOING },
};

typedef struct {
  TableClass    class;
  int           columns[2];  /* indexes of tables[].columns, -1 for none */
  KithStoreArea area;
} Table;

struct _KithChangeHook
{
  sqlite3          *db;
  GHashTable       *tables;       /* name → Table */
  int               kind_column;  /* of `records` */
  int               company_column;
  int               sort_name_column;
  int               last_contact_column;
  gboolean          contact_update;  /* the statement running changes last contacts alone */
  gboolean          names_moved;    /* a record came, went or changed its name or kind */
  KithStoreChanges *changes;      /* of the open transaction */
  GArray           *items;        /* timeline items updated */
  GArray           *todos;        /* to-dos updated */
};

static gboolean
values_differ (sqlite3_value *a,
               sqlite3_value *b)
{
  int type = sqlite3_value_type (a);

  if (type != sqlite3_value_type (b))
    return TRUE;

  switch (type)
    {
    case SQLITE_NULL:
      return FALSE;
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (a) != sqlite3_value_int64 (b);
    case SQLITE_FLOAT:
      return sqlite3_value_double (a) != sqlite3_value_double (b);
    default:
      {
        const void *blob_a = sqlite3_value_blob (a);
        const void *blob_b = sqlite3_value_blob (b);
        int n = sqlite3_value_bytes (a);

        return n != sqlite3_value_bytes (b) || (n > 0 && memcmp (blob_a, blob_b, n) != 0);
      }
    }
}

static guint64
changed_columns (sqlite3 *db)
{
  guint64 columns = 0;
  int n = MIN (sqlite3_preupdate_count (db), 64);

  for (int i = 0; i < n; i++)
    {
      sqlite3_value *before = NULL, *after = NULL;

      if (sqlite3_preupdate_old (db, i, &before) == SQLITE_OK &&
          sqlite3_preupdate_new (db, i, &after) == SQLITE_OK &&
          values_differ (before, after))
        columns |= G_GUINT64_CONSTANT (1) << i;
    }

  return columns;
}

/* Whether an update changes @column (-1: not known, so it may) */
static gboolean
column_changed (sqlite3 *db,
                int      column)
{
  sqlite3_value *before = NULL;
  sqlite3_value *after = NULL;

  return column < 0 ||
         sqlite3_preupdate_old (db, column, &before) != SQLITE_OK ||
         sqlite3_preupdate_new (db, column, &after) != SQLITE_OK ||
         values_differ (before, after);
}

static void
record_row (KithChangeHook *self,
            int             op,
            sqlite3_int64   old_id,
            sqlite3_int64   new_id)
{
  sqlite3_value *kind = NULL;
  int rc;

  if (op == SQLITE_DELETE)
    rc = sqlite3_preupdate_old (self->db, self->kind_column, &kind);
  else
    rc = sqlite3_preupdate_new (self->db, self->kind_column, &kind);
  if (rc != SQLITE_OK)
    return;

  if (op == SQLITE_UPDATE && old_id == new_id && self->contact_update)
    {
      /* Neither name nor kind moved, and of some thirty columns only one is compared: a
       * transaction's end writes the last contacts of thousands of records an import touched */
      kith_store_changes_add_row (self->changes, sqlite3_value_int (kind), new_id, FALSE,
                                  column_changed (self->db, self->last_contact_column)
                                  ? G_GUINT64_CONSTANT (1) << self->last_contact_column : 0);
    }
  else
    {
      if (op != SQLITE_UPDATE || old_id != new_id || column_changed (self->db, self->kind_column) ||
          column_changed (self->db, self->sort_name_column))
        self->names_moved = TRUE;

      kith_store_changes_add_row (self->changes, sqlite3_value_int (kind), op == SQLITE_DELETE ? old_id : new_id,
                                  op != SQLITE_UPDATE || old_id != new_id,
                                  op == SQLITE_UPDATE ? changed_columns (self->db) : 0);
    }

  /* The company a person leaves shows their timeline no more; the one they join is looked up
   * with the rest (kith_change_hook_take()) */
  if (op != SQLITE_INSERT && self->company_column >= 0)
    {
      sqlite3_value *company = NULL;

      if (sqlite3_preupdate_old (self->db, self->company_column, &company) == SQLITE_OK &&
          sqlite3_value_type (company) == SQLITE_INTEGER)
        kith_store_changes_add_named (self->changes, sqlite3_value_int64 (company));
    }
}

/* Names the record in @column of the row before (@old) or after the write */
static void
record_named (KithChangeHook *self,
              int             column,
              gboolean        old)
{
  sqlite3_value *value = NULL;
  int rc = old ? sqlite3_preupdate_old (self->db, column, &value)
               : sqlite3_preupdate_new (self->db, column, &value);

  if (rc == SQLITE_OK && sqlite3_value_type (value) == SQLITE_INTEGER)
    kith_store_changes_add_detail (self->changes, sqlite3_value_int64 (value));
}

/* A row that belongs to a record: the record it belonged to and the one it belongs to now */
static void
record_detail (KithChangeHook *self,
               const Table    *table,
               int             op)
{
  for (guint i = 0; i < G_N_ELEMENTS (table->columns) && table->columns[i] >= 0; i++)
    {
      if (op != SQLITE_INSERT)
        record_named (self, table->columns[i], TRUE);
      if (op != SQLITE_DELETE)
        record_named (self, table->columns[i], FALSE);
    }
}

/* An item or to-do added or deleted names its people in the rows that come or go with it; one
 * updated is looked up once committed */
static void
record_item (KithChangeHook *self,
             const char     *table,
             int             op,
             sqlite3_int64   id)
{
  GArray *ids = g_str_equal (table, "timeline") ? self->items : self->todos;

  kith_store_changes_add_detail (self->changes, 0);
  if (op != SQLITE_UPDATE)
    return;

  if (ids->len >= MAX_ITEMS)
    kith_store_changes_add_many (self->changes);
  else
    g_array_append_val (ids, id);
}

/* Runs inside sqlite3_step(), so it only reads the row's values; nothing runs SQL here */
static void
on_preupdate (void          *data,
              sqlite3       *db,
              int            op,
              const char    *db_name,
              const char    *name,
              sqlite3_int64  old_id,
              sqlite3_int64  new_id)
{
  KithChangeHook *self = data;
  const Table *table;

  if (strcmp (db_name, "main") != 0 || g_str_has_prefix (name, "sqlite_") || strstr (name, "_fts") != NULL)
    return;

  table = g_hash_table_lookup (self->tables, name);
  switch (table != NULL ? table->class : TABLE_SHARED)
    {
    case TABLE_SHARED:
      kith_store_changes_add_shared (self->changes);
      break;
    case TABLE_IGNORED:
      break;
    case TABLE_RECORDS:
      if (self->kind_column >= 0)
        record_row (self, op, old_id, new_id);
      break;
    case TABLE_DETAILS:
      record_detail (self, table, op);
      break;
    case TABLE_ITEMS:
      record_item (self, name, op, op == SQLITE_DELETE ? old_id : new_id);
      break;
    case TABLE_AREA:
      kith_store_changes_add_area (self->changes, table->area);
      break;
    }
}

/* The columns of @name, in order */
static GStrv
table_columns (sqlite3    *db,
               const char *name)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?) ORDER BY cid", -1, &stmt, NULL) != SQLITE_OK)
    return g_strv_builder_end (names);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return g_strv_builder_end (names);
}

static int
column_index (GStrv       columns,
              const char *name)
{
  for (guint i = 0; name != NULL && columns[i] != NULL; i++)
    if (g_str_equal (columns[i], name))
      return (int) i;

  return -1;
}

/* Learns where each table names its record; the columns of `records` name what an update
 * changed */
static void
learn_tables (KithChangeHook *self)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_auto(GStrv) columns = table_columns (self->db, tables[t].name);
      Table *table = g_new0 (Table, 1);

      table->class = tables[t].class;
      table->area = tables[t].area;
      for (guint i = 0; i < G_N_ELEMENTS (table->columns); i++)
        table->columns[i] = column_index (columns, tables[t].columns[i]);
      g_hash_table_insert (self->tables, (gpointer) tables[t].name, table);

      if (table->class == TABLE_RECORDS)
        {
          self->kind_column = column_index (columns, "kind");
          self->company_column = column_index (columns, "company_id");
          self->sort_name_column = column_index (columns, "sort_name");
          self->last_contact_column = column_index (columns, "last_contact");
          kith_store_changes_set_columns (g_steal_pointer (&columns));
        }
    }
}

/**
 * kith_change_hook_new:
 * @db: the store's connection, migrated
 *
 * Starts gathering what @db writes.
 */
KithChangeHook *
kith_change_hook_new (sqlite3 *db)
{
  KithChangeHook *self = g_new0 (KithChangeHook, 1);

  self->db = db;
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->kind_column = -1;
  self->company_column = -1;
  self->sort_name_column = -1;
  self->last_contact_column = -1;
  self->changes = kith_store_changes_new ();
  self->items = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->todos = g_array_new (FALSE, FALSE, sizeof (gint64));
  learn_tables (self);
  sqlite3_preupdate_hook (db, on_preupdate, self);

  return self;
}

void
kith_change_hook_free (KithChangeHook *self)
{
  sqlite3_preupdate_hook (self->db, NULL, NULL);
  g_hash_table_unref (self->tables);
  kith_store_changes_unref (self->changes);
  g_array_unref (self->items);
  g_array_unref (self->todos);
  g_free (self);
}

/**
 * kith_change_hook_set_contact_update:
 * @contact_update: %TRUE while a statement that changes only `records.last_contact` runs
 *
 * The rows it updates are compared on that column alone (kith-store.c's last contacts).
 */
void
kith_change_hook_set_contact_update (KithChangeHook *self,
                                     gboolean        contact_update)
{
  self->contact_update = contact_update && self->last_contact_column >= 0 && self->last_contact_column < 64;
}

/* A writer names a kind it changed: kith_store_mark_changed() */
void
kith_change_hook_mark (KithChangeHook *self,
                       KithRecordKind  kind)
{
  kith_store_changes_add_kinds (self->changes, 1u << kind);
}

/* Record @id's search text was indexed again: a query can match it now, or no longer */
void
kith_change_hook_add_indexed (KithChangeHook *self,
                              gint64          id)
{
  kith_store_changes_add_named (self->changes, id);
}

gboolean
kith_change_hook_is_empty (KithChangeHook *self)
{
  return kith_store_changes_is_empty (self->changes);
}

static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* Names the records @sql finds for @ids, bound as a JSON array to ?1 */
static void
name_found (KithChangeHook *self,
            KithStore      *store,
            const char     *sql,
            GArray         *ids)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *json = NULL;

  if (ids == NULL || ids->len == 0 || !kith_statement_prepare (&st, store, sql, NULL))
    return;

  json = ids_to_json (ids);
  kith_statement_bind_text (&st, 1, json);
  while (kith_statement_step (&st, NULL))
    kith_store_changes_add_named (self->changes, kith_statement_column_int64 (&st, 0));
}

/**
 * kith_change_hook_take:
 * @store: the store, locked, whose transaction just committed
 *
 * Returns: (transfer full): what the transaction changed, with the records of the items and
 *   to-dos it updated and the companies and projects that show the records named; gathering
 *   starts again
 */
KithStoreChanges *
kith_change_hook_take (KithChangeHook *self,
                       KithStore      *store)
{
  g_autoptr(GArray) named = NULL;
  KithStoreChanges *changes;

  name_found (self, store, "SELECT record_id FROM timeline_people WHERE record_id IS NOT NULL "
                           "AND item_id IN (SELECT value FROM json_each (?1))", self->items);
  name_found (self, store, "SELECT record_id FROM todo_people WHERE todo_id IN (SELECT value FROM json_each (?1))",
              self->todos);
  /* A company's timeline shows its people's items, a project's its participants' */
  named = kith_store_changes_dup_ids (self->changes);
  name_found (self, store, "SELECT company_id FROM records WHERE company_id IS NOT NULL "
                           "AND id IN (SELECT value FROM json_each (?1)) "
                           "UNION SELECT project_id FROM project_members "
                           "WHERE record_id IN (SELECT value FROM json_each (?1))", named);
  g_array_set_size (self->items, 0);
  g_array_set_size (self->todos, 0);

  kith_store_changes_seal (self->changes);
  changes = g_steal_pointer (&self->changes);
  self->changes = kith_store_changes_new ();

  return changes;
}

/* The transaction rolled back: nothing it wrote happened */
void
kith_change_hook_reset (KithChangeHook *self)
{
  self->names_moved = FALSE;
  kith_store_changes_unref (self->changes);
  self->changes = kith_store_changes_new ();
  g_array_set_size (self->items, 0);
  g_array_set_size (self->todos, 0);
}

/**
 * kith_change_hook_get_names_moved:
 *
 * Whether a record came, went or changed its name or kind since the store last counted such a
 * change in `name_order` (kith_change_hook_clear_names_moved ()): the order of names a search
 * keeps in memory (src/core/search/kith-name-order.c) may not be the names' order then.
 */
gboolean
kith_change_hook_get_names_moved (KithChangeHook *self)
{
  return self->names_moved;
}

/* The store counted the change in `name_order`, in the transaction that made it */
void
kith_change_hook_clear_names_moved (KithChangeHook *self)
{
  self->names_moved = FALSE;
}
