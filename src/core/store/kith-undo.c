/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithUndo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-files.h"
#include "kith-outbox-private.h"
#include "kith-statement.h"
#include "kith-store-private.h"
#include "kith-templates-private.h"
#include "kith-timeline-private.h"
#include "kith-undo.h"

/*
 * Undo of deletes and merges.
 *
 * In the transaction that deletes or merges records, every row that goes with them (emails,
 * phones, tags, custom values, to-do and deal memberships, files, …) and every row that points
 * at them (timeline participants, audit entries, a company's people) is copied into the undo
 * table. Undo writes the rows back verbatim, with their ids, in one transaction.
 *
 * A snapshot rather than a "deleted" flag: a flag would have to be honoured by every query,
 * lookup, sync-key match, agenda section and list — each one a chance to show a deleted person
 * or to file mail under one. With a snapshot the live tables are exactly as if the record were
 * gone. The tables are found from the schema (the foreign keys to records), so a table added
 * later is covered without a change here.
 *
 * Two waiting deletes may link to each other (a company and one of its people, a deal and a
 * participant): a link the first undo cannot write back, because the other record is still
 * deleted, is handed to the other undo (hand_over()), so either order restores both.
 *
 * While a snapshot waits, its record ids are not handed out again (insert_record() starts above
 * max_record_id), and copied files stay in files/<id>/: they are removed only when the delete
 * becomes final — kith_store_forget_undo(), or an hour later (looked for when the store opens
 * and before each delete or merge).
 *
 * A timeline item deleted alone (kith_store_delete_timeline_item_with_undo()) is kept the same
 * way: its row, the people it names and the mail that pointed at it (kith_undo_snapshot_item());
 * so is a to-do: its row and who it is about (kith_undo_snapshot_todo()), and an email template:
 * its row; its next steps keep its name, which links them again (kith_undo_snapshot_template()).
 */

#define KEEP_MS (60 * 60 * 1000)

typedef struct {
  char     *table;
  char     *column;
  gboolean  owned;       /* ON DELETE CASCADE: the row goes with the record */
} Reference;

static void
reference_free (Reference *r)
{
  g_free (r->table);
  g_free (r->column);
  g_free (r);
}

/* Identifiers in the SQL below come from the schema, never from input; quoted all the same. */
static char *
quote (const char *identifier)
{
  g_autoptr(GString) s = g_string_new ("\"");

  for (const char *p = identifier; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GPtrArray *
list_references (KithStore  *self,
                 GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *refs;

  if (!kith_statement_prepare (&st, self, "SELECT m.name, f.\"from\", f.on_delete FROM sqlite_schema m "
                                          "JOIN pragma_foreign_key_list(m.name) f "
                                          "WHERE m.type = 'table' AND f.\"table\" = 'records' "
                                          "ORDER BY m.name, f.id", error))
    return NULL;

  refs = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);
  while (kith_statement_step (&st, NULL))
    {
      Reference *r = g_new0 (Reference, 1);

      r->table = kith_statement_dup_text (&st, 0);
      r->column = kith_statement_dup_text (&st, 1);
      r->owned = g_ascii_strcasecmp (kith_statement_column_text (&st, 2), "CASCADE") == 0;
      g_ptr_array_add (refs, r);
    }

  return refs;
}

static gboolean
has_rowid (KithStore  *self,
           const char *table)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT wr FROM pragma_table_list(?) WHERE schema = 'main'", NULL))
    return FALSE;
  kith_statement_bind_text (&st, 1, table);

  /* wr: WITHOUT ROWID */
  return kith_statement_get_int64 (&st, NULL) == 0;
}

/* A row as {column: value}; @seen tells whether @table has had it already */
static JsonObject *
read_row (KithStatement *st,
          const char    *table,
          GHashTable    *seen)
{
  g_autoptr(JsonObject) row = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  for (int i = 0; i < kith_statement_column_count (st); i++)
    json_object_set_member (row, kith_statement_column_name (st, i), kith_statement_column_to_json (st, i));

  node = json_node_init_object (json_node_alloc (), row);
  json = json_to_string (node, FALSE);
  if (!g_hash_table_add (seen, g_strconcat (table, ":", json, NULL)))
    return NULL;

  return g_steal_pointer (&row);
}

/* Appends the rows of @table whose @column is @id to @rows, each as {column: value}, with the
 * rowid as "_rowid_" where the table has one. @seen drops a row that two records share. */
static gboolean
copy_rows (KithStore   *self,
           const char  *table,
           const char  *column,
           gint64       id,
           JsonArray   *rows,
           GHashTable  *seen,
           GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *qt = quote (table);
  g_autofree char *qc = quote (column);
  g_autofree char *sql = g_strdup_printf ("SELECT %s* FROM %s WHERE %s = ?",
                                          has_rowid (self, table) ? "_rowid_ AS _rowid_, " : "", qt, qc);

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  while (kith_statement_step (&st, error))
    {
      JsonObject *row = read_row (&st, table, seen);

      if (row != NULL)
        json_array_add_object_element (rows, row);
    }

  return !kith_statement_failed (&st);
}

