/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFields"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-fields.h"
#include "kith-fields-private.h"
#include "kith-json.h"
#include "kith-relationship.h"
#include "kith-statement.h"
#include "kith-synckey.h"

/* Custom fields: their definitions */

static const char *field_types[] = { "text", "pick", "multipick", "date", "integer", "decimal",
                                     "currency", NULL };

/* "Lead source" → "lead_source": what a query writes after "#". */
static char *
make_key (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
      else if (key->len > 0 && key->str[key->len - 1] != '_')
        g_string_append_c (key, '_');
    }
  while (key->len > 0 && key->str[key->len - 1] == '_')
    g_string_truncate (key, key->len - 1);

  return g_string_free (key, FALSE);
}

static gboolean
read_field (KithStore   *self,
            const char  *key,
            gint64      *out_id,
            char       **out_type,
            char       **out_name,
            char       **out_options,
            int         *out_applies_to)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT id, type, name, options, applies_to FROM custom_fields "
                                          "WHERE key = ? COLLATE NOCASE", NULL))
    return FALSE;
  kith_statement_bind_text (&st, 1, key);
  if (!kith_statement_step (&st, NULL))
    return FALSE;

  if (out_id)
    *out_id = kith_statement_column_int64 (&st, 0);
  if (out_type)
    *out_type = kith_statement_dup_text (&st, 1);
  if (out_name)
    *out_name = kith_statement_dup_text (&st, 2);
  if (out_options)
    *out_options = kith_statement_dup_text (&st, 3);
  if (out_applies_to)
    *out_applies_to = (int) kith_statement_column_int64 (&st, 4);

  return TRUE;
}

/* The custom field @key (its id, type, name, options and kind of record), if there is one */
gboolean
kith_fields_lookup (KithStore   *self,
                    const char  *key,
                    gint64      *out_id,
                    char       **out_type,
                    char       **out_name,
                    char       **out_options,
                    int         *out_applies_to)
{
  gboolean found;

  kith_store_lock (self);
  found = read_field (self, key, out_id, out_type, out_name, out_options, out_applies_to);
  kith_store_unlock (self);

  return found;
}

/* A checked field definition; the texts point into the definition */
typedef struct {
  const char     *name;
  const char     *type;
  const char     *section;
  const char     *currency;
  char           *key;
  char           *options;       /* a JSON list, or NULL */
  KithRecordKind  kind;
  gboolean        remind_yearly;
  GPtrArray      *scope_segments;
  GPtrArray      *scope_stages;  /* static keys or NULL, one per segment */
} FieldInput;

