/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTemplates"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-enums.h"
#include "kith-files.h"
#include "kith-json.h"
#include "kith-object-util.h"
#include "kith-outbox-private.h"
#include "kith-store-private.h"
#include "kith-templates-private.h"

/*
 * The template library: the `templates` table, read as KithTemplate. A template that does not
 * parse is refused with where the problem is, so every stored one renders. Attachments are
 * copied into files/templates/<id>/ when saved: the template keeps working when the user moves
 * the original. A delete keeps the row for kith_store_undo(), as deletes of records do.
 *
 * Next steps name their template: `steps.template` is the name, `steps.template_id` the stored
 * template of that name, NULL when there is none ("no template"). Saving a template links the
 * steps that name it, and renaming it renames it on its steps; deleting it unlinks them
 * (ON DELETE SET NULL) and keeps the name, so an undo links them again.
 *
 * Every write is a transaction of its own, announced with KITH_STORE_AREA_TEMPLATES.
 */

#define COLUMNS "id, name, subject, body, body_type, account, attachments, created, changed"

static KithTemplate *
read_row (KithStatement *st)
{
  g_auto(GStrv) attachments = kith_json_text_to_strv (kith_statement_column_text (st, 6));

  return g_object_new (KITH_TYPE_TEMPLATE,
                       "id", kith_statement_column_int64 (st, 0),
                       "name", kith_statement_column_text (st, 1),
                       "subject", kith_statement_column_text (st, 2),
                       "body", kith_statement_column_text (st, 3),
                       "body-type", kith_enum_from_nick (KITH_TYPE_TEMPLATE_BODY_TYPE, kith_statement_column_text (st, 4)),
                       "account", kith_statement_column_text (st, 5),
                       "attachments", attachments,
                       "created", kith_statement_column_int64 (st, 7),
                       "changed", kith_statement_column_int64 (st, 8),
                       NULL);
}

/**
 * kith_store_templates_list:
 *
 * Returns: (transfer full) (element-type KithTemplate) (nullable): every template, by name;
 *   %NULL with @error set
 */
GPtrArray *
kith_store_templates_list (KithStore  *self,
                           GError    **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  /* The reader binds one parameter; this query has none to give it */
  return kith_outbox_read_rows (self, "SELECT " COLUMNS " FROM templates WHERE ?1 IS NULL ORDER BY name, id",
                                NULL, (KithOutboxReadRow) read_row, error);
}

static KithTemplate *
get_one (KithStore   *self,
         const char  *where,
         const char  *param,
         const char  *missing,
         GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " COLUMNS " FROM templates WHERE ", where, NULL);
  g_autoptr(GPtrArray) rows = kith_outbox_read_rows (self, sql, param, (KithOutboxReadRow) read_row, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (rows, 0));
}

/**
 * kith_store_template_get:
 *
 * Returns: (transfer full) (nullable): template @id, or %NULL with @error set (NOT_FOUND)
 */
KithTemplate *
kith_store_template_get (KithStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *missing = g_strdup_printf (_("There is no template #%" G_GINT64_FORMAT), id);

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return get_one (self, "id = CAST(?1 AS INTEGER)", text, missing, error);
}

/**
 * kith_store_template_find:
 * @name: a template's name, in any case
 *
 * Returns: (transfer full) (nullable): the template named @name, or %NULL with @error set
 *   (NOT_FOUND)
 */
KithTemplate *
kith_store_template_find (KithStore   *self,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *missing = g_strdup_printf (_("There is no template “%s”"), name);

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return get_one (self, "name = ?1", name, missing, error);
}

/**
 * kith_store_template_fields:
 *
 * Returns: (transfer full) (nullable): the fields a template may name: the built-in ones and
 *   the custom fields of people; %NULL with @error set
 */