static JsonArray *
ensure_array (JsonObject *obj,
              const char *member)
{
  if (!json_object_has_member (obj, member))
    json_object_set_array_member (obj, member, json_array_new ());

  return json_object_get_array_member (obj, member);
}

/* The rows of @r's table that point at record @id (and do not go with it), as [table, column,
 * rowid, id] into @refs */
static gboolean
copy_refs (KithStore   *self,
           Reference   *r,
           gint64       id,
           JsonArray   *refs,
           GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *qt = quote (r->table);
  g_autofree char *qc = quote (r->column);
  g_autofree char *sql = g_strdup_printf ("SELECT _rowid_ FROM %s WHERE %s = ?", qt, qc);

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  while (kith_statement_step (&st, NULL))
    {
      JsonArray *ref = json_array_new ();

      json_array_add_string_element (ref, r->table);
      json_array_add_string_element (ref, r->column);
      json_array_add_int_element (ref, kith_statement_column_int64 (&st, 0));
      json_array_add_int_element (ref, id);
      json_array_add_array_element (refs, ref);
    }

  return TRUE;
}

/* Everything that goes with record @id, or points at it, into @snapshot:
 * {"records": [ids], "owned": {table: [rows]}, "refs": [[table, column, rowid, id]]} */
static gboolean
snapshot_record (KithStore   *self,
                 GPtrArray   *references,
                 gint64       id,
                 JsonObject  *snapshot,
                 GHashTable  *seen,
                 GError     **error)
{
  JsonObject *owned;
  JsonArray *refs = ensure_array (snapshot, "refs");

  json_array_add_int_element (ensure_array (snapshot, "records"), id);
  if (!json_object_has_member (snapshot, "owned"))
    json_object_set_object_member (snapshot, "owned", json_object_new ());
  owned = json_object_get_object_member (snapshot, "owned");

  if (!copy_rows (self, "records", "id", id, ensure_array (owned, "records"), seen, error))
    return FALSE;

  for (guint i = 0; i < references->len; i++)
    {
      Reference *r = g_ptr_array_index (references, i);

      if (r->owned)
        {
          if (!copy_rows (self, r->table, r->column, id, ensure_array (owned, r->table), seen, error))
            return FALSE;
        }
      else if (!copy_refs (self, r, id, refs, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kith_undo_snapshot:
 * @ids: the records about to be deleted or merged
 *
 * Returns: (transfer full) (nullable): the rows that undo needs to bring @ids back
 */
JsonObject *
kith_undo_snapshot (KithStore     *self,
                    const gint64  *ids,
                    guint          n_ids,
                    GError       **error)
{
  g_autoptr(GPtrArray) references = list_references (self, error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) snapshot = json_object_new ();

  if (references == NULL)
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    if (!snapshot_record (self, references, ids[i], snapshot, seen, error))
      return NULL;

  return g_steal_pointer (&snapshot);
}

/* A table's rows that go with what is deleted: those whose @column is its id */
typedef struct {
  const char *table;
  const char *column;
} OwnedRows;

/* {"records": [], @member: @id, "owned": {table: [rows], …}} for each of @tables */
static JsonObject *
snapshot_rows (KithStore        *self,
               const char       *member,
               gint64            id,
               const OwnedRows  *tables,
               guint             n_tables,
               GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) snapshot = json_object_new ();
  JsonObject *owned = json_object_new ();

  json_object_set_object_member (snapshot, "owned", owned);
  ensure_array (snapshot, "records");
  json_object_set_int_member (snapshot, member, id);
  for (guint i = 0; i < n_tables; i++)
    if (!copy_rows (self, tables[i].table, tables[i].column, id, ensure_array (owned, tables[i].table), seen, error))
      return NULL;

  return g_steal_pointer (&snapshot);
}

/**
 * kith_undo_snapshot_item:
 * @item_id: a timeline item about to be deleted
 *
 * Returns: (transfer full) (nullable): the item's row, the people it names and the mail that
 *   points at it: {"records": [], "item": id, "owned": {"timeline": [row],
 *   "timeline_people": [rows]}, "refs": [[table, column, rowid, id]]}
 */
JsonObject *
kith_undo_snapshot_item (KithStore  *self,
                         gint64      item_id,
                         GError    **error)
{
  static const OwnedRows tables[] = { { "timeline", "id" }, { "timeline_people", "item_id" } };
  Reference mail = { (char *) "mail_messages", (char *) "item_id", FALSE };
  g_autoptr(JsonObject) snapshot = snapshot_rows (self, "item", item_id, tables, G_N_ELEMENTS (tables), error);

  if (snapshot == NULL || !copy_refs (self, &mail, item_id, ensure_array (snapshot, "refs"), error))
    return NULL;

  return g_steal_pointer (&snapshot);
}

/**
 * kith_undo_snapshot_todo:
 * @todo_id: a to-do about to be deleted
 *
 * Returns: (transfer full) (nullable): the to-do's row and who it is about: {"records": [],
 *   "todo": id, "owned": {"todos": [row], "todo_people": [rows]}}
 */
JsonObject *
kith_undo_snapshot_todo (KithStore  *self,
                         gint64      todo_id,
                         GError    **error)
{
  static const OwnedRows tables[] = { { "todos", "id" }, { "todo_people", "todo_id" } };

  return snapshot_rows (self, "todo", todo_id, tables, G_N_ELEMENTS (tables), error);
}

/**
 * kith_undo_snapshot_template:
 * @template_id: an email template about to be deleted
 *
 * Returns: (transfer full) (nullable): the template's row: {"records": [], "template": id,
 *   "owned": {"templates": [row]}}
 */
JsonObject *
kith_undo_snapshot_template (KithStore  *self,
                             gint64      template_id,
                             GError    **error)
{
  static const OwnedRows tables[] = { { "templates", "id" } };

  return snapshot_rows (self, "template", template_id, tables, G_N_ELEMENTS (tables), error);
}

/**
 * kith_undo_fingerprint:
 *
 * Returns: (transfer full): a digest of record @id and the rows that go with it, to tell later
 *   whether it changed; last_contact is left out, it follows mail that arrives meanwhile
 */
char *
kith_undo_fingerprint (KithStore  *self,
                       gint64      id)
{
  g_autoptr(JsonObject) snapshot = kith_undo_snapshot (self, &id, 1, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonArray *records;

  if (snapshot == NULL)
    return NULL;
  json_object_remove_member (snapshot, "refs");
  records = json_object_get_array_member (json_object_get_object_member (snapshot, "owned"), "records");
  for (guint i = 0; i < json_array_get_length (records); i++)
    json_object_remove_member (json_array_get_object_element (records, i), "last_contact");
  node = json_node_init_object (json_node_alloc (), snapshot);
  text = json_to_string (node, FALSE);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The columns of @table, and the column that is its rowid, if any */
static GHashTable *
table_columns (KithStore   *self,
               const char  *table,
               char       **out_rowid_alias)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *out_rowid_alias = NULL;
  if (!kith_statement_prepare (&st, self, "SELECT name, type, pk, (SELECT count(*) FROM "
                                          "pragma_table_info(?1) WHERE pk > 0) FROM pragma_table_info(?1)",
                               NULL))
    return columns;
  kith_statement_bind_text (&st, 1, table);
  while (kith_statement_step (&st, NULL))
    {
      const char *name = kith_statement_column_text (&st, 0);

      g_hash_table_add (columns, g_strdup (name));
      if (kith_statement_column_int64 (&st, 2) == 1 && kith_statement_column_int64 (&st, 3) == 1 &&
          g_ascii_strcasecmp (kith_statement_column_text (&st, 1), "INTEGER") == 0)
        *out_rowid_alias = g_strdup (name);
    }

  return columns;
}

static gboolean
row_exists (KithStore  *self,
            const char *table,
            gint64      rowid)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *qt = quote (table);
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE _rowid_ = ?", qt);

  if (!kith_statement_prepare (&st, self, sql, NULL))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, rowid);

  return kith_statement_has_row (&st, NULL);
}

/* Whether the undo @data brings back record @id */
static gboolean
undo_has_record (JsonObject *data,
                 gint64      id)
{
  JsonArray *records = kith_json_get_array (data, "records");

  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    if (json_array_get_int_element (records, i) == id)
      return TRUE;

  return FALSE;
}

/* The undo, other than @undo_id, that waits to bring back deleted record @id, with its data */
static gint64
find_waiting_undo (KithStore   *self,
                   gint64       undo_id,
                   gint64       id,
                   JsonObject **out_data)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  *out_data = NULL;
  if (!kith_statement_prepare (&st, self, "SELECT id, data FROM undo WHERE id != ? ORDER BY id DESC", NULL))
    return 0;
  kith_statement_bind_int64 (&st, 1, undo_id);
  while (kith_statement_step (&st, NULL))
    {
      g_autoptr(JsonNode) node = json_from_string (kith_statement_column_text (&st, 1), NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
          undo_has_record (json_node_get_object (node), id))
        {
          *out_data = json_object_ref (json_node_get_object (node));
          return kith_statement_column_int64 (&st, 0);
        }
    }

  return 0;
}

static gboolean
write_undo_data (KithStore   *self,
                 gint64       undo_id,
                 JsonObject  *data,
                 GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), data);
  g_autofree char *text = json_to_string (node, FALSE);

  if (!kith_statement_prepare (&st, self, "UPDATE undo SET data = ? WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, text);
  kith_statement_bind_int64 (&st, 2, undo_id);

  return kith_statement_run (&st, error);
}

/* A row being brought back links to record @target, which is still deleted (a company and one
 * of its people deleted one after the other, undone in either order). The undo that waits to
 * bring @target back takes the link along — @ref, a [table, column, rowid, id] to set again, or
 * @row of @table to write back — so that the second undo restores it. */
static gboolean
hand_over (KithStore   *self,
           gint64       undo_id,
           gint64       target,
           JsonArray   *ref,
           const char  *table,
           JsonObject  *row,
           GError     **error)
{
  g_autoptr(JsonObject) data = NULL;
  gint64 other = find_waiting_undo (self, undo_id, target, &data);

  if (other == 0)
    return TRUE;   /* deleted for good: the link goes with it */

  if (ref != NULL)
    json_array_add_array_element (ensure_array (data, "refs"), json_array_ref (ref));
  else
    {
      if (!json_object_has_member (data, "owned"))
        json_object_set_object_member (data, "owned", json_object_new ());
      json_array_add_object_element (ensure_array (json_object_get_object_member (data, "owned"), table),
                                     json_object_ref (row));
    }

  return write_undo_data (self, other, data, error);
}

static gboolean
record_exists (KithStore *self,
               JsonNode  *id)
{
  return id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
         kith_store_get_record_kind (self, json_node_get_int (id)) != KITH_RECORD_KIND_INVALID;
}

/* The INSERT that writes one row back, as it is built column by column */
typedef struct {
  GString   *names;
  GString   *values;
  GString   *where;
  GPtrArray *bound;           /* JsonNode, in parameter order */
  GPtrArray *links;           /* columns that point at records */
  GArray    *links_set_null;  /* gboolean per link: ON DELETE SET NULL */
} RowInsert;

static void
row_insert_clear (RowInsert *ins)
{
  g_string_free (ins->names, TRUE);
  g_string_free (ins->values, TRUE);
  g_string_free (ins->where, TRUE);
  g_ptr_array_unref (ins->bound);
  g_ptr_array_unref (ins->links);
  g_array_unref (ins->links_set_null);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowInsert, row_insert_clear)

static void
row_insert_init (RowInsert *ins)
{
  ins->names = g_string_new (NULL);
  ins->values = g_string_new (NULL);
  ins->where = g_string_new (NULL);
  ins->bound = g_ptr_array_new ();
  ins->links = g_ptr_array_new ();
  ins->links_set_null = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

/* The value of column @member, parameter @index: a reference to a row that is gone meanwhile
 * drops the row (a WHERE clause), or becomes NULL where the schema says SET NULL */
static gboolean
add_value (KithStore   *self,
           RowInsert   *ins,
           const char  *table,
           const char  *member,
           guint        index,
           GError     **error)
{
  g_auto(KithStatement) fk = KITH_STATEMENT_INIT;
  g_autofree char *parent = NULL;
  g_autofree char *parent_col = NULL;
  g_autofree char *exists = NULL;
  gboolean set_null;

  if (!kith_statement_prepare (&fk, self, "SELECT p.\"table\", p.\"to\", p.on_delete "
                                          "FROM pragma_foreign_key_list(?) p WHERE p.\"from\" = ?", error))
    return FALSE;
  kith_statement_bind_text (&fk, 1, table);
  kith_statement_bind_text (&fk, 2, member);
  if (!kith_statement_step (&fk, NULL))
    {
      g_string_append_printf (ins->values, "%s?%u", ins->values->len ? ", " : "", index);
      return TRUE;
    }

  parent = quote (kith_statement_column_text (&fk, 0));
  parent_col = kith_statement_column_is_null (&fk, 1) ? g_strdup ("_rowid_")
                                                      : quote (kith_statement_column_text (&fk, 1));
  exists = g_strdup_printf ("EXISTS (SELECT 1 FROM %s WHERE %s = ?%u)", parent, parent_col, index);
  set_null = g_ascii_strcasecmp (kith_statement_column_text (&fk, 2), "SET NULL") == 0;

  if (set_null)
    g_string_append_printf (ins->values, "%sCASE WHEN %s THEN ?%u END", ins->values->len ? ", " : "",
                            exists, index);
  else
    {
      g_string_append_printf (ins->values, "%s?%u", ins->values->len ? ", " : "", index);
      g_string_append_printf (ins->where, " AND (?%u IS NULL OR %s)", index, exists);
    }
  if (g_str_equal (kith_statement_column_text (&fk, 0), "records"))
    {
      g_ptr_array_add (ins->links, (gpointer) member);
      g_array_append_val (ins->links_set_null, set_null);
    }

  return TRUE;
}

/* The columns of @row that still exist, into @ins; the rowid (and its alias) only with
 * @keep_id */
static gboolean
add_columns (KithStore   *self,
             RowInsert   *ins,
             const char  *table,
             JsonObject  *row,
             gboolean     keep_id,
             GError     **error)
{
  g_autofree char *rowid_alias = NULL;
  g_autoptr(GHashTable) columns = table_columns (self, table, &rowid_alias);
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, row);
  while (json_object_iter_next (&iter, &member, &node))
    {
      gboolean is_rowid = g_str_equal (member, "_rowid_");
      g_autofree char *qc = NULL;

      if (is_rowid ? (!keep_id || rowid_alias != NULL)
                   : (!g_hash_table_contains (columns, member) ||   /* a column dropped since */
                      (!keep_id && g_strcmp0 (member, rowid_alias) == 0)))
        continue;

      g_ptr_array_add (ins->bound, node);
      qc = is_rowid ? g_strdup ("_rowid_") : quote (member);
      g_string_append_printf (ins->names, "%s%s", ins->names->len ? ", " : "", qc);
      if (!add_value (self, ins, table, member, ins->bound->len, error))
        return FALSE;
    }

  return TRUE;
}

/* Runs the INSERT; a row another record's now (an email taken meanwhile) is a conflict
 * that names it */
static gboolean
insert_row (KithStore   *self,
            RowInsert   *ins,
            const char  *table,
            JsonObject  *row,
            gboolean    *out_written,
            gint64      *out_rowid,
            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *qt = quote (table);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) SELECT %s WHERE 1%s", qt, ins->names->str,
                                          ins->values->str, ins->where->str);
  const char *value = kith_json_get_string (row, "value") ? kith_json_get_string (row, "value")
                                                          : kith_json_get_string (row, "unique_id");

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  for (guint i = 0; i < ins->bound->len; i++)
    kith_statement_bind_json (&st, i + 1, g_ptr_array_index (ins->bound, i));

  if (kith_statement_run (&st, &local_error))
    {
      *out_written = kith_statement_changes (&st) > 0;
      *out_rowid = kith_statement_last_insert_id (&st);
      return TRUE;
    }

  if (!g_error_matches (local_error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (value != NULL)
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                 _("“%s” belongs to another record now, so this cannot be undone"), value);
  else
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                 _("The %s of this record changed meanwhile, so this cannot be undone"), table);
  return FALSE;
}