static void
field_input_clear (FieldInput *in)
{
  g_free (in->key);
  g_free (in->options);
  g_clear_pointer (&in->scope_segments, g_ptr_array_unref);
  g_clear_pointer (&in->scope_stages, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldInput, field_input_clear)

/* Empty text is none */
static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* The key a query writes after "#": given (and then already clean) or made from the name */
static gboolean
get_key (KithFieldDefinition  *definition,
         FieldInput           *in,
         GError              **error)
{
  const char *given = kith_field_definition_get_key (definition);

  in->key = make_key (given != NULL ? given : in->name);
  if (given != NULL && strcmp (in->key, given) != 0)
    return kith_invalid (error, _("Custom field key “%s” may hold only lower-case letters, digits and “_”"),
                         given);
  if (*in->key == '\0')
    return kith_invalid (error, _("Custom field “%s” needs a name with letters or digits"), in->name);

  return TRUE;
}

/* The choices, as short text, into a JSON list */
static gboolean
get_options (KithFieldDefinition  *definition,
             FieldInput           *in,
             GError              **error)
{
  const char * const *options = kith_field_definition_get_options (definition);

  if (options == NULL || options[0] == NULL)
    return TRUE;
  for (guint i = 0; options[i] != NULL; i++)
    if (!kith_validate_text (_("choice"), options[i], 1024, error))
      return FALSE;
  in->options = kith_json_strv_to_text (options);

  return TRUE;
}

/* One segment (and stage) of records the field shows on, as keys */
static gboolean
add_scope (KithStore   *self,
           FieldInput  *in,
           const char  *segment,
           const char  *stage,
           GError     **error)
{
  char *segment_key = kith_relationship_segment_key (self, in->kind, segment);
  const char *stage_key = NULL;

  if (segment_key == NULL)
    return kith_invalid (error, _("Custom field “%s”: unknown segment “%s” in its scope"), in->name, segment);
  g_ptr_array_add (in->scope_segments, segment_key);
  if (stage != NULL && (stage_key = kith_relationship_stage_key (in->kind, stage)) == NULL)
    return kith_invalid (error, _("Custom field “%s”: unknown stage “%s” in its scope"), in->name, stage);
  g_ptr_array_add (in->scope_stages, (gpointer) stage_key);

  return TRUE;
}

/* The segments (and stages) of records the field shows on: its scopes, else its one segment */
static gboolean
get_scopes (KithStore            *self,
            KithFieldDefinition  *definition,
            FieldInput           *in,
            GError              **error)
{
  guint n = kith_field_definition_get_n_scopes (definition);
  const char *segment = nonempty (kith_field_definition_get_scope_segment (definition));

  if (n == 0 && segment != NULL)
    return add_scope (self, in, segment, NULL, error);
  for (guint i = 0; i < n; i++)
    {
      const char *stage;

      kith_field_definition_get_scope (definition, i, &segment, &stage);
      if (!add_scope (self, in, segment, stage, error))
        return FALSE;
    }

  return TRUE;
}

/* The name and type of the field */
static gboolean
get_name_and_type (KithFieldDefinition  *definition,
                   FieldInput           *in,
                   GError              **error)
{
  in->name = kith_field_definition_get_name (definition);
  in->type = kith_field_definition_get_field_type (definition);
  in->kind = kith_field_definition_get_applies_to (definition);
  if (in->name == NULL)
    return kith_invalid (error, _("A custom field needs a name"));
  if (!kith_validate_text (_("field name"), in->name, 256, error))
    return FALSE;
  if (in->type == NULL || !g_strv_contains (field_types, in->type))
    return kith_invalid (error, _("Custom field “%s”: unknown type “%s” (use text, pick, multipick, date, "
                                  "integer, decimal or currency)"), in->name, in->type ? in->type : "");

  return TRUE;
}

/* Everything that can be refused about @definition, checked before anything is written */
static gboolean
parse_definition (KithStore            *self,
                  KithFieldDefinition  *definition,
                  gboolean              updating,
                  FieldInput           *in,
                  GError              **error)
{
  in->section = nonempty (kith_field_definition_get_section (definition));
  in->currency = nonempty (kith_field_definition_get_currency (definition));
  in->scope_segments = g_ptr_array_new_with_free_func (g_free);
  in->scope_stages = g_ptr_array_new ();

  if (!get_name_and_type (definition, in, error) ||
      !get_key (definition, in, error) ||
      !get_options (definition, in, error))
    return FALSE;
  /* Only a date comes round every year */
  in->remind_yearly = kith_field_definition_get_remind_yearly (definition) && strcmp (in->type, "date") == 0;
  if ((strcmp (in->type, "pick") == 0 || strcmp (in->type, "multipick") == 0) && in->options == NULL)
    return kith_invalid (error, _("Custom field “%s”: a pick list needs its choices"), in->name);
  if (in->currency != NULL && strlen (in->currency) != 3)
    return kith_invalid (error, _("Custom field “%s”: “%s” is not a currency code such as USD"),
                         in->name, in->currency);
  if (!updating && kith_fields_lookup (self, in->key, NULL, NULL, NULL, NULL, NULL))
    return kith_invalid (error, _("There is a custom field “%s” already"), in->key);

  return get_scopes (self, definition, in, error);
}

static gint64
read_section (KithStore   *self,
              const char  *name,
              GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT id FROM custom_sections WHERE name = ?", error))
    return 0;
  kith_statement_bind_text (&st, 1, name);

  return kith_statement_get_int64 (&st, NULL);
}

/* The id of section @name, created if need be; 0 with @error set */
static gint64
ensure_section (KithStore   *self,
                const char  *name,
                GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO custom_sections (name, position) "
                                          "SELECT ?1, (SELECT count(*) FROM custom_sections) "
                                          "WHERE NOT EXISTS (SELECT 1 FROM custom_sections WHERE name = ?1)",
                               error))
    return 0;
  kith_statement_bind_text (&st, 1, name);
  if (!kith_statement_run (&st, error))
    return 0;

  return read_section (self, name, error);
}