KithTemplateFields *
kith_store_template_fields (KithStore  *self,
                            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(KithTemplateFields) fields = kith_template_fields_new ();
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  ok = kith_statement_prepare (&st, self, "SELECT id, key, name FROM custom_fields WHERE applies_to = ? "
                                          "ORDER BY position, id", error);
  if (ok)
    {
      kith_statement_bind_int64 (&st, 1, KITH_RECORD_PERSON);
      while (kith_statement_step (&st, error))
        kith_template_fields_add_custom (fields, kith_statement_column_int64 (&st, 0),
                                         kith_statement_column_text (&st, 1), kith_statement_column_text (&st, 2));
      ok = !kith_statement_failed (&st);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return ok ? g_steal_pointer (&fields) : NULL;
}

/**
 * kith_store_template_compile:
 * @out_part: (out) (optional): the part a problem is in
 * @out_position: (out) (optional): where in it
 *
 * Parses @template against the store's fields.
 *
 * Returns: (transfer full) (nullable): the template ready to render, or %NULL with @error set
 *   (a %KITH_TEMPLATE_ERROR names the part, line and column)
 */
KithCompiledTemplate *
kith_store_template_compile (KithStore             *self,
                             KithTemplate          *template,
                             KithTemplatePart      *out_part,
                             KithTemplatePosition  *out_position,
                             GError               **error)
{
  g_autoptr(KithTemplateFields) fields = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (KITH_IS_TEMPLATE (template), NULL);

  fields = kith_store_template_fields (self, error);
  if (fields == NULL)
    return NULL;

  return kith_compiled_template_new (fields, kith_template_get_subject (template), kith_template_get_body (template),
                                     kith_template_get_body_type (template) == KITH_TEMPLATE_BODY_HTML,
                                     out_part, out_position, error);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean
check_template (KithStore     *self,
                KithTemplate  *template,
                GError       **error)
{
  const char *name = kith_template_get_name (template);
  g_autoptr(KithCompiledTemplate) compiled = NULL;

  if (is_blank (name))
    return kith_invalid (error, _("name: a template needs a name"));
  if (strlen (name) > 512 || !g_utf8_validate (name, -1, NULL))
    return kith_invalid (error, _("name: at most 512 bytes of text"));

  compiled = kith_store_template_compile (self, template, NULL, NULL, error);
  return compiled != NULL;
}

/* The template's own folder, files/templates/<id>/ */
char *
kith_templates_dup_folder (KithStore *store,
                           gint64     id)
{
  g_autofree char *files = kith_files_dup_folder (store);
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return g_build_filename (files, "templates", name, NULL);
}

typedef struct {
  KithTemplate *template;
  gint64        id;
  gint64        now;
  char         *folder;   /* files/templates/<id> */
  GPtrArray    *made;     /* folders this save made, removed again when it fails */
} SaveJob;

/* The attachments as copies in the template's folder (as the Outbox copies a message's);
 * those already there stay */
static char *
copy_attachments (SaveJob  *job,
                  GError  **error)
{
  g_auto(GStrv) copies = kith_outbox_copy_files (job->folder, job->made,
                                                 kith_template_get_attachments (job->template), error);

  return copies != NULL ? kith_json_strv_to_text ((const char * const *) copies) : NULL;
}

static gboolean
write_row (KithStore   *store,
           SaveJob     *job,
           const char  *attachments,
           GError     **error)
{
  KithTemplate *t = job->template;
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store,
                               "INSERT INTO templates (id, name, subject, body, body_type, account, attachments, created, changed) "
                               "VALUES (nullif (?1, 0), ?2, ifnull (?3, ''), ifnull (?4, ''), ?5, ?6, ?7, ?8, ?8) "
                               "ON CONFLICT (id) DO UPDATE SET name = ?2, subject = ifnull (?3, ''), body = ifnull (?4, ''), "
                               "body_type = ?5, account = ?6, attachments = ?7, changed = ?8", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, job->id);
  kith_statement_bind_text (&st, 2, kith_template_get_name (t));
  kith_statement_bind_text (&st, 3, kith_template_get_subject (t));
  kith_statement_bind_text (&st, 4, kith_template_get_body (t));
  kith_statement_bind_text (&st, 5, kith_enum_to_nick (KITH_TYPE_TEMPLATE_BODY_TYPE, kith_template_get_body_type (t)));
  kith_statement_bind_text (&st, 6, kith_template_get_account (t));
  kith_statement_bind_text (&st, 7, attachments);
  kith_statement_bind_int64 (&st, 8, job->now);
  if (!kith_statement_run (&st, error))
    return FALSE;

  if (job->id == 0)
    job->id = kith_statement_last_insert_id (&st);
  return TRUE;
}

static gboolean
check_name_free (KithStore     *store,
                 SaveJob       *job,
                 GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  const char *name = kith_template_get_name (job->template);

  if (!kith_statement_prepare (&st, store, "SELECT 1 FROM templates WHERE name = ? AND id != ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, name);
  kith_statement_bind_int64 (&st, 2, job->id);
  if (!kith_statement_has_row (&st, error))
    return !kith_statement_failed (&st);

  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT, _("name: there is already a template “%s”"), name);
  return FALSE;
}

/**
 * kith_templates_link_steps:
 *
 * Points the next steps that name template @id (by its name, in any case, or already by id)
 * at it, with its name as it is now.
 */
gboolean
kith_templates_link_steps (KithStore  *store,
                           gint64      id,
                           GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store,
                               "UPDATE steps SET template_id = t.id, template = t.name FROM templates t "
                               "WHERE t.id = ?1 AND (steps.template_id = t.id "
                               "  OR (steps.template_id IS NULL AND steps.template = t.name COLLATE NOCASE))", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);

  return kith_statement_run (&st, error);
}

static gboolean
save_write (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  SaveJob *job = data;
  g_autofree char *attachments = NULL;

  if (!check_name_free (store, job, error))
    return FALSE;
  /* The id first: the copies go into the template's folder */
  if (!write_row (store, job, "[]", error))
    return FALSE;
  job->folder = kith_templates_dup_folder (store, job->id);
  attachments = copy_attachments (job, error);

  return attachments != NULL &&
         write_row (store, job, attachments, error) &&
         kith_templates_link_steps (store, job->id, error);
}

/* The copies in @folder (each in a folder <n>/ of its own) that @attachments no longer lists */
static void
remove_stale_copies (const char         *folder,
                     const char * const *attachments)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder, name, NULL);
      g_autofree char *prefix = g_strconcat (child, G_DIR_SEPARATOR_S, NULL);
      gboolean listed = FALSE;

      for (guint i = 0; attachments != NULL && attachments[i] != NULL && !listed; i++)
        listed = g_str_has_prefix (attachments[i], prefix);
      if (!listed)
        kith_outbox_remove_folder (child);
    }
}