/* Links to records that are still deleted go to the undo that brings them back: the whole row
 * when it was not written, the link where the schema would have set it to NULL */
static gboolean
hand_over_links (KithStore   *self,
                 gint64       undo_id,
                 RowInsert   *ins,
                 const char  *table,
                 JsonObject  *row,
                 gboolean     written,
                 gint64       new_rowid,
                 GError     **error)
{
  for (guint i = 0; i < ins->links->len; i++)
    {
      const char *column = g_ptr_array_index (ins->links, i);
      JsonNode *target = json_object_get_member (row, column);
      g_autoptr(JsonArray) ref = NULL;

      if (record_exists (self, target))
        continue;
      if (!written)
        return hand_over (self, undo_id, json_node_get_int (target), NULL, table, row, error);
      if (!g_array_index (ins->links_set_null, gboolean, i))
        continue;

      ref = json_array_new ();
      json_array_add_string_element (ref, table);
      json_array_add_string_element (ref, column);
      json_array_add_int_element (ref, new_rowid);
      json_array_add_int_element (ref, json_node_get_int (target));
      if (!hand_over (self, undo_id, json_node_get_int (target), ref, NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes one row back. References to rows that are gone meanwhile (a to-do done and deleted,
 * a custom field removed) drop the row, or become NULL where the schema says SET NULL. */
static gboolean
restore_row (KithStore   *self,
             gint64       undo_id,
             const char  *table,
             JsonObject  *row,
             GError     **error)
{
  g_auto(RowInsert) ins = { NULL, };
  gint64 rowid = json_object_get_int_member_with_default (row, "_rowid_", 0);
  gint64 new_rowid = 0;
  gboolean written = FALSE;
  gboolean keep_id;

  /* The same id, unless something else took it meanwhile: then a new one */
  keep_id = rowid == 0 || !row_exists (self, table, rowid);
  if (!keep_id && g_str_equal (table, "records"))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                   _("Record #%" G_GINT64_FORMAT " exists again, so it cannot be brought back"), rowid);
      return FALSE;
    }

  row_insert_init (&ins);
  if (!add_columns (self, &ins, table, row, keep_id, error))
    return FALSE;

  /* A table dropped since the snapshot: nothing to put the row in */
  if (ins.names->len == 0)
    return TRUE;

  return insert_row (self, &ins, table, row, &written, &new_rowid, error) &&
         hand_over_links (self, undo_id, &ins, table, row, written, new_rowid, error);
}

/* Points @ref's row back at its record, unless it points elsewhere now (other than @from) */
static gboolean
restore_ref (KithStore   *self,
             JsonArray   *ref,
             gint64       from,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *qt = quote (json_array_get_string_element (ref, 0));
  g_autofree char *qc = quote (json_array_get_string_element (ref, 1));
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE _rowid_ = ?2 AND (%s IS NULL OR %s = ?3)",
                                          qt, qc, qc, qc);

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, json_array_get_int_element (ref, 3));
  kith_statement_bind_int64 (&st, 2, json_array_get_int_element (ref, 2));
  kith_statement_bind_int64 (&st, 3, from);

  return kith_statement_run (&st, error);
}