static gint64
insert_field (KithStore   *self,
              FieldInput  *in,
              gint64       section_id,
              GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *currency = in->currency != NULL ? g_ascii_strup (in->currency, -1) : NULL;

  if (!kith_statement_prepare (&st, self, "INSERT INTO custom_fields (key, name, type, applies_to, "
                                          "section_id, options, currency, remind_yearly, position) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT count(*) FROM custom_fields))",
                               error))
    return 0;
  kith_statement_bind_text (&st, 1, in->key);
  kith_statement_bind_text (&st, 2, in->name);
  kith_statement_bind_text (&st, 3, in->type);
  kith_statement_bind_int64 (&st, 4, in->kind);
  if (section_id != 0)
    kith_statement_bind_int64 (&st, 5, section_id);
  kith_statement_bind_text (&st, 6, in->options);
  kith_statement_bind_text (&st, 7, currency);
  kith_statement_bind_int64 (&st, 8, in->remind_yearly);
  if (!kith_statement_run (&st, error))
    return 0;

  return kith_statement_last_insert_id (&st);
}

static gboolean
insert_scopes (KithStore   *self,
               gint64       id,
               FieldInput  *in,
               GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (in->scope_segments->len == 0)
    return TRUE;
  if (!kith_statement_prepare (&st, self, "INSERT INTO custom_field_scopes (field_id, segment, stage) "
                                          "VALUES (?, ?, ?)", error))
    return FALSE;
  for (guint i = 0; i < in->scope_segments->len; i++)
    {
      kith_statement_bind_int64 (&st, 1, id);
      kith_statement_bind_text (&st, 2, g_ptr_array_index (in->scope_segments, i));
      kith_statement_bind_text (&st, 3, g_ptr_array_index (in->scope_stages, i));
      if (!kith_statement_run (&st, error))
        return FALSE;
    }

  return TRUE;
}

/* Inside the transaction: the field, its section and its scopes */
static gint64
write_field (KithStore   *self,
             FieldInput  *in,
             GError     **error)
{
  gint64 section_id = 0;
  gint64 id;

  if (in->section != NULL && (section_id = ensure_section (self, in->section, error)) == 0)
    return 0;
  if ((id = insert_field (self, in, section_id, error)) == 0 ||
      !insert_scopes (self, id, in, error))
    return 0;

  return id;
}

/**
 * kith_fields_add:
 * @definition: the field: its name, type and kind of record; its key (else made from the
 *   name), section, choices, currency, whether a date reminds yearly, and its scopes (segment
 *   keys or names, stage keys or names), or its one scope segment, if it has them
 *
 * Adds a custom field. Everything wrong with @definition is an error naming it, and nothing
 * is written then.
 *
 * Returns: the field's id, or 0 with @error set
 */
gint64
kith_fields_add (KithStore            *self,
                 KithFieldDefinition  *definition,
                 GError              **error)
{
  g_auto(FieldInput) in = { NULL, };
  gint64 id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (definition), 0);

  if (!parse_definition (self, definition, FALSE, &in, error) ||
      !kith_store_begin (self, error))
    return 0;

  if ((id = write_field (self, &in, error)) == 0)
    {
      kith_store_rollback (self);
      return 0;
    }

  /* Open profiles show the fields of their kind again */
  kith_store_mark_changed (self, in.kind);
  return kith_store_commit (self, error) ? id : 0;
}

/* The field @key as it is: its id, and that its type and kind of record stay as they are */
static gboolean
check_unchanged (KithStore   *self,
                 FieldInput  *in,
                 gint64      *out_id,
                 GError     **error)
{
  g_autofree char *type = NULL;
  int applies_to;

  if (!kith_fields_lookup (self, in->key, out_id, &type, NULL, NULL, &applies_to))
    return kith_invalid (error, _("There is no custom field “%s”"), in->key);
  /* Values are stored in the form of their type: another type would misread them */
  if (g_strcmp0 (type, in->type) != 0)
    return kith_invalid (error, _("Custom field “%s”: its type (%s) cannot be changed"), in->name, type);
  if (applies_to != (int) in->kind)
    return kith_invalid (error, _("Custom field “%s”: the kind of record it is for cannot be changed"),
                         in->name);

  return TRUE;
}

