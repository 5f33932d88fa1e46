/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-writer.h"
#include "kith-fields-private.h"
#include "kith-record-input.h"
#include "kith-record-input-json.h"
#include "kith-record-input-values.h"
#include "kith-records-private.h"

/*
 * Creating and updating people, companies and deals. Every write validates the whole input
 * before it touches the database, then writes inside a transaction. The input comes as JSON
 * (kith-cli, the local API, import) or as a typed record's changed fields (the GUI); both fill
 * the same KithRecordInput.
 */

/* Fills @in from what a write was given */
typedef gboolean (*FillFunc) (KithStore        *store,
                              KithRecordInput  *in,
                              gconstpointer     data,
                              GError          **error);

typedef struct {
  const KithRecordValues *values;
  KithFieldMask           fields;
} Changes;

static gboolean
fill_from_json (KithStore        *store,
                KithRecordInput  *in,
                gconstpointer     data,
                GError          **error)
{
  return kith_record_input_parse (store, in, (JsonObject *) data, error);
}

static gboolean
fill_from_values (KithStore        *store,
                  KithRecordInput  *in,
                  gconstpointer     data,
                  GError          **error)
{
  const Changes *changes = data;

  return kith_record_input_fill (store, in, changes->values, changes->fields, error);
}

static gboolean
read_relationship (KithStore        *self,
                   KithRecordInput  *in,
                   gint64            id,
                   GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT segment, stage, step FROM records WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  if (kith_statement_step (&st, NULL))
    {
      in->old_segment = kith_statement_dup_text (&st, 0);
      in->old_stage = kith_statement_dup_text (&st, 1);
      in->old_step = kith_statement_dup_text (&st, 2);
    }

  return TRUE;
}

/* A stage the user renamed in Settings: its key, or %NULL */
static gboolean
find_renamed_stage (KithStore   *self,
                    const char  *segment,
                    const char  *stage,
                    char       **out_key,
                    GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT key FROM stages "
                                          "WHERE segment = ? AND name = ? COLLATE NOCASE", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, segment);
  kith_statement_bind_text (&st, 2, stage);
  *out_key = kith_statement_dup_string (&st, NULL);

  return TRUE;
}

/* The segment the write leaves: given, or kept, as a key; a new deal is in "project" */
static gboolean
resolve_segment (KithStore        *self,
                 KithRecordInput  *in,
                 gboolean          creating,
                 GError          **error)
{
  const char *segment = in->has_segment ? in->segment : in->old_segment;

  if (segment == NULL)
    {
      in->new_segment = creating && in->kind == KITH_RECORD_PROJECT ? g_strdup ("project") : NULL;
      return TRUE;
    }

  in->new_segment = kith_relationship_segment_key (self, in->kind, segment);
  if (in->new_segment == NULL)
    return kith_invalid (error, _("Unknown segment “%s”"), segment);

  return TRUE;
}

/* The stage, as a key: a built-in one, or one the user renamed in Settings; a new record in a
 * segment starts as a lead (a deal as future) */
static gboolean
resolve_stage (KithStore        *self,
               KithRecordInput  *in,
               gboolean          creating,
               GError          **error)
{
  const char *stage = in->has_stage ? in->stage : in->old_stage;
  const char *key;
  g_autofree char *renamed = NULL;

  if (stage == NULL)
    {
      if (creating && in->new_segment != NULL)
        in->new_stage = g_strdup (in->kind == KITH_RECORD_PROJECT ? "future" : "lead");
      return TRUE;
    }

  key = kith_relationship_stage_key (in->kind, stage);
  if (key == NULL && in->new_segment != NULL)
    {
      if (!find_renamed_stage (self, in->new_segment, stage, &renamed, error))
        return FALSE;
      key = renamed;
    }
  if (key == NULL)
    return kith_invalid (error, in->kind == KITH_RECORD_PROJECT
                           ? _("Unknown stage “%s” (use future, current, pending, won or lost)")
                           : _("Unknown stage “%s” (use lead, future, current, past or out)"),
                         stage);

  in->new_stage = g_strdup (key);
  return TRUE;
}