/* Points rows back at the records they pointed at; rows deleted meanwhile stay deleted, and rows
 * that point elsewhere now are left alone, except those pointing at @from. */
static gboolean
restore_refs (KithStore   *self,
              gint64       undo_id,
              JsonArray   *refs,
              gint64       from,
              GHashTable  *touched_people,
              GError     **error)
{
  for (guint i = 0; refs != NULL && i < json_array_get_length (refs); i++)
    {
      JsonArray *ref = json_array_get_array_element (refs, i);
      const char *table = json_array_get_string_element (ref, 0);
      g_autofree char *rowid_alias = NULL;
      g_autoptr(GHashTable) columns = table_columns (self, table, &rowid_alias);
      gint64 record;

      if (!g_hash_table_contains (columns, json_array_get_string_element (ref, 1)))
        continue;
      if (!restore_ref (self, ref, from, error))
        return FALSE;
      if (!g_str_equal (table, "records"))
        continue;

      /* A person deleted after their company: their undo sets the link again */
      record = json_array_get_int_element (ref, 2);
      if (kith_store_get_record_kind (self, record) == KITH_RECORD_KIND_INVALID)
        {
          if (!hand_over (self, undo_id, record, ref, NULL, NULL, error))
            return FALSE;
          continue;
        }
      g_hash_table_add (touched_people, g_memdup2 (&record, sizeof record));
    }

  return TRUE;
}