static gboolean
update_row (KithStore   *self,
            gint64       id,
            FieldInput  *in,
            gint64       section_id,
            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *currency = in->currency != NULL ? g_ascii_strup (in->currency, -1) : NULL;

  if (!kith_statement_prepare (&st, self, "UPDATE custom_fields SET name = ?, section_id = ?, options = ?, "
                                          "currency = ?, remind_yearly = ? WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, in->name);
  if (section_id != 0)
    kith_statement_bind_int64 (&st, 2, section_id);
  kith_statement_bind_text (&st, 3, in->options);
  kith_statement_bind_text (&st, 4, currency);
  kith_statement_bind_int64 (&st, 5, in->remind_yearly);
  kith_statement_bind_int64 (&st, 6, id);

  return kith_statement_run (&st, error);
}

static gboolean
delete_scopes (KithStore   *self,
               gint64       id,
               GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "DELETE FROM custom_field_scopes WHERE field_id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);

  return kith_statement_run (&st, error);
}

/* Inside the transaction: the field's row, its section and its scopes, replaced */
static gboolean
rewrite_field (KithStore   *self,
               gint64       id,
               FieldInput  *in,
               GError     **error)
{
  gint64 section_id = 0;

  if (in->section != NULL && (section_id = ensure_section (self, in->section, error)) == 0)
    return FALSE;

  return update_row (self, id, in, section_id, error) &&
         delete_scopes (self, id, error) &&
         insert_scopes (self, id, in, error);
}

static gboolean
update_locked (KithStore            *self,
               KithFieldDefinition  *definition,
               GError              **error)
{
  g_auto(FieldInput) in = { NULL, };
  gint64 id = 0;

  if (kith_field_definition_get_key (definition) == NULL)
    return kith_invalid (error, _("Which custom field to change needs its key"));
  if (!parse_definition (self, definition, TRUE, &in, error) ||
      !check_unchanged (self, &in, &id, error) ||
      !kith_store_begin (self, error))
    return FALSE;

  if (!rewrite_field (self, id, &in, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  kith_store_mark_changed (self, in.kind);
  return kith_store_commit (self, error);
}

/**
 * kith_fields_update:
 * @definition: the field as it is to be: its key (which field), name, type and kind of record
 *   as they are, and its section, choices, currency, whether a date reminds yearly and its
 *   scopes, which replace the field's
 *
 * Changes a custom field. Its key and type stay: values are stored in the form of their type.
 * Values already recorded are kept, also those a narrower scope or fewer choices no longer
 * offer. Everything wrong with @definition is an error naming it, and nothing is written then.
 */
gboolean
kith_fields_update (KithStore            *self,
                    KithFieldDefinition  *definition,
                    GError              **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (definition), FALSE);

  kith_store_lock (self);
  ok = update_locked (self, definition, error);
  kith_store_unlock (self);

  return ok;
}

static gboolean
delete_field (KithStore   *self,
              const char  *key,
              GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  int applies_to;

  if (!read_field (self, key, NULL, NULL, NULL, NULL, &applies_to))
    return kith_invalid (error, _("There is no custom field “%s”"), key);
  if (!kith_statement_prepare (&st, self, "DELETE FROM custom_fields WHERE key = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, key);
  if (!kith_statement_run (&st, error))
    return FALSE;

  kith_store_mark_changed (self, applies_to);
  return TRUE;
}

/**
 * kith_fields_remove:
 *
 * Removes the custom field @key and every value recorded in it.
 */
gboolean
kith_fields_remove (KithStore   *self,
                    const char  *key,
                    GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  ok = delete_field (self, key, error);
  kith_store_unlock (self);

  return ok;
}

static KithFieldDefinition *
read_field_row (KithStatement  *st,
                KithRecordKind  kind)
{
  g_auto(GStrv) options = kith_statement_column_is_null (st, 5)
                          ? NULL : kith_json_text_to_strv (kith_statement_column_text (st, 5));

  return g_object_new (KITH_TYPE_FIELD_DEFINITION,
                       "field-id", kith_statement_column_int64 (st, 0),
                       "key", kith_statement_column_text (st, 1),
                       "name", kith_statement_column_text (st, 2),
                       "field-type", kith_statement_column_text (st, 3),
                       "applies-to", kind,
                       "section", kith_statement_column_text (st, 4),
                       "options", options,
                       "currency", kith_statement_column_text (st, 6),
                       "remind-yearly", kith_statement_column_int64 (st, 7) != 0,
                       NULL);
}

/* The scopes of the fields of @kind, each to its field in @by_id */
static gboolean
read_scopes (KithStore       *self,
             KithRecordKind   kind,
             GHashTable      *by_id,
             GError         **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self,
                               "SELECT c.field_id, c.segment, c.stage FROM custom_field_scopes c "
                               "JOIN custom_fields f ON f.id = c.field_id WHERE f.applies_to = ? "
                               "ORDER BY c.field_id, c.rowid", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, kind);
  while (kith_statement_step (&st, NULL))
    {
      gint64 id = kith_statement_column_int64 (&st, 0);
      KithFieldDefinition *field = g_hash_table_lookup (by_id, &id);

      if (field != NULL)
        kith_field_definition_add_scope (field, kith_statement_column_text (&st, 1),
                                         kith_statement_column_text (&st, 2));
    }

  return TRUE;
}

static GListModel *
read_fields (KithStore       *self,
             KithRecordKind   kind,
             GError         **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GListStore) fields = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!kith_statement_prepare (&st, self,
                               "SELECT f.id, f.key, f.name, f.type, s.name, f.options, f.currency, f.remind_yearly "
                               "FROM custom_fields f LEFT JOIN custom_sections s ON s.id = f.section_id "
                               "WHERE f.applies_to = ? ORDER BY coalesce(s.position, -1), f.position, f.id",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, kind);

  fields = g_list_store_new (KITH_TYPE_FIELD_DEFINITION);
  while (kith_statement_step (&st, NULL))
    {
      g_autoptr(KithFieldDefinition) field = read_field_row (&st, kind);
      gint64 *id = g_new (gint64, 1);

      *id = kith_field_definition_get_field_id (field);
      g_hash_table_insert (by_id, id, field);
      g_list_store_append (fields, field);
    }

  return read_scopes (self, kind, by_id, error) ? G_LIST_MODEL (g_steal_pointer (&fields)) : NULL;
}

/**
 * kith_fields_list:
 *
 * Returns: (transfer full): a list model of the #KithFieldDefinition<!-- -->s of @kind, in
 *   order, with their scopes
 */
GListModel *
kith_fields_list (KithStore       *self,
                  KithRecordKind   kind,
                  GError         **error)
{
  GListModel *fields;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  fields = read_fields (self, kind, error);
  kith_store_unlock (self);

  return fields;
}

/* The scopes of field @field_id: pairs of segment key, then stage key or %NULL */
static GPtrArray *
read_field_scopes (KithStore *self,
                   gint64     field_id)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *scopes = g_ptr_array_new_with_free_func (g_free);

  if (!kith_statement_prepare (&st, self, "SELECT segment, stage FROM custom_field_scopes WHERE field_id = ?",
                               NULL))
    return scopes;
  kith_statement_bind_int64 (&st, 1, field_id);
  while (kith_statement_step (&st, NULL))
    {
      g_ptr_array_add (scopes, kith_statement_dup_text (&st, 0));
      g_ptr_array_add (scopes, kith_statement_dup_text (&st, 1));
    }

  return scopes;
}

/* Whether @scopes hold @segment (and @stage), or, when @stage is %NULL, @segment at any stage */
static gboolean
scopes_hold (GPtrArray  *scopes,
             const char *segment,
             const char *stage,
             gboolean    any_stage)
{
  for (guint i = 0; i + 1 < scopes->len; i += 2)
    {
      const char *scope_stage = g_ptr_array_index (scopes, i + 1);

      if (g_strcmp0 (g_ptr_array_index (scopes, i), segment) == 0 &&
          (any_stage || scope_stage == NULL || g_strcmp0 (scope_stage, stage) == 0))
        return TRUE;
    }

  return FALSE;
}

/* Whether record @record_id holds @values in field @field_id already, in that order */
static gboolean
values_kept (KithStore *self,
             gint64     record_id,
             gint64     field_id,
             GPtrArray *values)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  guint i = 0;

  if (record_id == 0 ||
      !kith_statement_prepare (&st, self, "SELECT value FROM custom_values WHERE record_id = ? AND field_id = ? "
                                          "ORDER BY rowid", NULL))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, record_id);
  kith_statement_bind_int64 (&st, 2, field_id);
  while (kith_statement_step (&st, NULL))
    if (i >= values->len ||
        g_strcmp0 (kith_statement_column_text (&st, 0), g_ptr_array_index (values, i++)) != 0)
      return FALSE;

  return i == values->len;
}

