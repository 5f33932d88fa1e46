/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-statement.h"
#include "kith-types-private.h"
#include "kith-vcard-extra.h"

/*
 * The properties of an imported vCard that Kith has no field for (a nickname, a related
 * person, a producer's X- properties), kept with the record so that exporting it again writes
 * them back: export → import → export loses nothing. Core keeps them as text the vCard format
 * (src/services/transfer/kith-vcard.c) writes and reads; a merge of two records joins their
 * texts property by property (kith_vcard_extra_merge()), which needs no parser.
 */

/* As much as the largest card the vCard reader takes: more is not a vCard's leftovers */
#define MAX_PROPERTIES (8 * 1024 * 1024)

static gboolean
write_extra (KithStore   *self,
             gint64       record_id,
             const char  *properties,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  const char *sql = properties != NULL
    ? "INSERT INTO vcard_extra (record_id, properties) VALUES (?1, ?2) "
      "ON CONFLICT (record_id) DO UPDATE SET properties = ?2 WHERE properties IS NOT ?2"
    : "DELETE FROM vcard_extra WHERE record_id = ?1";

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, record_id);
  if (properties != NULL)
    kith_statement_bind_text (&st, 2, properties);

  return kith_statement_run (&st, error);
}

/**
 * kith_store_set_vcard_extra:
 * @record_id: a person or company
 * @properties: (nullable): vCard text holding the properties to keep; %NULL or "" forgets them
 *
 * Keeps @properties with @record_id, in place of what it held before. Writing the same text
 * again changes nothing, so a second import of a file converges.
 *
 * Returns: %FALSE with @error set when the record does not exist or the text is not UTF-8
 */
gboolean
kith_store_set_vcard_extra (KithStore   *self,
                            gint64       record_id,
                            const char  *properties,
                            GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (properties != NULL && *properties == '\0')
    properties = NULL;
  if (properties != NULL && !g_utf8_validate (properties, -1, NULL))
    return kith_invalid (error, _("The vCard properties kept with a record must be UTF-8 text"));
  if (properties != NULL && strlen (properties) > MAX_PROPERTIES)
    return kith_invalid (error, _("The vCard properties kept with a record are larger than %d MB"),
                         MAX_PROPERTIES / (1024 * 1024));

  kith_store_lock (self);
  ok = write_extra (self, record_id, properties, error);
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_dup_vcard_extra:
 *
 * Returns: (transfer full) (nullable): the vCard properties kept with @record_id, or %NULL
 *   when there are none (@error is set only when reading failed)
 */
char *
kith_store_dup_vcard_extra (KithStore   *self,
                            gint64       record_id,
                            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  char *properties = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self, "SELECT properties FROM vcard_extra WHERE record_id = ?", error))
    {
      kith_statement_bind_int64 (&st, 1, record_id);
      if (kith_statement_step (&st, error))
        properties = kith_statement_dup_text (&st, 0);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return properties;
}

/* The properties of a card's text, each unfolded into one line, without BEGIN, VERSION and END */
static GPtrArray *
split_properties (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GPtrArray *properties = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if ((line[0] == ' ' || line[0] == '\t') && current != NULL)
        {
          g_string_append (current, line + 1);
          continue;
        }
      if (current != NULL)
        g_ptr_array_add (properties, g_string_free (current, FALSE));
      current = NULL;
      if (len == 0 || g_ascii_strncasecmp (line, "BEGIN:", 6) == 0 ||
          g_ascii_strncasecmp (line, "VERSION:", 8) == 0 || g_ascii_strncasecmp (line, "END:", 4) == 0)
        continue;
      current = g_string_new (line);
    }
  if (current != NULL)
    g_ptr_array_add (properties, g_string_free (current, FALSE));

  return properties;
}

/* The group of a property ("item1" of "item1.X-ABLabel:…"), or %NULL */
static char *
group_of (const char *property)
{
  gsize name_end = strcspn (property, ":;");
  const char *dot = memchr (property, '.', name_end);

  return dot != NULL ? g_strndup (property, dot - property) : NULL;
}

/* @property of the merged record, its group renamed where the survivor uses the same one (two
 * cards' item1 are not one item) */
static char *
regroup (const char *property,
         GHashTable *taken,
         GHashTable *renamed)
{
  g_autofree char *group = group_of (property);
  const char *to;

  if (group == NULL || !g_hash_table_contains (taken, group))
    return g_strdup (property);
  if ((to = g_hash_table_lookup (renamed, group)) == NULL)
    {
      char *name = NULL;

      for (guint n = 2; name == NULL || g_hash_table_contains (taken, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s-%u", group, n);
        }
      g_hash_table_add (taken, g_strdup (name));
      g_hash_table_insert (renamed, g_strdup (group), name);
      to = name;
    }

  return g_strconcat (to, property + strlen (group), NULL);
}

/* Folds a line longer than vCard's 75 octets, between UTF-8 characters */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize width = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize n = g_utf8_next_char (p) - p;

      if (width + n > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, n);
      width += n;
    }
  g_string_append (out, "\r\n");
}

/* The survivor's properties, then those of the merged record it has not */
static char *
join_properties (const char *survivor,
                 const char *merged)
{
  g_autoptr(GPtrArray) mine = split_properties (survivor);
  g_autoptr(GPtrArray) theirs = split_properties (merged);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) have = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\n");

  for (guint i = 0; i < mine->len; i++)
    {
      char *group = group_of (g_ptr_array_index (mine, i));

      g_hash_table_add (have, g_ptr_array_index (mine, i));
      if (group != NULL)
        g_hash_table_add (taken, group);
      append_folded (out, g_ptr_array_index (mine, i));
    }
  for (guint i = 0; i < theirs->len; i++)
    {
      const char *property = g_ptr_array_index (theirs, i);
      g_autofree char *moved = NULL;

      /* The same property on both (a UID, a nickname) is kept once */
      if (g_hash_table_contains (have, property))
        continue;
      moved = regroup (property, taken, renamed);
      append_folded (out, moved);
    }
  g_string_append (out, "END:VCARD\r\n");

  return g_string_free (out, FALSE);
}

static gboolean
read_extra (KithStore   *self,
            gint64       record_id,
            char       **out,
            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  *out = NULL;
  if (!kith_statement_prepare (&st, self, "SELECT properties FROM vcard_extra WHERE record_id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, record_id);
  if (kith_statement_step (&st, error))
    *out = kith_statement_dup_text (&st, 0);

  return error == NULL || *error == NULL;
}

/**
 * kith_vcard_extra_merge:
 * @survivor_id: the record that stays
 * @merged_id: the record merged into it
 *
 * Gives @survivor_id the kept properties of @merged_id it has not (in the transaction of the
 * merge, before @merged_id is deleted), so that a merge loses none of what either card had.
 * The survivor's come first; a group of the merged record's that the survivor uses too is
 * renamed (`item1` → `item1-2`), so that a label stays with its property.
 */
gboolean
kith_vcard_extra_merge (KithStore   *self,
                        gint64       survivor_id,
                        gint64       merged_id,
                        GError     **error)
{
  g_autofree char *survivor = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *joined = NULL;

  if (!read_extra (self, survivor_id, &survivor, error) || !read_extra (self, merged_id, &merged, error))
    return FALSE;
  if (merged == NULL)
    return TRUE;
  joined = survivor != NULL ? join_properties (survivor, merged) : g_steal_pointer (&merged);

  return write_extra (self, survivor_id, joined, error);
}