/**
 * kith_undo_save:
 * @data: (transfer none): the snapshot, with what the operation needs to undo it
 *
 * Returns: the undo's id, or 0 with @error set
 */
gint64
kith_undo_save (KithStore   *self,
                const char  *kind,
                JsonObject  *data,
                GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), data);
  g_autofree char *text = json_to_string (node, FALSE);
  JsonArray *records = json_object_get_array_member (data, "records");
  gint64 max_id = 0;

  for (guint i = 0; i < json_array_get_length (records); i++)
    max_id = MAX (max_id, json_array_get_int_element (records, i));

  if (!kith_statement_prepare (&st, self, "INSERT INTO undo (kind, max_record_id, at, data) "
                                          "VALUES (?, ?, ?, ?)", error))
    return 0;
  kith_statement_bind_text (&st, 1, kind);
  kith_statement_bind_int64 (&st, 2, max_id);
  kith_statement_bind_int64 (&st, 3, kith_store_now (self));
  kith_statement_bind_text (&st, 4, text);
  if (!kith_statement_run (&st, error))
    return 0;

  return kith_statement_last_insert_id (&st);
}

static JsonObject *
load_undo (KithStore  *self,
           gint64      undo_id,
           char      **out_kind,
           GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(JsonNode) node = NULL;

  if (!kith_statement_prepare (&st, self, "SELECT kind, data FROM undo WHERE id = ?", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, undo_id);
  if (kith_statement_step (&st, NULL))
    {
      *out_kind = kith_statement_dup_text (&st, 0);
      node = json_from_string (kith_statement_column_text (&st, 1), NULL);
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, _("This can no longer be undone"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

/* A company's last contact counts its people's: one brought back counts again */
static gboolean
refresh_company_last_contact (KithStore  *self,
                              gint64      person,
                              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 company;

  if (!kith_statement_prepare (&st, self, "SELECT company_id FROM records "
                                          "WHERE id = ? AND company_id IS NOT NULL", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, person);
  company = kith_statement_get_int64 (&st, NULL);

  return company == 0 || kith_records_refresh_last_contact (self, company, error);
}

/* The entries the operation wrote to the audit log go with it */
static gboolean
delete_audit_entries (KithStore   *self,
                      JsonObject  *data,
                      GError     **error)
{
  JsonArray *audit = kith_json_get_array (data, "audit");

  for (guint i = 0; audit != NULL && i < json_array_get_length (audit); i++)
    if (!kith_records_run_for_id (self, "DELETE FROM audit WHERE id = ?", json_array_get_int_element (audit, i), error))
      return FALSE;

  return TRUE;
}

/* A merge is undone while the survivor is as the merge left it. What points at the survivor
 * now — mail captured since the merge included — stays with it, except what pointed at the
 * other record before: the survivor's snapshot now, into @out_current, before it is deleted to
 * be written back as it was. */
static gboolean
take_back_survivor (KithStore    *self,
                    JsonObject   *data,
                    gint64        survivor,
                    JsonObject  **out_current,
                    GError      **error)
{
  g_autofree char *fingerprint = kith_undo_fingerprint (self, survivor);

  if (kith_store_get_record_kind (self, survivor) == KITH_RECORD_KIND_INVALID ||
      g_strcmp0 (fingerprint, json_object_get_string_member (data, "fingerprint")) != 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                   _("The merged record changed since the merge, so the merge cannot be undone"));
      return FALSE;
    }

  *out_current = kith_undo_snapshot (self, &survivor, 1, error);

  return *out_current != NULL &&
         kith_records_run_for_id (self, "DELETE FROM records WHERE id = ?", survivor, error);
}

static gboolean
restore_rows (KithStore   *self,
              gint64       undo_id,
              const char  *table,
              JsonArray   *rows,
              GError     **error)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (!restore_row (self, undo_id, table, json_array_get_object_element (rows, i), error))
      return FALSE;

  return TRUE;
}

/* Records first: the other rows refer to them */
static gboolean
restore_owned (KithStore   *self,
               gint64       undo_id,
               JsonObject  *owned,
               GError     **error)
{
  JsonObjectIter tables;
  const char *table;
  JsonNode *rows;

  if (!restore_rows (self, undo_id, "records", json_object_get_array_member (owned, "records"), error))
    return FALSE;

  json_object_iter_init (&tables, owned);
  while (json_object_iter_next (&tables, &table, &rows))
    if (!g_str_equal (table, "records") &&
        !restore_rows (self, undo_id, table, json_node_get_array (rows), error))
      return FALSE;

  return TRUE;
}

/* The records brought back, and the people whose company came back (they show its name in
 * search), count again: last contact, search index, lists */
static gboolean
refresh_restored (KithStore   *self,
                  JsonArray   *records,
                  GHashTable  *touched,
                  GError     **error)
{
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      gint64 id = json_array_get_int_element (records, i);

      if (!kith_records_refresh_last_contact (self, id, error) ||
          !refresh_company_last_contact (self, id, error) ||
          !kith_store_queue_fts_record (self, id, error))
        return FALSE;
      kith_store_mark_changed (self, kith_store_get_record_kind (self, id));
    }

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!kith_store_queue_fts_record (self, *(gint64 *) key, error))
      return FALSE;

  return TRUE;
}

/* The item first, then who it names: they point at it. Its id is its place in the timeline's
 * order of adding; taken meanwhile by a new item, it cannot come back as it was. */
static gboolean
undo_item_delete (KithStore   *self,
                  gint64       undo_id,
                  JsonObject  *data,
                  GHashTable  *touched,
                  GError     **error)
{
  JsonObject *owned = json_object_get_object_member (data, "owned");
  gint64 item_id = json_object_get_int_member (data, "item");

  if (row_exists (self, "timeline", item_id))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT, _("This can no longer be undone"));
      return FALSE;
    }

  return restore_rows (self, undo_id, "timeline", json_object_get_array_member (owned, "timeline"), error) &&
         restore_rows (self, undo_id, "timeline_people", json_object_get_array_member (owned, "timeline_people"), error) &&
         restore_refs (self, undo_id, json_object_get_array_member (data, "refs"), 0, touched, error) &&
         kith_timeline_item_restored (self, item_id, error) &&
         kith_records_run_for_id (self, "DELETE FROM undo WHERE id = ?", undo_id, error);
}