/**
 * kith_store_template_save:
 * @template: new (id 0) or read from the store
 *
 * Inserts or updates @template after checking it: a name no other template has (CONFLICT),
 * a subject and body that parse (a %KITH_TEMPLATE_ERROR naming the part, line and column);
 * copies its attachments into Kith's files (and removes the copies of files it no longer
 * attaches) and links the next steps that name it. Sets its
 * id, its attachments' copies and its times.
 *
 * Returns: its id, or 0 with @error set; nothing is written then
 */
gint64
kith_store_template_save (KithStore     *self,
                          KithTemplate  *template,
                          GError       **error)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  SaveJob job = { template, kith_template_get_id (template), 0, NULL, made };
  g_autoptr(KithTemplate) saved = NULL;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (KITH_IS_TEMPLATE (template), 0);

  if (!check_template (self, template, error))
    return 0;

  job.now = kith_store_now (self);
  ok = kith_outbox_write (self, save_write, &job, error);
  for (guint i = 0; !ok && i < made->len; i++)
    kith_outbox_remove_folder (made->pdata[i]);
  g_clear_pointer (&job.folder, g_free);
  if (!ok)
    return 0;

  saved = kith_store_template_get (self, job.id, error);
  if (saved == NULL)
    return 0;
  /* After the commit: a crash in between leaves a stray copy, never a missing one */
  {
    g_autofree char *folder = kith_templates_dup_folder (self, job.id);

    remove_stale_copies (folder, kith_template_get_attachments (saved));
  }
  kith_object_update (G_OBJECT (template), G_OBJECT (saved), NULL);
  return job.id;
}

typedef struct {
  gint64 id;
  gint64 undo_id;
} DeleteJob;