/* A step belongs to a segment and stage: it stays only while both do */
static gboolean
resolve_step (KithStore        *self,
              KithRecordInput  *in,
              GError          **error)
{
  const char *step = NULL;

  if (in->has_step)
    step = in->step;
  else if (g_strcmp0 (in->new_segment, in->old_segment) == 0 && g_strcmp0 (in->new_stage, in->old_stage) == 0)
    step = in->old_step;
  if (step == NULL)
    return TRUE;

  in->new_step = kith_relationship_step_key (self, step, in->new_segment, in->new_stage);
  if (in->new_step == NULL)
    return kith_invalid (error, _("“%s” is not a next step of stage “%s” in segment “%s”"),
                         step, in->new_stage ? in->new_stage : "-",
                         in->new_segment ? in->new_segment : "-");

  return TRUE;
}

/* Works out the segment, stage and step a write leaves the record in, checking each; reads
 * only, so that a bad value is refused before anything is written. */
static gboolean
resolve_relationship (KithStore        *self,
                      KithRecordInput  *in,
                      gint64            id,
                      gboolean          creating,
                      GError          **error)
{
  if (!creating && !read_relationship (self, in, id, error))
    return FALSE;

  if (!in->has_segment && !in->has_stage && !in->has_step && !creating)
    return TRUE;

  if (!resolve_segment (self, in, creating, error) ||
      !resolve_stage (self, in, creating, error) ||
      !resolve_step (self, in, error))
    return FALSE;

  in->rel_resolved = TRUE;
  return TRUE;
}

/* A value of a field limited to some segments or stages is refused on a record outside them,
 * whether JSON or a typed record brought it */