/* The to-do, then who it is about; the people deleted meanwhile are left out (restore_row()) */
static gboolean
undo_todo_delete (KithStore   *self,
                  gint64       undo_id,
                  JsonObject  *data,
                  GError     **error)
{
  JsonObject *owned = json_object_get_object_member (data, "owned");

  if (row_exists (self, "todos", json_object_get_int_member (data, "todo")))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT, _("This can no longer be undone"));
      return FALSE;
    }

  if (!restore_rows (self, undo_id, "todos", json_object_get_array_member (owned, "todos"), error) ||
      !restore_rows (self, undo_id, "todo_people", json_object_get_array_member (owned, "todo_people"), error))
    return FALSE;

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return kith_records_run_for_id (self, "DELETE FROM undo WHERE id = ?", undo_id, error);
}

/* The template, unless its id or its name was taken meanwhile; then the steps that name it */
static gboolean
undo_template_delete (KithStore   *self,
                      gint64       undo_id,
                      JsonObject  *data,
                      GError     **error)
{
  JsonObject *owned = json_object_get_object_member (data, "owned");
  JsonArray *rows = json_object_get_array_member (owned, "templates");
  gint64 template_id = json_object_get_int_member (data, "template");
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  const char *name;

  if (json_array_get_length (rows) != 1 || row_exists (self, "templates", template_id))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT, _("This can no longer be undone"));
      return FALSE;
    }
  name = kith_json_get_string (json_array_get_object_element (rows, 0), "name");
  if (!kith_statement_prepare (&st, self, "SELECT 1 FROM templates WHERE name = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, name);
  if (kith_statement_has_row (&st, NULL))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                   _("This can no longer be undone: there is a new template “%s”"), name);
      return FALSE;
    }

  return restore_rows (self, undo_id, "templates", rows, error) &&
         kith_templates_link_steps (self, template_id, error) &&
         kith_records_run_for_id (self, "DELETE FROM undo WHERE id = ?", undo_id, error);
}