/* The name the user gave @sql's row of @key (and @stage), else @key */
static char *
dup_name (KithStore   *self,
          const char  *sql,
          const char  *key,
          const char  *stage)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  char *name = NULL;

  if (kith_statement_prepare (&st, self, sql, NULL))
    {
      kith_statement_bind_text (&st, 1, key);
      if (stage != NULL)
        kith_statement_bind_text (&st, 2, stage);
      name = kith_statement_dup_string (&st, NULL);
    }

  return name != NULL ? name : g_strdup (stage != NULL ? stage : key);
}

static char *
dup_field_name (KithStore *self,
                gint64     field_id)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT name FROM custom_fields WHERE id = ?", NULL))
    return g_strdup ("?");
  kith_statement_bind_int64 (&st, 1, field_id);

  return kith_statement_dup_string (&st, NULL);
}

static gboolean
refuse_out_of_scope (KithStore   *self,
                     gint64       field_id,
                     GPtrArray   *scopes,
                     const char  *segment,
                     const char  *stage,
                     GError     **error)
{
  g_autofree char *field = NULL;
  g_autofree char *segment_name = NULL;
  g_autofree char *stage_name = NULL;

  field = dup_field_name (self, field_id);
  if (segment == NULL)
    return kith_invalid (error, _("Custom field “%s” applies only to records in some segments; this "
                                  "record is in none"), field);

  segment_name = dup_name (self, "SELECT name FROM segments WHERE key = ?1", segment, NULL);
  if (!scopes_hold (scopes, segment, stage, TRUE))
    return kith_invalid (error, _("Custom field “%s” does not apply to records in segment “%s”"),
                         field, segment_name);

  /* No stage at all: "-", as the refusal of a step says */
  stage_name = stage != NULL ? dup_name (self, "SELECT name FROM stages WHERE segment = ?1 AND key = ?2", segment, stage)
                             : g_strdup ("-");
  return kith_invalid (error, _("Custom field “%s” does not apply to records in segment “%s” at stage “%s”"),
                       field, segment_name, stage_name);
}

/**
 * kith_fields_check_scope:
 * @record_id: the record written, or 0 for a new one
 * @segment: (nullable): the segment key the write leaves it in
 * @stage: (nullable): the stage key
 * @values: the field's values written; none clears it
 *
 * A field limited to some segments (and stages) takes a value only on a record in one of
 * them; a value a record holds already may stay, as a record that moved on keeps its values.
 *
 * Returns: whether the write may go on; %FALSE with @error naming the field and the record's
 *   segment when not
 */
gboolean
kith_fields_check_scope (KithStore   *self,
                         gint64       record_id,
                         gint64       field_id,
                         const char  *segment,
                         const char  *stage,
                         GPtrArray   *values,
                         GError     **error)
{
  g_autoptr(GPtrArray) scopes = NULL;

  if (values->len == 0)
    return TRUE;
  scopes = read_field_scopes (self, field_id);
  if (scopes->len == 0 || scopes_hold (scopes, segment, stage, FALSE) ||
      values_kept (self, record_id, field_id, values))
    return TRUE;

  return refuse_out_of_scope (self, field_id, scopes, segment, stage, error);
}