static gboolean
check_custom_scopes (KithStore        *self,
                     KithRecordInput  *in,
                     gint64            id,
                     GError          **error)
{
  const char *segment = in->rel_resolved ? in->new_segment : in->old_segment;
  const char *stage = in->rel_resolved ? in->new_stage : in->old_stage;

  for (guint i = 0; in->custom != NULL && i < in->custom->len; i++)
    {
      KithCustomInput *cv = g_ptr_array_index (in->custom, i);

      if (!kith_fields_check_scope (self, id, cv->field_id, segment, stage, cv->values, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_relationship (KithStore        *self,
                    KithRecordInput  *in,
                    gint64            id,
                    GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!in->rel_resolved)
    return TRUE;

  /* A record already where the write leaves it is not written: a repeated import changes nothing */
  if (!kith_statement_prepare (&st, self, "UPDATE records SET segment = ?1, stage = ?2, step = ?3, "
                                          "step_since = CASE WHEN ?4 IS NOT step OR step_since IS NULL "
                                          "THEN ?5 ELSE step_since END WHERE id = ?6 AND "
                                          "(segment IS NOT ?1 OR stage IS NOT ?2 OR step IS NOT ?3)", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, in->new_segment);
  kith_statement_bind_text (&st, 2, in->new_stage);
  kith_statement_bind_text (&st, 3, in->new_step);
  kith_statement_bind_text (&st, 4, in->new_step);
  if (in->new_step != NULL)
    kith_statement_bind_int64 (&st, 5, kith_store_now (self));
  kith_statement_bind_int64 (&st, 6, id);
  if (!kith_statement_run (&st, error))
    return FALSE;

  if (g_strcmp0 (in->new_segment, in->old_segment) != 0 &&
      !kith_records_write_audit (self, id, "segment", in->old_segment, in->new_segment, error))
    return FALSE;
  if (g_strcmp0 (in->new_stage, in->old_stage) != 0 &&
      !kith_records_write_audit (self, id, "stage", in->old_stage, in->new_stage, error))
    return FALSE;
  if (g_strcmp0 (in->new_step, in->old_step) != 0 &&
      !kith_records_write_audit (self, id, "step", in->old_step, in->new_step, error))
    return FALSE;

  return TRUE;
}

static guint
count_channels (KithStore  *self,
                gint64      id,
                const char *type)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_records_prepare_typed (&st, self, "SELECT count(*) FROM channels "
                                               "WHERE record_id = ? AND type = '%s'", type, NULL))
    return 0;
  kith_statement_bind_int64 (&st, 1, id);

  return (guint) kith_statement_get_int64 (&st, NULL);
}

/* A company needs an email or a domain, so that mail can find it. */
static gboolean
check_company_keys (KithStore        *self,
                    KithRecordInput  *in,
                    gint64            id,
                    gboolean          creating,
                    GError          **error)
{
  GPtrArray *emails = in->channels[kith_channel_type_index ("email")];
  GPtrArray *domains = in->channels[kith_channel_type_index ("domain")];
  guint n_emails, n_domains;

  if (in->kind != KITH_RECORD_COMPANY || (!creating && emails == NULL && domains == NULL))
    return TRUE;

  n_emails = emails != NULL ? emails->len : creating ? 0 : count_channels (self, id, "email");
  n_domains = domains != NULL ? domains->len : creating ? 0 : count_channels (self, id, "domain");
  if (n_emails + n_domains == 0)
    return kith_invalid (error, _("A company needs an email address or a domain"));

  return TRUE;
}

static gboolean
write_scalars (KithStore        *self,
               KithRecordInput  *in,
               gint64            id,
               GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GString) sql = NULL;

  if (in->columns->len == 0)
    return TRUE;

  /* Only when a value differs, so that a write of what the record holds leaves it untouched */
  sql = g_string_new ("UPDATE records SET ");
  for (guint i = 0; i < in->columns->len; i++)
    g_string_append_printf (sql, "%s%s = ?%u", i ? ", " : "", (const char *) g_ptr_array_index (in->columns, i), i + 1);
  g_string_append_printf (sql, " WHERE id = ?%u AND (", in->columns->len + 1);
  for (guint i = 0; i < in->columns->len; i++)
    g_string_append_printf (sql, "%s%s IS NOT ?%u", i ? " OR " : "", (const char *) g_ptr_array_index (in->columns, i), i + 1);
  g_string_append_c (sql, ')');

  /* The set of columns comes from the static table, so these statements are few: cache them */
  if (!kith_statement_prepare (&st, self, sql->str, error))
    return FALSE;
  kith_statement_bind_params (&st, in->values, 1);
  kith_statement_bind_int64 (&st, in->columns->len + 1, id);

  return kith_statement_run (&st, error);
}

/* What a create checks besides the input */
typedef enum {
  CREATE_REQUIRE_KEY = 1 << 0,   /* a company needs an email or a domain */
  CREATE_ONE_RECORD  = 1 << 1,   /* keys naming two records refuse it (kith_records_check_one_record()) */
} CreateFlags;

static gint64 create_record (KithStore *self, KithRecordKind kind, FillFunc fill, gconstpointer data,
                             gboolean *out_merged, CreateFlags flags, GError **error);

static gboolean
find_company_by_name (KithStore   *self,
                      const char  *name,
                      gint64      *out_id,
                      GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *sort_name = kith_records_sort_name (name);

  if (!kith_statement_prepare (&st, self, "SELECT id FROM records WHERE kind = 1 AND sort_name = ? "
                                          "ORDER BY id LIMIT 1", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, sort_name);
  *out_id = kith_statement_get_int64 (&st, NULL);

  return TRUE;
}

/* A person's company among those stored: found by identifier (domain, email, sync key) or by
 * name among companies; 0 in @out_id when there is none */
static gboolean
find_stored_company (KithStore   *self,
                     const char  *company,
                     gint64      *out_id,
                     GError     **error)
{
  *out_id = kith_store_lookup (self, company, NULL);
  if (*out_id != 0 && kith_store_get_record_kind (self, *out_id) != KITH_RECORD_COMPANY)
    *out_id = 0;

  return *out_id != 0 || find_company_by_name (self, company, out_id, error);
}

/* A person's company: a stored one, else created with that name. */
static gboolean
find_company (KithStore   *self,
              const char  *company,
              gint64      *out_id,
              GError     **error)
{
  g_autoptr(KithRecordValues) values = kith_record_values_new ();
  Changes name = { values, KITH_FIELD_BIT (KITH_FIELD_NAME) };

  if (!find_stored_company (self, company, out_id, error))
    return FALSE;
  if (*out_id != 0)
    return TRUE;

  kith_record_values_set_text (values, KITH_FIELD_NAME, company);
  *out_id = create_record (self, KITH_RECORD_COMPANY, fill_from_values, &name, NULL, 0, error);

  return *out_id != 0;
}

static gboolean
write_company (KithStore        *self,
               KithRecordInput  *in,
               gint64            id,
               GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 company_id = 0;

  if (!in->has_company)
    return TRUE;
  if (in->company != NULL && !find_company (self, in->company, &company_id, error))
    return FALSE;

  if (!kith_statement_prepare (&st, self, "UPDATE records SET company_id = ?1 WHERE id = ?2 "
                                          "AND company_id IS NOT ?1", error))
    return FALSE;
  if (company_id != 0)
    kith_statement_bind_int64 (&st, 1, company_id);
  kith_statement_bind_int64 (&st, 2, id);

  return kith_statement_run (&st, error);
}

/* A new record's company, when it is stored already, goes into its INSERT: an UPDATE of the
 * new row after it would write the row and its indexes a second time. A company to create is
 * created after the record, as before, so that ids keep their order; write_company() does it. */
static gboolean
company_into_insert (KithStore        *self,
                     KithRecordInput  *in,
                     GError          **error)
{
  gint64 company_id = 0;

  if (!in->has_company)
    return TRUE;
  if (in->company != NULL && !find_stored_company (self, in->company, &company_id, error))
    return FALSE;
  if (in->company != NULL && company_id == 0)
    return TRUE;

  in->has_company = FALSE;
  if (company_id != 0)
    kith_record_input_add_column (in, "company_id", g_variant_new_int64 (company_id));
  return TRUE;
}

/* Sets the record's time of change to now */
static gboolean
touch_record (KithStore  *self,
              gint64      id,
              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "UPDATE records SET changed = ? WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, kith_store_now (self));
  kith_statement_bind_int64 (&st, 2, id);

  return kith_statement_run (&st, error);
}

static gboolean
write_record (KithStore        *self,
              KithRecordInput  *in,
              gint64            id,
              gboolean          creating,
              gboolean          replace_lists,
              GError          **error)
{
  sqlite3 *db = kith_store_get_db (self);
  sqlite3_int64 before = sqlite3_total_changes64 (db);
  gboolean adopted = FALSE;

  if (!creating)
    {
      if (in->has_name)
        {
          kith_record_input_add_column (in, "name", g_variant_new_string (in->name));
          kith_record_input_add_column (in, "sort_name",
                                        g_variant_new_take_string (kith_records_sort_name (in->name)));
        }

      if (!write_scalars (self, in, id, error) ||
          !write_relationship (self, in, id, error))
        return FALSE;
    }

  if (!kith_records_write_lists (self, in, id, replace_lists, &adopted, error) ||
      !write_company (self, in, id, error))
    return FALSE;

  /* Each part above writes only what differs: when none did, the record stays as it was, its
   * time of change included, so that a second run of an import reports it unchanged */
  if (!creating && sqlite3_total_changes64 (db) == before)
    return TRUE;
  if (!creating && !touch_record (self, id, error))
    return FALSE;

  if (adopted && !kith_records_refresh_last_contact (self, id, error))
    return FALSE;

  if (!kith_store_queue_fts_record (self, id, error))
    return FALSE;

  /* People show their company's name in search */
  if (in->kind == KITH_RECORD_COMPANY && in->has_name && !creating &&
      !kith_records_queue_fts_people_of (self, id, error))
    return FALSE;

  kith_store_mark_changed (self, in->kind);
  return TRUE;
}

/* The audit log shows where a record started */
static gboolean
audit_start (KithStore        *self,
             KithRecordInput  *in,
             gint64            id,
             GError          **error)
{
  return (in->new_segment == NULL ||
          kith_records_write_audit (self, id, "segment", NULL, in->new_segment, error)) &&
         (in->new_stage == NULL ||
          kith_records_write_audit (self, id, "stage", NULL, in->new_stage, error)) &&
         (in->new_step == NULL ||
          kith_records_write_audit (self, id, "step", NULL, in->new_step, error));
}

#define INSERT_COLUMNS 10

/* The INSERT of @in: INSERT_COLUMNS fixed ones, then those of @in, into @out_values */
static char *
insert_sql (KithRecordInput  *in,
            GPtrArray        *out_values)
{
  GString *sql = g_string_new ("INSERT INTO records (id, kind, sync_key, created, changed, name, "
                               "sort_name, segment, stage, step, step_since");
  guint n = 0;

  for (guint i = 0; i < in->columns->len; i++)
    {
      GVariant *value = g_ptr_array_index (in->values, i);

      if (strcmp (g_ptr_array_index (in->columns, i), "changed") == 0)
        continue;
      /* Not printf: it cost more than the rest of the statement's making */
      g_string_append (sql, ", ");
      g_string_append (sql, g_ptr_array_index (in->columns, i));
      g_ptr_array_add (out_values, value != NULL ? g_variant_ref (value) : NULL);
      n++;
    }
  /* Above the ids of deleted records that undo may still bring back */
  g_string_append (sql, ") VALUES (1 + max((SELECT coalesce(max(id), 0) FROM records), "
                        "(SELECT coalesce(max(max_record_id), 0) FROM undo)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');

  return g_string_free (sql, FALSE);
}

/* A new record in one INSERT: its scalars, names and relationship, which write_record() then
 * need not update. */
static gint64
insert_record (KithStore        *self,
               KithRecordInput  *in,
               GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (kith_records_variant_free0);
  g_autofree char *sql = insert_sql (in, values);
  g_autofree char *sync_key = NULL;
  g_autofree char *sort_name = kith_records_sort_name (in->name);
  gint64 now = kith_store_now (self);
  gint64 id;

  /* A sync key the record had in another Kith stays its own, unless a record here has it */
  if (in->sync_key != NULL && kith_records_find_by_key (self, "synckey", in->sync_key) == 0)
    sync_key = g_strdup (in->sync_key);
  else
    sync_key = g_uuid_string_random ();

  /* The column set comes from the static table: few distinct statements, cached */
  if (!kith_statement_prepare (&st, self, sql, error))
    return 0;
  kith_statement_bind_int64 (&st, 1, in->kind);
  kith_statement_bind_text (&st, 2, sync_key);
  kith_statement_bind_int64 (&st, 3, now);
  kith_statement_bind_int64 (&st, 4, now);
  kith_statement_bind_text (&st, 5, in->name);
  kith_statement_bind_text (&st, 6, sort_name);
  kith_statement_bind_text (&st, 7, in->new_segment);
  kith_statement_bind_text (&st, 8, in->new_stage);
  kith_statement_bind_text (&st, 9, in->new_step);
  if (in->new_step != NULL)
    kith_statement_bind_int64 (&st, 10, now);
  kith_statement_bind_params (&st, values, INSERT_COLUMNS + 1);
  if (!kith_statement_run (&st, error))
    return 0;

  id = kith_statement_last_insert_id (&st);
  return audit_start (self, in, id, error) ? id : 0;
}

/* Known already: add what is new, and keep the name the user may have corrected */
static void
keep_existing_name (KithRecordInput *in)
{
  if (!in->has_name)
    return;

  in->has_name = FALSE;
  for (guint i = in->columns->len; i > 0; i--)
    {
      const char *col = g_ptr_array_index (in->columns, i - 1);

      if (strcmp (col, "first") == 0 || strcmp (col, "last") == 0)
        {
          g_ptr_array_remove_index (in->columns, i - 1);
          g_ptr_array_remove_index (in->values, i - 1);
        }
    }
}

/* Begins, writes @in to record @id (inserting it first when @creating) and commits */
static gboolean
write_in_transaction (KithStore        *self,
                      KithRecordInput  *in,
                      gint64           *id,
                      gboolean          creating,
                      gboolean          replace_lists,
                      GError          **error)
{
  if (!kith_store_begin (self, error))
    return FALSE;

  if ((creating && !company_into_insert (self, in, error)) ||
      (creating && (*id = insert_record (self, in, error)) == 0) ||
      !write_record (self, in, *id, creating, replace_lists, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  return kith_store_commit (self, error);
}

static gint64
create_locked (KithStore       *self,
               KithRecordKind   kind,
               FillFunc         fill,
               gconstpointer    data,
               gboolean        *out_merged,
               CreateFlags      flags,
               GError         **error)
{
  g_autoptr(KithRecordInput) in = kith_record_input_new (kind);
  gboolean creating;
  gint64 id;

  /* Everything that can be refused is checked before the first write */
  if (!fill (self, in, data, error) ||
      ((flags & CREATE_ONE_RECORD) && !kith_records_check_one_record (self, in, error)))
    return 0;

  id = kith_records_match_existing (self, in);
  creating = id == 0;
  if (!creating)
    keep_existing_name (in);
  else if (!in->has_name || in->name == NULL)
    {
      kith_invalid (error, _("A %s needs a name"), kith_record_kind_to_string (kind));
      return 0;
    }

  if (!resolve_relationship (self, in, id, creating, error) ||
      !check_custom_scopes (self, in, id, error) ||
      ((flags & CREATE_REQUIRE_KEY) && !check_company_keys (self, in, id, creating, error)) ||
      !write_in_transaction (self, in, &id, creating, FALSE, error))
    return 0;

  if (out_merged != NULL)
    *out_merged = !creating;
  return id;
}

static gint64
create_record (KithStore       *self,
               KithRecordKind   kind,
               FillFunc         fill,
               gconstpointer    data,
               gboolean        *out_merged,
               CreateFlags      flags,
               GError         **error)
{
  gint64 id;

  if (out_merged != NULL)
    *out_merged = FALSE;

  kith_store_lock (self);
  id = create_locked (self, kind, fill, data, out_merged, flags, error);
  kith_store_unlock (self);

  return id;
}
/**
 * kith_store_create_record:
 * @data: the record in the shape of docs/json.md
 * @out_merged: (out) (optional): set to %TRUE when @data matched an existing record by a sync key
 *   and updated it instead
 *
 * Creates a person, company or project — or, when an email, domain or app link of @data
 * already belongs to a record of that kind, or a phone or handle does to one with the same
 * name, adds @data to that record.
 *
 * Returns: the record's id, or 0 with @error set; nothing is written on error
 */
gint64
kith_store_create_record (KithStore       *self,
                          KithRecordKind   kind,
                          JsonObject      *data,
                          gboolean        *out_merged,
                          GError         **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, 0);
  g_return_val_if_fail (data != NULL, 0);

  return create_record (self, kind, fill_from_json, data, out_merged, CREATE_REQUIRE_KEY, error);
}

/**
 * kith_store_create_record_from_values:
 * @fields: the fields of @values to write
 *
 * As kith_store_create_record (), for a draft's typed values.
 */
gint64
kith_store_create_record_from_values (KithStore               *self,
                                      KithRecordKind           kind,
                                      const KithRecordValues  *values,
                                      KithFieldMask            fields,
                                      gboolean                *out_merged,
                                      GError                 **error)
{
  Changes changes = { values, fields };

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, 0);
  g_return_val_if_fail (values != NULL, 0);

  return create_record (self, kind, fill_from_values, &changes, out_merged, CREATE_REQUIRE_KEY, error);
}

/**
 * kith_records_create_one_record:
 *
 * As kith_store_create_record_from_values (), for a row of a file: one whose emails, domains
 * and app links name two records of its kind is refused (kith_records_check_one_record ()).
 */
gint64
kith_records_create_one_record (KithStore               *self,
                                KithRecordKind           kind,
                                const KithRecordValues  *values,
                                KithFieldMask            fields,
                                gboolean                *out_merged,
                                GError                 **error)
{
  Changes changes = { values, fields };

  return create_record (self, kind, fill_from_values, &changes, out_merged,
                        CREATE_REQUIRE_KEY | CREATE_ONE_RECORD, error);
}

static gboolean
update_locked (KithStore      *self,
               gint64          id,
               FillFunc        fill,
               gconstpointer   data,
               GError        **error)
{
  g_autoptr(KithRecordInput) in = NULL;
  KithRecordKind kind = kith_store_get_record_kind (self, id);

  if (kind == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), id);
      return FALSE;
    }

  in = kith_record_input_new (kind);
  return fill (self, in, data, error) &&
         resolve_relationship (self, in, id, FALSE, error) &&
         check_custom_scopes (self, in, id, error) &&
         kith_records_check_conflicts (self, in, id, error) &&
         check_company_keys (self, in, id, FALSE, error) &&
         write_in_transaction (self, in, &id, FALSE, TRUE, error);
}

static gboolean
update_record (KithStore      *self,
               gint64          id,
               FillFunc        fill,
               gconstpointer   data,
               GError        **error)
{
  gboolean ok;

  kith_store_lock (self);
  ok = update_locked (self, id, fill, data, error);
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_update_record:
 * @data: the members to change (docs/json.md); lists replace the record's list
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
kith_store_update_record (KithStore   *self,
                          gint64       id,
                          JsonObject  *data,
                          GError     **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  return update_record (self, id, fill_from_json, data, error);
}

/**
 * kith_store_update_record_from_values:
 * @fields: the fields of @values to write: the ones a typed record changed
 *
 * As kith_store_update_record (), for a typed record's values.
 */
gboolean
kith_store_update_record_from_values (KithStore               *self,
                                      gint64                   id,
                                      const KithRecordValues  *values,
                                      KithFieldMask            fields,
                                      GError                 **error)
{
  Changes changes = { values, fields };

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  return update_record (self, id, fill_from_values, &changes, error);
}