static gboolean
undo_locked (KithStore   *self,
             gint64       undo_id,
             GError     **error)
{
  g_autofree char *kind = NULL;
  g_autoptr(JsonObject) data = load_undo (self, undo_id, &kind, error);
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 survivor = 0;

  if (data == NULL || !delete_audit_entries (self, data, error))
    return FALSE;
  /* A delete of a timeline item rather than of records */
  if (json_object_has_member (data, "item"))
    return undo_item_delete (self, undo_id, data, touched, error);
  if (json_object_has_member (data, "todo"))
    return undo_todo_delete (self, undo_id, data, error);
  if (json_object_has_member (data, "template"))
    return undo_template_delete (self, undo_id, data, error);

  if (g_str_equal (kind, "merge"))
    {
      survivor = json_object_get_int_member (data, "survivor");
      if (!take_back_survivor (self, data, survivor, &current, error))
        return FALSE;
    }

  return restore_owned (self, undo_id, json_object_get_object_member (data, "owned"), error) &&
         (current == NULL ||
          restore_refs (self, undo_id, json_object_get_array_member (current, "refs"), 0, touched, error)) &&
         restore_refs (self, undo_id, json_object_get_array_member (data, "refs"), survivor, touched, error) &&
         refresh_restored (self, json_object_get_array_member (data, "records"), touched, error) &&
         kith_records_run_for_id (self, "DELETE FROM undo WHERE id = ?", undo_id, error);
}