static gboolean
delete_write (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  DeleteJob *job = data;
  g_autoptr(JsonObject) snapshot = kith_undo_snapshot_template (store, job->id, error);
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (snapshot == NULL)
    return FALSE;
  job->undo_id = kith_undo_save (store, "delete", snapshot, error);
  if (job->undo_id == 0 || !kith_statement_prepare (&st, store, "DELETE FROM templates WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, job->id);
  if (!kith_statement_run (&st, error))
    return FALSE;

  if (kith_statement_changes (&st) == 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no template #%" G_GINT64_FORMAT), job->id);
      return FALSE;
    }

  return TRUE;
}

/**
 * kith_store_template_delete_with_undo:
 *
 * Deletes template @id; its steps keep its name and have "no template". Until
 * kith_store_forget_undo(), kith_store_undo() brings it back with its id, its files and its
 * steps.
 *
 * Returns: the id to undo the delete with, or 0 with @error set
 */
gint64
kith_store_template_delete_with_undo (KithStore  *self,
                                      gint64      id,
                                      GError    **error)
{
  DeleteJob job = { id, 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_undo_forget_old (self);
  if (!kith_outbox_write (self, delete_write, &job, error))
    return 0;

  return job.undo_id;
}

/* A person's custom values, each into its field's slot; a multiple pick list's joined */
static gboolean
fill_custom (KithStore           *self,
             gint64               person_id,
             KithTemplateValues  *values,
             GError             **error)
{
  KithTemplateFields *fields = kith_template_values_get_fields (values);
  guint n = kith_template_fields_get_n_slots (fields);
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (n == KITH_TEMPLATE_N_BUILTIN)
    return TRUE;
  if (!kith_statement_prepare (&st, self, "SELECT field_id, group_concat (value, ', ') FROM custom_values "
                                          "WHERE record_id = ? GROUP BY field_id", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, person_id);
  while (kith_statement_step (&st, error))
    for (guint slot = KITH_TEMPLATE_N_BUILTIN; slot < n; slot++)
      if (kith_template_fields_get_field_id (fields, slot) == kith_statement_column_int64 (&st, 0))
        kith_template_values_set (values, slot, kith_statement_column_text (&st, 1));

  return !kith_statement_failed (&st);
}

static gboolean
fill_person_locked (KithStore           *self,
                    gint64               person_id,
                    KithTemplateValues  *values,
                    GError             **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self,
                               "SELECT r.first, r.last, r.name, c.name, r.headline, "
                               "  (SELECT value FROM channels WHERE record_id = r.id AND type = 'email' "
                               "   ORDER BY preferred DESC, position, id LIMIT 1), "
                               "  s.name, st.name "
                               "FROM records r LEFT JOIN records c ON c.id = r.company_id "
                               "  LEFT JOIN segments s ON s.key = r.segment "
                               "  LEFT JOIN stages st ON st.segment = r.segment AND st.key = r.stage "
                               "WHERE r.id = ? AND r.kind = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, person_id);
  kith_statement_bind_int64 (&st, 2, KITH_RECORD_PERSON);
  if (!kith_statement_has_row (&st, error))
    {
      if (!kith_statement_failed (&st))
        g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                     _("There is no person #%" G_GINT64_FORMAT), person_id);
      return FALSE;
    }

  kith_template_values_clear_record (values);
  for (guint slot = KITH_TEMPLATE_FIRST_NAME; slot <= KITH_TEMPLATE_STAGE; slot++)
    kith_template_values_set (values, slot, kith_statement_column_text (&st, slot));
  kith_statement_clear (&st);

  return fill_custom (self, person_id, values, error);
}

/**
 * kith_store_template_fill_person:
 * @values: values for the fields of kith_store_template_fields(); the sender's (my.*) are
 *   the caller's and kept
 *
 * Sets the record's values of @values to person @person_id's: names, company, headline, first
 * email, the display names of segment and stage, and custom fields.
 *
 * Returns: %TRUE, or %FALSE with @error set (NOT_FOUND when there is no such person)
 */
gboolean
kith_store_template_fill_person (KithStore           *self,
                                 gint64               person_id,
                                 KithTemplateValues  *values,
                                 GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  kith_store_lock (self);
  ok = fill_person_locked (self, person_id, values, error);
  kith_store_unlock (self);

  return ok;
}