/**
 * kith_store_undo:
 * @undo_id: what kith_store_delete_record_with_undo(), kith_store_merge_records_with_undo(),
 *   kith_store_delete_timeline_item_with_undo() or kith_store_delete_todo_with_undo() returned
 *
 * Brings deleted or merged records back as they were: the same ids, emails, phones, files,
 * timeline, to-dos, deals and audit log. A merge is undone only while the record that stayed
 * is unchanged since.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
kith_store_undo (KithStore   *self,
                 gint64       undo_id,
                 GError     **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (!kith_store_begin (self, error))
    return FALSE;

  if (!undo_locked (self, undo_id, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  return kith_store_commit (self, error);
}

/* Copies Kith kept of the files of deleted records; links point at the user's own files */
static void
remove_copies (KithStore  *self,
               JsonObject *data)
{
  JsonObject *owned = kith_json_get_object (data, "owned");
  JsonArray *files = owned != NULL ? kith_json_get_array (owned, "files") : NULL;
  g_autofree char *folder_path = kith_files_dup_folder (self);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);

  for (guint i = 0; files != NULL && i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      g_autoptr(GFile) copy = NULL;
      g_autoptr(GFile) dir = NULL;

      if (!json_object_get_int_member_with_default (file, "copied", 0) || kith_json_get_string (file, "uri") == NULL)
        continue;
      copy = g_file_new_for_uri (kith_json_get_string (file, "uri"));
      if (!g_file_has_prefix (copy, folder))
        continue;
      g_file_delete (copy, NULL, NULL);
      /* files/<id>/ goes when it is empty */
      dir = g_file_get_parent (copy);
      if (dir != NULL && !g_file_equal (dir, folder))
        g_file_delete (dir, NULL, NULL);
    }
}

/**
 * kith_store_forget_undo:
 *
 * Makes a delete or merge final: its undo is dropped, and copies of a deleted record's files
 * are removed. Blocking (file system): run it in a worker thread.
 */
gboolean
kith_store_forget_undo (KithStore   *self,
                        gint64       undo_id,
                        GError     **error)
{
  g_autofree char *kind = NULL;
  g_autoptr(JsonObject) data = NULL;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  data = load_undo (self, undo_id, &kind, NULL);
  ok = kith_records_run_for_id (self, "DELETE FROM undo WHERE id = ?", undo_id, error);
  kith_store_unlock (self);

  /* After the row is gone: a crash in between leaves a stray file, never an undo without files */
  if (ok && data != NULL && g_str_equal (kind, "delete"))
    remove_copies (self, data);
  if (ok && data != NULL && json_object_has_member (data, "template"))
    {
      g_autofree char *folder = kith_templates_dup_folder (self, json_object_get_int_member (data, "template"));

      kith_outbox_remove_folder (folder);
    }

  return ok;
}

static GArray *
read_old_undos (KithStore *self)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT id FROM undo WHERE at < ?", NULL))
    return NULL;
  kith_statement_bind_int64 (&st, 1, kith_store_now (self) - KEEP_MS);

  return kith_statement_get_ids (&st, NULL);
}

/**
 * kith_undo_forget_old:
 *
 * Makes final the deletes and merges nobody undid within an hour (the Undo toast is long gone,
 * or Kith was closed meanwhile).
 */
void
kith_undo_forget_old (KithStore *self)
{
  g_autoptr(GArray) old = NULL;

  kith_store_lock (self);
  old = read_old_undos (self);
  kith_store_unlock (self);

  for (guint i = 0; old != NULL && i < old->len; i++)
    kith_store_forget_undo (self, g_array_index (old, gint64, i), NULL);
}
